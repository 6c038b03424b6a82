// The public API, as every runtime entry (except node.js, which lists it itself) re-exports it
// after loading the wasm its own way. One list, so the entries cannot drift from index.d.ts,
// which the build emits from this file: the values below, and the types it names.
export { ERROR_CODES, MAX_TOKEN_LENGTH, Receiver, SignatureError } from "./core.js";
export { verifyRequest } from "./fetch.js";
export { sign } from "./sign.js";

/**
 * @typedef {import("./boundary.generated.js").ErrorCode} ErrorCode
 * @typedef {import("./core.js").ReceiverConfig} ReceiverConfig
 * @typedef {import("./sign.js").SignOptions} SignOptions
 * @typedef {import("./core.js").VerifyRequest} VerifyRequest
 * @typedef {import("./core.js").TokenRequest} TokenRequest
 * @typedef {import("./core.js").VerifiedClaims} VerifiedClaims
 * @typedef {import("./fetch.js").FetchRequestLike} FetchRequestLike
 * @typedef {import("./fetch.js").VerifyRequestOptions} VerifyRequestOptions
 * @typedef {import("./fetch.js").VerifiedRequest} VerifiedRequest
 */
