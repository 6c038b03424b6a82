// Node.js entry (Node 16 and later). The build (scripts/build-js.mjs) bundles this file with
// esbuild's binary loader, so dist/node.cjs carries the wasm inside it: a Lambda bundle made
// with Upstash's own esbuild command (no loader options) needs no file beside it.
import { initSync } from "../wasm/qstash_verifier.js";
import wasmBytes from "../wasm/qstash_verifier_bg.wasm";

initSync({ module: wasmBytes });

export { Receiver, SignatureError, ERROR_CODES, MAX_TOKEN_LENGTH } from "./core.js";
