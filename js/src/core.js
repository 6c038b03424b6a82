// The shared, runtime-neutral JS core of qstash-verifier.
//
// Every runtime entry (src/node.js, ...) loads the wasm module its own way, initialises the
// wasm-bindgen glue with it, and re-exports this file. Nothing here touches the file system,
// `process` or any runtime-specific API.
import * as wasm from "../wasm/qstash_verifier.js";

/** Longest `Upstash-Signature` accepted, in bytes (tokens are ASCII). Same as the Rust core. */
export const MAX_TOKEN_LENGTH = 16384;

/** Every `SignatureError.code`, in the order of the checks. A stable API. */
export const ERROR_CODES = Object.freeze([
  "missing_signature",
  "token_too_large",
  "malformed_token",
  "unsupported_algorithm",
  "invalid_signature",
  "invalid_issuer",
  "invalid_claims",
  "token_expired",
  "token_not_yet_valid",
  "url_mismatch",
  "body_mismatch",
  "missing_signing_key",
]);

/** Bodies cross into wasm in chunks of this size, so wasm memory stays small. */
const CHUNK = 64 * 1024;

/** A delivery was refused. `code` is one of `ERROR_CODES`; the message never holds a key. */
export class SignatureError extends Error {
  constructor(code, message) {
    super(message);
    this.name = "SignatureError";
    this.code = code;
  }
}

const encoder = new TextEncoder();
let hasher; // one per module instance: verification is synchronous, calls cannot interleave

function fromWasm(e) {
  if (e && typeof e === "object" && typeof e.code === "string" && !(e instanceof Error)) {
    return new SignatureError(e.code, e.message);
  }
  return e;
}

function optionalKey(value, name) {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string") throw new TypeError(`${name} must be a string`);
  return value;
}

function toBytes(body) {
  if (body === undefined || body === null) return new Uint8Array(0);
  if (typeof body === "string") return encoder.encode(body);
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError("body must be a string, a Uint8Array, an ArrayBuffer, null or undefined");
}

function toUrls(url) {
  if (url === undefined) return undefined;
  if (typeof url === "string") return [url];
  if (Array.isArray(url) && url.every((u) => typeof u === "string")) return url.slice();
  throw new TypeError("url must be a string, an array of strings, or undefined");
}

function seconds(value, name, fallback) {
  if (value === undefined) return fallback();
  if (!Number.isSafeInteger(value)) throw new TypeError(`${name} must be an integer number of seconds`);
  return value;
}

/**
 * Verifies `Upstash-Signature` tokens. The shape of `@upstash/qstash`'s `Receiver`:
 * switching is a change of import.
 */
export class Receiver {
  #keys;

  constructor(config) {
    if (config === null || typeof config !== "object") {
      throw new TypeError("Receiver needs { currentSigningKey, nextSigningKey? }");
    }
    const current = optionalKey(config.currentSigningKey, "currentSigningKey");
    const next = optionalKey(config.nextSigningKey, "nextSigningKey");
    if (current === undefined) {
      throw new SignatureError(
        "missing_signing_key",
        "no signing key: give currentSigningKey (and nextSigningKey while rolling)",
      );
    }
    try {
      this.#keys = new wasm.Keys(current, next);
    } catch (e) {
      throw fromWasm(e);
    }
  }

  /**
   * Resolves `true` when the delivery is genuine; rejects with `SignatureError` (or `TypeError`
   * for arguments of the wrong type) otherwise.
   */
  async verify(request) {
    this.verifySync(request);
    return true;
  }

  /** Same rules, synchronous; returns the verified claims and which key matched. */
  verifySync(request) {
    if (request === null || typeof request !== "object") {
      throw new TypeError("verify needs { signature, body, url?, clockTolerance?, now? }");
    }
    const { signature } = request;
    if (signature === undefined || signature === null || signature === "") {
      throw new SignatureError("missing_signature", "the Upstash-Signature header is missing or empty");
    }
    if (typeof signature !== "string") throw new TypeError("signature must be a string");
    if (signature.length > MAX_TOKEN_LENGTH) {
      throw new SignatureError(
        "token_too_large",
        `the token is ${signature.length} characters, more than the ${MAX_TOKEN_LENGTH} allowed`,
      );
    }
    const urls = toUrls(request.url);
    const tolerance = seconds(request.clockTolerance, "clockTolerance", () => 0);
    if (tolerance < 0) throw new TypeError("clockTolerance must not be negative");
    const now = seconds(request.now, "now", () => Math.floor(Date.now() / 1000));
    const bytes = toBytes(request.body);

    hasher ??= new wasm.BodyHasher();
    hasher.reset();
    for (let i = 0; i < bytes.length; i += CHUNK) hasher.update(bytes.subarray(i, i + CHUNK));
    try {
      return wasm.verify(this.#keys, signature, hasher, urls, tolerance, now);
    } catch (e) {
      throw fromWasm(e);
    }
  }
}
