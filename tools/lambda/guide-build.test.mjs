// The Lambda example is built by the guide's own command, and the tools bundle with that
// command's flags: make check and make test run this file with the tools' other tests (test-tools).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import test from "node:test";
import { GUIDE_COMMAND, GUIDE_FLAGS, GUIDE_OPTIONS } from "./guide-build.mjs";

const root = new URL("../../", import.meta.url);
const read = (path) => readFileSync(new URL(path, root), "utf8");

// As Upstash's AWS Lambda guide writes it.
const GUIDE = "esbuild index.ts --bundle --minify --sourcemap --platform=node --target=es2020 --outfile=dist/index.js";

test("examples/aws-lambda's build script runs the guide's esbuild command verbatim", () => {
  const script = JSON.parse(read("examples/aws-lambda/package.json")).scripts.build;
  const commands = script.split(/\s*(?:&&|;)\s*/);
  assert.ok(commands.includes(GUIDE), `the build script is ${JSON.stringify(script)}`);
  assert.equal(GUIDE_COMMAND, GUIDE);
});

test("the tools' esbuild flags are that command's flags", () => {
  const flags = GUIDE.split(" ").filter((w) => w.startsWith("--") && !w.startsWith("--outfile"));
  assert.deepEqual(GUIDE_FLAGS, flags);
  assert.deepEqual(GUIDE_OPTIONS, { bundle: true, minify: true, sourcemap: true, platform: "node", target: "es2020" });
});

test("the scripts that run esbuild take the command from tools/lambda/guide-build.mjs", () => {
  for (const script of ["pkg-tests/lambda-bundle/build.sh", "pkg-tests/lambda-bundle/run.sh"]) {
    const text = read(script);
    assert.match(text, /tools\/lambda\/guide-build\.mjs/, script);
    for (const flag of GUIDE_FLAGS) assert.ok(!text.includes(flag), `${script} spells ${flag} itself`);
  }
  for (const module of ["tools/bench/guide-bundle.mjs", "tools/bench/budget.mjs", "tools/bench/report.mjs"]) {
    assert.match(read(module), /from "\.\.\/lambda\/guide-build\.mjs"/, module);
  }
});
