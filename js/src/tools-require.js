// How dist/node.cjs reaches the tools module (sign()): dist/tools.cjs, the file beside it, is
// required on the first sign() only, by a path esbuild does not follow. So neither the tools
// .wasm nor its glue is in node.cjs, in a Lambda bundle made from it, or in its cold start. In a
// single-file bundle the file is not beside the bundle: sign() then throws an Error that says
// which two files to copy there.
import { join } from "node:path";

/** @import { ToolsApi } from "./tools.js" */

/** @type {ToolsApi | undefined} */
let tools;

/**
 * dist/tools.cjs (js/src/tools-node.js), required once.
 * @returns {ToolsApi}
 */
export function requireTools() {
  if (tools === undefined) {
    const path = join(__dirname, "tools.cjs");
    try {
      tools = /** @type {ToolsApi} */ (require(path));
    } catch (/** @type {any} */ e) {
      throw new Error(
        `qstash-verifier: sign() loads ${path} (${e.code || e.message}): beside a bundle, ` +
          "copy tools.cjs and qstash_verifier_tools_bg.wasm there from node_modules/qstash-verifier/dist/",
      );
    }
  }
  return tools;
}
