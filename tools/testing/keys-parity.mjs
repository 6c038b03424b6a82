// Prints the key-resolution table: every case decided by qstash-verifier's Receiver and by the
// real @upstash/qstash 2.12.0 Receiver (js/test/keys-table.mjs), then "N passed, M failed".
//   node tools/testing/keys-parity.mjs                 the whole table
//   node tools/testing/keys-parity.mjs --differences   only the deliberate differences (as in docs/keys.md)
//   node tools/testing/keys-parity.mjs --check-readme  also fail unless docs/keys.md holds that table as printed
import { readFileSync } from "node:fs";
import { decide, markdown } from "../../js/test/keys-table.mjs";

const onlyDifferences = process.argv.includes("--differences");
const rows = await decide();
console.log(markdown(rows, onlyDifferences));
console.log(
  "\n(A, B: keys in the config; C, D: QSTASH_CURRENT / NEXT_SIGNING_KEY; U1, U2 and E1, E2: the US_EAST_1_ and",
);
console.log(
  "EU_CENTRAL_1_ keys; DEV1, DEV2: the local dev server's. Ours: current, next. The SDK's: the keys it accepts.)",
);
let failed = 0;
if (process.argv.includes("--check-readme")) {
  const readme = readFileSync(new URL("../../docs/keys.md", import.meta.url), "utf8");
  if (readme.includes(markdown(rows, true))) console.log("\ndocs/keys.md holds the table of differences as printed");
  else {
    failed++;
    console.log("\nFAILED: docs/keys.md does not hold the table of differences as printed by --differences");
  }
}
for (const row of rows) {
  if (row.problems.length) {
    failed++;
    console.log(`\nFAILED ${row.c.name}:\n  ${row.problems.join("\n  ")}`);
  }
}
const differences = rows.filter((r) => r.c.sdk !== undefined).length;
console.log(
  `\n${rows.length} cases, ${rows.length - differences} decided alike by both, ${differences} deliberate differences`,
);
console.log(`${rows.length + (process.argv.includes("--check-readme") ? 1 : 0) - failed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
