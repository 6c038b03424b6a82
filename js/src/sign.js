// sign(): mints an Upstash-Signature token exactly as QStash does, byte for byte as the Rust
// core's `sign` (src/sign.rs), so handlers can be tested without QStash. Written here, on the wasm
// module's SHA-256 (or the runtime's, for the body): the package's .wasm leaves out the Rust
// `sign` export to stay small (Cargo.toml, feature `std`). Runtime-neutral: the token id's randomness
// comes from `crypto.getRandomValues` (a global in browsers, Deno, Bun, Workers, Node >= 17);
// an entry without that global (Node 16) hands one in through `setRandomSource`.
import { SignatureError, bodySha256, wasmSha256Parts as wasmSha256 } from "./core.js";

/** base64url of `{"alg":"HS256","typ":"JWT"}`, the header of every QStash token. */
const HEADER = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const encoder = new TextEncoder();
let fallbackRandom;

/** For entries whose runtime has no global `crypto.getRandomValues` (Node 16). */
export function setRandomSource(getRandomValues) {
  fallbackRandom = getRandomValues;
}

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

/** Canonical unpadded base64url (`btoa`: every runtime has it, Node 16 included). */
function base64url(bytes) {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** `s` as a JSON string, escaped as src/sign.rs escapes it (`"`, `\`, and controls only). */
function jsonString(s) {
  const escape = (c) =>
    ({ '"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" })[c] ??
    `\\u00${c.charCodeAt(0).toString(16).padStart(2, "0")}`;
  return `"${s.replace(/["\\\u0000-\u001f]/g, escape)}"`;
}

/** HMAC-SHA256 (RFC 2104) on the wasm module's SHA-256. */
function hmacSha256(key, message) {
  let k = encoder.encode(key);
  if (k.length > 64) k = wasmSha256(k);
  const inner = new Uint8Array(64).fill(0x36);
  const outer = new Uint8Array(64).fill(0x5c);
  for (let i = 0; i < k.length; i++) {
    inner[i] ^= k[i];
    outer[i] ^= k[i];
  }
  return wasmSha256(outer, wasmSha256(inner, message));
}

function integer(value, name, fallback) {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value)) throw new TypeError(`${name} must be an integer number of seconds`);
  return value;
}

/**
 * Mints a token as QStash does: header `{"alg":"HS256","typ":"JWT"}`; claims `aud: ""`,
 * `body` (base64url SHA-256 of the body, `=`-padded), `exp = now + ttl`, `iat = nbf = now`,
 * `iss: "Upstash"`, `jti`, `sub: url`. For tests of handlers: QStash's own keys sign real
 * deliveries.
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
  // The claims in QStash's order; `exp` as a BigInt sum, so that it is exact at any size.
  const claims =
    `{"aud":"","body":"${base64url(bodySha256(options.body))}=","exp":${BigInt(now) + BigInt(ttl)},` +
    `"iat":${now},"iss":"Upstash","jti":${jsonString(jti)},"nbf":${now},"sub":${jsonString(url)}}`;
  const input = `${HEADER}.${base64url(encoder.encode(claims))}`;
  return `${input}.${base64url(hmacSha256(signingKey, encoder.encode(input)))}`;
}
