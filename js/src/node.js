// Node.js entry (Node 16 and later). The build (tools/build/js.mjs) bundles this file with the
// wasm inlined (as hex), so dist/node.cjs carries the wasm inside it: a Lambda bundle made
// with Upstash's own esbuild command (no loader options) needs no file beside it.
import { initSync } from "../wasm/qstash_verifier.js";
import wasmBytes from "../wasm/qstash_verifier_bg.wasm";

import { Buffer } from "node:buffer";
import * as nodeCrypto from "node:crypto";
import { useBodyDigest, useUtf8Decoder } from "./core.js";
import { nodeBodyDigest } from "./node-digest.js";
import { setRandomSource } from "./sign.js";

initSync({ module: wasmBytes });
setRandomSource((bytes) => nodeCrypto.webcrypto.getRandomValues(bytes)); // Node 16 has no global crypto
useBodyDigest(nodeBodyDigest(nodeCrypto)); // node:crypto's SHA-256 is native: see node-digest.js
// Buffer's UTF-8 decoder for the claims and messages (core.js): TextDecoder is slower on Node 16.
// One Buffer view per ArrayBuffer (the shim decodes from one outcome buffer).
/** @type {Buffer} */
let view = Buffer.alloc(0);
useUtf8Decoder((bytes) => {
  if (view.buffer !== bytes.buffer) view = Buffer.from(bytes.buffer);
  return view.toString("utf8", bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
});

// sign()'s block: the tools .wasm (js/src/tools.js) is not in this file. dist/tools.cjs, beside
// it, is required on the first sign() only (js/src/tools-require.js), so the Lambda bundle and the
// cold start carry none of it.
import { useTools } from "./sign.js";
import { requireTools } from "./tools-require.js";

useTools(requireTools);

// (end of sign()'s block)

export { ERROR_CODES, MAX_TOKEN_LENGTH, Receiver, SignatureError } from "./core.js";
export { verifyRequest } from "./fetch.js";
export { sign } from "./sign.js";
