// The side-by-side table in docs/frameworks.md, from what every route of the framework fixtures
// answered in the last run (target/frameworks/results/*.json, written by run.sh): for each
// fixture, one row per delivery of cases.mjs and one column per route, ours and the SDK's.
//
//   node pkg-tests/frameworks/table.mjs           rewrites the table in docs/frameworks.md
//   node pkg-tests/frameworks/table.mjs --check   fails when the docs' copy is not that table
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const results = join(root, "target/frameworks/results");
const docs = join(root, "docs/frameworks.md");
const BEGIN = "<!-- BEGIN GENERATED: make frameworks-compare -->";
const END = "<!-- END GENERATED -->";

function table() {
  if (!existsSync(results)) throw new Error(`no results in ${results}: run pkg-tests/frameworks/run.sh first`);
  const out = [];
  // By fixture name, so that a fixture's variants follow it (nextjs, then nextjs-next16).
  const names = readdirSync(results)
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -5));
  for (const file of names.sort().map((n) => `${n}.json`)) {
    const byLabel = JSON.parse(readFileSync(join(results, file), "utf8"));
    const labels = Object.keys(byLabel);
    const names = [...new Set(labels.flatMap((l) => byLabel[l].map((r) => r.name)))];
    out.push(`### ${file.replace(/\.json$/, "")}`, "");
    out.push(`| delivery | expected | ${labels.join(" | ")} |`);
    out.push(`| --- | --- |${labels.map(() => " --- |").join("")}`);
    for (const name of names) {
      const want = labels.map((l) => byLabel[l].find((r) => r.name === name)).find(Boolean).want;
      const cells = labels.map((l) => {
        const row = byLabel[l].find((r) => r.name === name);
        if (row === undefined) return "—";
        return row.ok ? `${row.got}` : `**${row.got}**`;
      });
      out.push(`| ${name} | ${want} | ${cells.join(" | ")} |`);
    }
    out.push("");
  }
  out.push("Bold: not the expected answer.");
  return out.join("\n");
}

const text = readFileSync(docs, "utf8");
const start = text.indexOf(BEGIN);
const end = text.indexOf(END);
if (start === -1 || end === -1) throw new Error(`${docs} has no ${BEGIN} ... ${END} block`);
const updated = `${text.slice(0, start + BEGIN.length)}\n${table()}\n${text.slice(end)}`;
if (process.argv.includes("--check")) {
  if (updated !== text) {
    console.error("docs/frameworks.md's table is not what the fixtures answered: run make frameworks-compare");
    process.exit(1);
  }
  console.log("docs/frameworks.md's table is current");
} else {
  writeFileSync(docs, updated);
  console.log("docs/frameworks.md: table rewritten");
}
