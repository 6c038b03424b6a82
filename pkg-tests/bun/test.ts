// Bun: the package installed with npm and imported by its bare name (Bun resolves the `bun`
// condition). Vectors in process, then a Bun.serve handler receiving real HTTP POSTs.
// Usage: bun run test.ts path/to/vectors.json
import * as pkg from "qstash-verifier";
import { fetchRequest, report, reportHostile, runVectors } from "../../tools/testing/vectors.mjs";
import { runHostileCallers } from "../shared/hostile-callers.mjs";
import { hostileFixtures } from "../shared/hostile-fixtures.mjs";
import { makeHandler } from "../shared/handler.mjs";
import { KEYS, runE2E } from "../shared/e2e.mjs";

const { vectors } = JSON.parse(await Bun.file(Bun.argv[2]).text());
const v = report("bun", await runVectors(pkg, vectors, fetchRequest));
// The bun entry hashes bodies in wasm: the hostile callers' cases, typed-array subclasses too.
const h = reportHostile("bun", await runHostileCallers(pkg, hostileFixtures()));

const server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: makeHandler(pkg, KEYS) });
const e = await runE2E(`http://127.0.0.1:${server.port}`);
server.stop(true);

const resolved = import.meta.resolve("qstash-verifier");
console.log([...v.lines, ...h.lines, ...e.lines].join("\n"));
const passed = v.passed + h.passed + e.passed;
const failed = v.failed + h.failed + e.failed;
console.log(`bun (bun ${Bun.version}, ${resolved.split("/").pop()}, Bun.serve): ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
