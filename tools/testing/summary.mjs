// `make test`'s closing table: reads the log of the run (every stage starts with the Makefile's
// "==> name  [N s]" line) and prints, per stage, its time and the passed and failed counts its
// suites reported, so two runs can be compared suite by suite.
//   node tools/testing/summary.mjs LOG            print the table (markdown)
//   node tools/testing/summary.mjs LOG --compare BASE.md
//                                                 also fail if fewer tests pass in all (fuzzing
//                                                 aside) than in BASE.md (a table this script
//                                                 printed earlier), or if any test failed
import { readFileSync } from "node:fs";

// Count lines as each runner prints them. Only unindented lines count (bun's aside), so a runner's
// per-file lines are not added to its own closing total.
const COUNTS = [
  // cargo test, wasm-pack test (wasm-bindgen-test-runner), doctests
  [/^test result: \w+\. (\d+) passed; (\d+) failed/, (m) => [+m[1], +m[2]]],
  // the project's own runners: "<what>: N passed, M failed" (js-tests.sh, keys parity, fixtures, ...)
  [/^(?:\S.*?\b)?(\d+) passed, (\d+) failed\b/, (m) => [+m[1], +m[2]]],
  // TAP (node --test --test-reporter=tap, and node:test run directly)
  [/^# pass (\d+)$/, (m) => [+m[1], 0]],
  [/^# fail (\d+)$/, (m) => [0, +m[1]]],
  // the conformance suite: every case is agreed or a documented difference, or it fails
  [/^conformance: (\d+) cases, (\d+) undocumented differences/, (m) => [+m[1] - +m[2], +m[2]]],
  // cargo fuzz: a target passes when it found no crash
  [/^fuzz: (\d+) targets, \d+ executions, (\d+) crashes/, (m) => [+m[1], +m[2]]],
  // deno test
  [/^(?:ok|FAILED) \| (\d+) passed(?: \(\d+ steps?\))? \| (\d+) failed/, (m) => [+m[1], +m[2]]],
  // bun test, whose totals are two lines: " N pass" then " M fail"
  [/^ (\d+) pass$/, (m) => [+m[1], 0]],
  [/^ (\d+) fail$/, (m) => [0, +m[1]]],
];
const STAGE = /==> (.*?)\s+\[(\d+) s\]\s*$/;
// The Makefile's bold stage names, and any runner's colours.
const COLOURS = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

export function parse(text) {
  const stages = [];
  let current = stageAt("setup", 0);
  for (const raw of text.split("\n")) {
    const line = raw.replace(COLOURS, "");
    const stage = STAGE.exec(line);
    if (stage) {
      stages.push(current);
      current = stageAt(stage[1].trim(), +stage[2]);
      continue;
    }
    const counts = countsOf(line);
    if (counts) add(current, counts);
  }
  stages.push(current);
  for (let i = 0; i < stages.length; i++) {
    const next = stages[i + 1];
    stages[i].seconds = next ? next.start - stages[i].start : 0;
  }
  return stages;
}

function stageAt(name, start) {
  return { name, start, passed: 0, failed: 0, counted: false, pending: [] };
}

// A runner that prints each part's counts and then their total is counted once: a line equal to
// the sum of the lines since the last total replaces them.
function add(stage, [passed, failed]) {
  const sum = stage.pending.reduce((t, [p, f]) => [t[0] + p, t[1] + f], [0, 0]);
  if (stage.pending.length > 1 && sum[0] === passed && sum[1] === failed) {
    stage.pending = [];
  } else {
    stage.pending.push([passed, failed]);
    stage.passed += passed;
    stage.failed += failed;
  }
  stage.counted = true;
}

function countsOf(line) {
  for (const [pattern, read] of COUNTS) {
    const m = pattern.exec(line);
    if (m) return read(m);
  }
  return null;
}

export function render(stages) {
  const rows = ["| stage | time (s) | passed | failed |", "| --- | ---: | ---: | ---: |"];
  let passed = 0;
  let failed = 0;
  for (const s of stages) {
    const counts = s.counted ? [s.passed, s.failed] : ["", ""];
    rows.push(`| ${s.name.replaceAll("|", "\\|")} | ${s.seconds} | ${counts[0]} | ${counts[1]} |`);
    passed += s.passed;
    failed += s.failed;
  }
  const total = stages.reduce((t, s) => t + s.seconds, 0);
  rows.push(`| **all stages** | ${total} | ${passed} | ${failed} |`);
  return rows.join("\n");
}

// Reads back a table that `render` printed.
export function readTable(markdown) {
  const stages = [];
  for (const line of markdown.split("\n")) {
    const cells = line
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map((c) => c.trim());
    if (cells.length !== 4 || !/^\d+$/.test(cells[1]) || cells[0].startsWith("**")) continue;
    const counted = cells[2] !== "";
    stages.push({
      name: cells[0].replaceAll("\\|", "|"),
      seconds: +cells[1],
      passed: +cells[2],
      failed: +cells[3],
      counted,
    });
  }
  return stages;
}

// The fuzz stage's count is its targets, which the comparison leaves aside with its executions.
const totalPassed = (stages) =>
  stages.filter((s) => !s.name.startsWith("cargo fuzz")).reduce((t, s) => t + s.passed, 0);

export function compare(stages, base) {
  const lines = ["| stage | passed (base) | passed (now) |", "| --- | ---: | ---: |"];
  const byName = new Map(stages.map((s) => [s.name, s]));
  for (const b of base.filter((s) => s.counted)) {
    const now = byName.get(b.name);
    lines.push(
      `| ${b.name.replaceAll("|", "\\|")} | ${b.passed} | ${now?.counted ? now.passed : "(no stage of this name)"} |`,
    );
  }
  const baseNames = new Set(base.map((s) => s.name));
  for (const s of stages.filter((s) => s.counted && !baseNames.has(s.name))) {
    lines.push(`| ${s.name.replaceAll("|", "\\|")} (new name) | | ${s.passed} |`);
  }
  const [was, is] = [totalPassed(base), totalPassed(stages)];
  lines.push(`| **all stages but fuzzing** | ${was} | ${is} |`);
  const failed = stages.reduce((t, s) => t + s.failed, 0);
  return { table: lines.join("\n"), ok: is >= was && failed === 0 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [log, flag, basePath] = process.argv.slice(2);
  if (!log || (flag && flag !== "--compare") || (flag && !basePath)) {
    console.error("usage: summary.mjs LOG [--compare BASE.md]");
    process.exit(2);
  }
  const stages = parse(readFileSync(log, "utf8"));
  console.log(render(stages));
  if (flag) {
    const { table, ok } = compare(stages, readTable(readFileSync(basePath, "utf8")));
    console.log(`\nAgainst ${basePath}:\n\n${table}`);
    if (!ok) process.exit(1);
  }
}
