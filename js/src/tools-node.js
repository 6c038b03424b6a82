// dist/tools.cjs: the tools module for Node.js (js/src/tools.js and its wasm-bindgen glue), which
// dist/node.cjs requires on the first sign() (js/src/tools-require.js) and dist/cli.cjs for
// `inspect`. Its .wasm is the file beside it, read on the first call.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { useToolsWasm } from "./tools.js";

useToolsWasm(() => {
  const path = join(__dirname, "qstash_verifier_tools_bg.wasm");
  try {
    return readFileSync(path);
  } catch (/** @type {any} */ e) {
    throw new Error(
      `qstash-verifier: sign() runs in a second .wasm, ${path}, which cannot be read (${e.code || e.message}): ` +
        "copy it from node_modules/qstash-verifier/dist/ beside tools.cjs.",
    );
  }
});

export { diagnose, signToken } from "./tools.js";
