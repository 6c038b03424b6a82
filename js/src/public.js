// The public API, as every runtime entry (except node.js, which lists it itself) re-exports it
// after loading the wasm its own way. One list, so the entries cannot drift from index.d.ts.
export { Receiver, SignatureError, ERROR_CODES, MAX_TOKEN_LENGTH } from "./core.js";
export { sign } from "./sign.js";
export { verifyRequest } from "./fetch.js";
