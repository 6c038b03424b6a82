// The physical line count of tools/lint/function-lines.mjs: comments count, and nested functions
// are judged on their own.
import assert from "node:assert/strict";
import { test } from "node:test";
import { longFunctions } from "./function-lines.mjs";

const body = (n) => Array.from({ length: n }, (_, i) => `  // line ${i}`).join("\n");

test("a function of 80 lines passes, one of 81 does not, comments included", () => {
  assert.deepEqual(longFunctions("a.js", `function ok() {\n${body(78)}\n}\n`), []);
  assert.deepEqual(longFunctions("a.js", `function long() {\n${body(79)}\n}\n`), ["a.js:1: 81 lines (long)"]);
});

test("an arrow function inside a short one is found", () => {
  const text = `const f = () => {\n  const g = () => {\n${body(80)}\n  };\n};\n`;
  assert.equal(longFunctions("b.mjs", text).length, 2);
});
