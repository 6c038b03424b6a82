// sign(): mints an Upstash-Signature token exactly as QStash does, by the Rust core's `sign`
// (src/sign.rs) in the tools .wasm (js/src/tools.js), so handlers can be tested without QStash.
// The tools .wasm is a second module, which the verifying one does without: each entry hands
// useTools the way to it, and it is loaded on the first sign() only. This file checks the
// arguments and draws the token id; the claims, their JSON, the body's SHA-256 and the HMAC are
// Rust's. Runtime-neutral: the token id's randomness comes from `crypto.getRandomValues` (a global
// in browsers, Deno, Bun, Workers, Node >= 17); an entry without that global (Node 16) hands one
// in through `setRandomSource`.
import { SignatureError } from "./core.js";

/** @import { ToolsApi } from "./tools.js" */

/**
 * What `sign` puts in a token.
 * @typedef {object} SignOptions
 * @property {string} signingKey The key to sign with. Empty or absent: `SignatureError`
 *   `missing_signing_key`.
 * @property {string} url The destination url (`sub`).
 * @property {string | Uint8Array | ArrayBuffer | ArrayBufferView | null} [body] The raw body; a
 *   string is hashed as UTF-8.
 * @property {number | undefined} [now] Issue time (`iat`, `nbf`), unix seconds. Default: now.
 * @property {number | undefined} [ttl] Lifetime in seconds (`exp = now + ttl`). Default 300, as QStash.
 * @property {string | undefined} [jti] The token id. Default: `jwt_` and 28 random letters and
 *   digits, as QStash.
 */

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const encoder = new TextEncoder();
const bufferLength = /** @type {(this: unknown) => number} */ (
  /** @type {PropertyDescriptor} */ (Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "byteLength")).get
);
/** @type {((bytes: Uint8Array) => unknown) | undefined} */
let fallbackRandom;
/** @type {() => ToolsApi} */
let getTools; // () => the tools module's API (js/src/tools.js), set by every entry

/**
 * For entries: `get()` returns the tools module (js/src/tools.js), loading it if need be.
 * @param {() => ToolsApi} get
 */
export function useTools(get) {
  getTools = get;
}

/**
 * For entries whose runtime has no global `crypto.getRandomValues` (Node 16).
 * @param {(bytes: Uint8Array) => unknown} getRandomValues
 */
export function setRandomSource(getRandomValues) {
  fallbackRandom = getRandomValues;
}

/** @param {number} n */
function randomBytes(n) {
  const bytes = new Uint8Array(n);
  const c = globalThis.crypto;
  if (c && typeof c.getRandomValues === "function") c.getRandomValues(bytes);
  else if (fallbackRandom) fallbackRandom(bytes);
  else throw new TypeError("no crypto.getRandomValues in this runtime: pass a jti to sign()");
  return bytes;
}

/** `jwt_` and 28 random letters and digits, as QStash's token ids look. */
function randomJti() {
  let out = "jwt_";
  while (out.length < 32) {
    for (const b of randomBytes(32)) {
      // 248 = 4 * 62: dropping 248..255 keeps every character equally likely.
      if (b < 248 && out.length < 32) out += ALPHABET[b % 62];
    }
  }
  return out;
}

/**
 * The body's bytes, as the Receiver reads a body: a string as UTF-8, the bytes of a view or an
 * ArrayBuffer as they are, null and undefined as none. (A detached buffer throws a TypeError.)
 * @param {unknown} body
 */
function bytesOf(body) {
  if (body === undefined || body === null) return new Uint8Array(0);
  if (typeof body === "string") return encoder.encode(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  try {
    bufferLength.call(body); // an ArrayBuffer, of any realm
  } catch {
    throw new TypeError("body must be a string, a Uint8Array (or other view), an ArrayBuffer, null or undefined");
  }
  return new Uint8Array(/** @type {ArrayBuffer} */ (body));
}

/**
 * @param {number | undefined} value
 * @param {string} name
 * @param {number} fallback
 */
function integer(value, name, fallback) {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value)) throw new TypeError(`${name} must be an integer number of seconds`);
  return value;
}

/**
 * Mints an `Upstash-Signature` token exactly as QStash does, for tests of handlers (QStash's own
 * keys sign real deliveries): header `{"alg":"HS256","typ":"JWT"}`; claims `aud: ""`, `body`
 * (base64url SHA-256 of the body, `=`-padded), `exp = now + ttl`, `iat = nbf = now`,
 * `iss: "Upstash"`, `jti`, `sub: url`. Runs in the package's second .wasm (`qstash_verifier_tools_bg.wasm`),
 * loaded on the first call: on Node from `dist/tools.cjs` beside `dist/node.cjs` (copy both
 * files next to a single-file bundle); with `qstash-verifier/wasm`, after `initToolsWasm`.
 * @param {SignOptions} options
 * @returns {string}
 */
export function sign(options) {
  if (options === null || typeof options !== "object") {
    throw new TypeError("sign needs { signingKey, url, body, now?, ttl?, jti? }");
  }
  const { signingKey, url } = options;
  if (signingKey !== undefined && signingKey !== null && typeof signingKey !== "string") {
    throw new TypeError("signingKey must be a string");
  }
  if (!signingKey) throw new SignatureError("missing_signing_key", "no signing key: give signingKey");
  if (typeof url !== "string") throw new TypeError("url must be a string");
  const now = integer(options.now, "now", Math.floor(Date.now() / 1000));
  const ttl = integer(options.ttl, "ttl", 300);
  if (ttl < 0) throw new TypeError("ttl must not be negative");
  const jti = options.jti === undefined ? randomJti() : options.jti;
  if (typeof jti !== "string") throw new TypeError("jti must be a string");
  const body = bytesOf(options.body);
  try {
    return getTools().signToken(signingKey, url, body, now, ttl, jti);
  } catch (e) {
    if (e === "missing_signing_key") throw new SignatureError(e, "no signing key: give signingKey");
    throw e;
  }
}
