// Node.js entry (Node 16 and later). The build (scripts/build-js.mjs) bundles this file with the
// wasm inlined (as hex), so dist/node.cjs carries the wasm inside it: a Lambda bundle made
// with Upstash's own esbuild command (no loader options) needs no file beside it.
import { initSync } from "../wasm/qstash_verifier.js";
import wasmBytes from "../wasm/qstash_verifier_bg.wasm";

import * as nodeCrypto from "node:crypto";
import { disableFinalization, useBodyDigest, useUtf8Decoder } from "./core.js";
import { nodeBodyDigest } from "./node-digest.js";
import { setRandomSource } from "./sign.js";

initSync({ module: wasmBytes });
setRandomSource((bytes) => nodeCrypto.webcrypto.getRandomValues(bytes)); // Node 16 has no global crypto
useBodyDigest(nodeBodyDigest(nodeCrypto)); // node:crypto's SHA-256 is native: see node-digest.js
// Buffer's UTF-8 decoder for the claims record (core.js, claimsFrom): TextDecoder takes 2 µs a
// record on Node 16, Buffer's a tenth of that; on Node 20 both about 0.15 µs. One Buffer view of
// wasm memory, made again when the memory grows (its old ArrayBuffer is then detached).
let memoryView;
useUtf8Decoder((buffer, start, end) => {
  if (memoryView === undefined || memoryView.buffer !== buffer) memoryView = Buffer.from(buffer);
  return memoryView.toString("utf8", start, end);
});
// Node 16 (and 17) can hang at exit with a finalizer pending: see core.js, makeKeys.
if (Number(process.versions.node.split(".")[0]) < 18) disableFinalization();

export { Receiver, SignatureError, ERROR_CODES, MAX_TOKEN_LENGTH } from "./core.js";
export { sign } from "./sign.js";
export { verifyRequest } from "./fetch.js";
