// The closing table of `make test`: counts read from each runner's own lines, each stage's time
// from the step lines, a total counted once, and a comparison that fails on a lost test.
import assert from "node:assert/strict";
import { test } from "node:test";
import { compare, parse, readTable, render } from "./summary.mjs";

const ESC = String.fromCharCode(27);
const LOG = [
  `${ESC}[1m==> cargo test (native)${ESC}[0m  [10 s]`,
  "test result: ok. 39 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.07s",
  "test result: ok. 4 passed; 1 failed; 0 ignored",
  `${ESC}[1m==> JS tests on Node 20${ESC}[0m  [25 s]`,
  "  js/test/a.test.mjs   3 passed, 0 failed",
  "node v20.20.2: 3 passed, 0 failed",
  `${ESC}[1m==> pkg-tests${ESC}[0m  [31 s]`,
  "node16-cjs (require): 5 passed, 0 failed",
  "deno: 2 passed, 0 failed",
  "pkg-tests: 7 passed, 0 failed",
  "ok | 6 passed | 0 failed (2s)",
  " 4 pass",
  " 0 fail",
  `${ESC}[1m==> all tests passed${ESC}[0m  [40 s]`,
].join("\n");

test("counts and times are read per stage, and a total is counted once", () => {
  const stages = parse(LOG);
  const by = Object.fromEntries(stages.map((s) => [s.name, s]));
  assert.deepEqual([by["cargo test (native)"].passed, by["cargo test (native)"].failed], [43, 1]);
  assert.equal(by["cargo test (native)"].seconds, 15);
  assert.equal(by["JS tests on Node 20"].passed, 3);
  assert.equal(by["pkg-tests"].passed, 17);
  assert.equal(by["pkg-tests"].seconds, 9);
  assert.equal(by["all tests passed"].counted, false);
});

test("a rendered table reads back, and the comparison fails on a lost or failed test", () => {
  const stages = parse(LOG);
  const table = readTable(render(stages));
  assert.deepEqual(
    table.map((s) => [s.name, s.passed]),
    stages.map((s) => [s.name, s.passed]),
  );
  const fewer = parse(
    LOG.replace("node v20.20.2: 3 passed", "node v20.20.2: 2 passed").replace("3 passed, 0 failed\n", ""),
  );
  assert.equal(compare(fewer, table).ok, false);
  assert.equal(compare(stages, table).ok, false, "the log has a failed test");
  const clean = parse(LOG.replace("4 passed; 1 failed", "5 passed; 0 failed"));
  assert.equal(compare(clean, readTable(render(clean))).ok, true);
});
