// Node.js entry (Node 16 and later). The build (scripts/build-js.mjs) bundles this file with the
// wasm inlined (as hex), so dist/node.cjs carries the wasm inside it: a Lambda bundle made
// with Upstash's own esbuild command (no loader options) needs no file beside it.
import { initSync } from "../wasm/qstash_verifier.js";
import wasmBytes from "../wasm/qstash_verifier_bg.wasm";

import * as nodeCrypto from "node:crypto";
import { disableFinalization, useBodyDigest } from "./core.js";
import { nodeBodyDigest } from "./node-digest.js";
import { setRandomSource } from "./sign.js";

initSync({ module: wasmBytes });
setRandomSource((bytes) => nodeCrypto.webcrypto.getRandomValues(bytes)); // Node 16 has no global crypto
useBodyDigest(nodeBodyDigest(nodeCrypto)); // node:crypto's SHA-256 is native: see node-digest.js
// Node 16 (and 17) can hang at exit with a finalizer pending: see core.js, makeKeys.
if (Number(process.versions.node.split(".")[0]) < 18) disableFinalization();

export { Receiver, SignatureError, ERROR_CODES, MAX_TOKEN_LENGTH } from "./core.js";
export { sign } from "./sign.js";
export { verifyRequest } from "./fetch.js";
