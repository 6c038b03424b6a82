// The shared, runtime-neutral JS core of qstash-verifier.
//
// Every runtime entry (src/node.js, ...) loads the wasm module its own way, initialises the
// wasm-bindgen glue with it, and re-exports this file. Nothing here touches the file system or
// any runtime-specific API; `process.env` is read only by keys.js, through `globalThis`, guarded.
//
// This file converts and reports; the core decides. A call reads every input of the request once
// into locals (getters, the url list, the region's keys and any warning they print), then hashes
// the body, writes the request into the one scratch buffer and calls the wasm `verify`
// (src/boundary.rs has the layout; boundary.generated.js its constants). Between calls the wasm
// module keeps only the last key pair's prepared HMAC state, found again by the pair's bytes.
import * as glue from "../wasm/qstash_verifier.js";
import * as layout from "./boundary.generated.js";
import { guardWasm } from "./abandon.js";
import { resolveKeys } from "./keys.js";

/**
 * @import { ErrorCode } from "./boundary.generated.js"
 * @import { KeyPair, ResolvedKeys } from "./keys.js"
 */

/**
 * Where the keys come from, in order (as `@upstash/qstash` 2.12's `Receiver`): dev mode; these
 * keys; the environment (`env`, else `process.env`): `QSTASH_CURRENT_SIGNING_KEY` /
 * `QSTASH_NEXT_SIGNING_KEY`, or with `QSTASH_REGION` set, `${REGION}_QSTASH_CURRENT_SIGNING_KEY`
 * / `${REGION}_QSTASH_NEXT_SIGNING_KEY` for the request's `upstashRegion`.
 * @typedef {object} ReceiverConfig
 * @property {string | null | undefined} [currentSigningKey] The current signing key (QStash
 *   console → Signing keys). Absent: from the environment.
 * @property {string | null | undefined} [nextSigningKey] The next signing key; optional (the
 *   official SDK demands it).
 * @property {boolean | undefined} [devMode] `true`: verify with the local QStash dev server's public keys
 *   (refused, with `SignatureError` `missing_signing_key`, when `NODE_ENV` is `"production"`);
 *   `false`: never; absent: as `QSTASH_DEV` says (`"true"` / `"1"`).
 * @property {Readonly<Record<string, string | undefined>> | undefined} [env] The environment
 *   variables to read (a Worker's `env`, `Deno.env.toObject()`). Default: `process.env` where it exists.
 */

/**
 * @typedef {object} VerifyRequest
 * @property {string | null | undefined} signature The `Upstash-Signature` header value.
 * @property {string | Uint8Array | ArrayBuffer | ArrayBufferView | null | undefined} [body] The raw body: a
 *   string is hashed as UTF-8; bytes as they are; null or undefined as empty.
 * @property {string | readonly string[] | undefined} [url] The url the message was published to: `sub` must
 *   equal it (or one of a list). Absent: not checked, as in `@upstash/qstash`; a token for another
 *   endpoint of the same account is then accepted too.
 * @property {string} [path] Instead of `url`: the request's path (`/api/qstash`), which the path
 *   of `sub` must equal, for a receiver with no trusted source for its host.
 * @property {number | undefined} [clockTolerance] Seconds of clock skew tolerated on `exp` and
 *   `nbf`. Default 0.
 * @property {number | undefined} [now] The verification time in unix seconds, for tests. Default:
 *   `Date.now()`.
 * @property {string | null | undefined} [upstashRegion] The `upstash-region` header: selects the keys when
 *   `QSTASH_REGION` is set (multi-region).
 * @property {number} [maxBodyBytes] The longest body accepted, in bytes: a longer one is refused
 *   as `body_too_large`, unhashed.
 */

/**
 * What `checkToken` checks: the request without its body, and `bodyLength`, the body's declared
 * (or so far read) length, checked against `maxBodyBytes`.
 * @typedef {Omit<VerifyRequest, "body"> & { bodyLength?: number | undefined }} TokenRequest
 */

/**
 * The claims of a verified token, and which key signed it.
 * @typedef {object} VerifiedClaims
 * @property {"Upstash"} iss
 * @property {string} sub The destination url.
 * @property {number} exp
 * @property {number} nbf
 * @property {number} [iat]
 * @property {string} [jti]
 * @property {string} [aud]
 * @property {string} body base64url(SHA-256(body)) as in the token.
 * @property {"current" | "next"} key `"next"` once QStash has rolled its keys: the old current key
 *   can then be retired.
 */

/**
 * Longest `Upstash-Signature` accepted, in bytes (tokens are ASCII): src/lib.rs's `MAX_TOKEN_LEN`.
 * @type {number}
 */
export const MAX_TOKEN_LENGTH = layout.MAX_TOKEN_LEN;

/** Every `SignatureError.code`, in the order of the checks (src/error.rs's `Error::CODES`). */
export const ERROR_CODES = layout.ERROR_CODES;

/** Bodies cross into wasm in chunks of this size, so wasm memory stays small. */
const CHUNK = 64 * 1024;

/** A delivery was refused. The message never contains a signing key. */
export class SignatureError extends Error {
  /**
   * @param {ErrorCode} code
   * @param {string} message
   */
  constructor(code, message) {
    super(message);
    /** @readonly */
    this.name = /** @type {const} */ ("SignatureError");
    /** @readonly One of `ERROR_CODES`. */
    this.code = code;
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** @type {(bytes: Uint8Array) => string} */
let decodeUtf8 = (bytes) => decoder.decode(bytes);

/**
 * For runtime entries: `decode(uint8Array)` returns its bytes decoded as UTF-8.
 * @param {(bytes: Uint8Array) => string} decode
 */
export function useUtf8Decoder(decode) {
  decodeUtf8 = decode;
}

/**
 * The glue with the `reinstantiate` that tools/build/build.mjs appends to it (its .d.ts is wasm-bindgen's).
 * @typedef {typeof glue & { reinstantiate(): unknown }} Glue
 */

/** Calls into wasm through `f`; a new instance after an abandoned call (abandon.js). */
const intoWasm = guardWasm(() => /** @type {Glue} */ (glue).reinstantiate());

// The intrinsics a body is read with, taken once: a typed-array subclass may override `length`,
// `subarray` or `buffer`, and these still give its real bytes.
const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
/** @type {(proto: object, name: string) => (this: unknown) => any} */
const getter = (proto, name) => /** @type {any} */ (Object.getOwnPropertyDescriptor(proto, name)).get;
const typedBuffer = getter(TypedArrayPrototype, "buffer");
const typedOffset = getter(TypedArrayPrototype, "byteOffset");
const typedLength = getter(TypedArrayPrototype, "byteLength");
const viewBuffer = getter(DataView.prototype, "buffer");
const viewOffset = getter(DataView.prototype, "byteOffset");
const viewLength = getter(DataView.prototype, "byteLength");
const bufferLength = getter(ArrayBuffer.prototype, "byteLength");
const subarray = Uint8Array.prototype.subarray;
const isView = ArrayBuffer.isView;

/**
 * A TypeError for a body view that cannot be read: its buffer detached, or shrunk below it.
 * @param {ArrayBufferLike} buffer
 */
function unreadable(buffer) {
  try {
    new Uint8Array(buffer, 0, 0);
  } catch {
    return new TypeError("body is a view on a detached ArrayBuffer (its bytes were transferred away)");
  }
  return new TypeError("body is a view out of the bounds of its ArrayBuffer (the buffer was resized below it)");
}

/**
 * The body as the hashers take it: a string (hashed as UTF-8) or a plain Uint8Array over the
 * body's real bytes. A view on a detached buffer, or out of its resizable buffer's bounds, is a
 * TypeError: it has no bytes, and is not an empty body.
 * @param {unknown} body
 * @returns {string | Uint8Array}
 */
function bodyOf(body) {
  if (body === undefined || body === null) return new Uint8Array(0);
  if (typeof body === "string") return body;
  if (isView(body)) {
    let typed = true;
    try {
      typedLength.call(body);
    } catch {
      typed = false; // a DataView
    }
    if (typed) {
      const buffer = typedBuffer.call(body);
      const length = typedLength.call(body);
      // A detached or out-of-bounds view reports no bytes; so does a genuinely empty one, which
      // a copy (of nothing) tells apart: it throws for the first two. (Not `values()`, which
      // JavaScriptCore's optimising JIT stops checking after a while.)
      if (length === 0) {
        try {
          new Uint8Array(/** @type {Uint8Array} */ (body));
        } catch {
          throw unreadable(buffer);
        }
      }
      return new Uint8Array(buffer, typedOffset.call(body), length);
    }
    const buffer = viewBuffer.call(body);
    let length;
    try {
      length = viewLength.call(body); // throws for a detached or out-of-bounds DataView
    } catch {
      throw unreadable(buffer);
    }
    return new Uint8Array(buffer, viewOffset.call(body), length);
  }
  let isBuffer = true;
  try {
    bufferLength.call(body);
  } catch {
    isBuffer = false;
  }
  if (isBuffer) {
    try {
      return new Uint8Array(/** @type {ArrayBuffer} */ (body));
    } catch {
      throw new TypeError("body is a detached ArrayBuffer (its bytes were transferred away)");
    }
  }
  throw new TypeError("body must be a string, a Uint8Array (or other view), an ArrayBuffer, null or undefined");
}

/** @typedef {(body: string | Uint8Array) => Uint8Array | undefined} BodyDigest */

/** @type {BodyDigest | undefined} */
let bodyDigest; // set by an entry whose runtime hashes faster than wasm (src/node.js)

/**
 * For runtime entries: `digest(body)` returns the SHA-256 of `body` (a string, hashed as UTF-8,
 * or a plain Uint8Array) as 32 bytes.
 * @param {BodyDigest} digest
 */
export function useBodyDigest(digest) {
  bodyDigest = digest;
}

/**
 * The SHA-256 of `bytes` (a string, as UTF-8, or a Uint8Array) by wasm, in chunks.
 * @param {string | Uint8Array} bytes
 */
function wasmSha256(bytes) {
  const data = typeof bytes === "string" ? encoder.encode(bytes) : bytes;
  return intoWasm(() => {
    glue.sha256_update(subarray.call(data, 0, CHUNK), true);
    for (let i = CHUNK; i < data.length; i += CHUNK) glue.sha256_update(subarray.call(data, i, i + CHUNK), false);
    const digest = new Uint8Array(32);
    if (!glue.sha256_finish(digest))
      throw new Error("qstash-verifier: the wasm hasher was held (a bug: please report it)");
    return digest;
  });
}

/**
 * UTF-8 length of `s` as TextEncoder encodes it (a lone surrogate as U+FFFD, 3 bytes).
 * @param {string} s
 */
function utf8Length(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

// The one scratch buffer requests are written into, and the one wasm hasher; `busy` while a call
// uses them, so that a verification started from inside another (only possible through a patched
// global) is refused instead of overwriting them. Cleared in a `finally`, so no exception leaves
// it set.
let scratch = new Uint8Array(4096);
let scratchView = new DataView(scratch.buffer);
let busy = false;
let outcome = new Uint8Array(4096); // what wasm's verify writes its outcome into
let outcomeView = new DataView(outcome.buffer);

/**
 * A view of `n` bytes from the start of the outcome buffer, grown as needed.
 * @param {number} n
 */
function outcomeRoom(n) {
  if (n > outcome.length) {
    outcome = new Uint8Array(Math.max(n, 2 * outcome.length));
    outcomeView = new DataView(outcome.buffer);
  }
  return subarray.call(outcome, 0, n);
}

/**
 * Writes the request (src/boundary.rs) for `keys`, the token, `urls` (or undefined; with `path`,
 * one path), `limit` (`[max, length]` or undefined) and `digest` (or undefined) into the scratch
 * buffer; returns the view to hand to wasm. The token's bytes are left out when it is longer than
 * the core's limit, and each url is cut at the core's url limit: nothing is copied that the core
 * would refuse unread.
 * @param {KeyPair} keys
 * @param {string} signature
 * @param {string[] | undefined} urls
 * @param {boolean} path
 * @param {[number, number] | undefined} limit
 * @param {Uint8Array | undefined} digest
 * @param {boolean} claims
 */
function writeRequest(keys, signature, urls, path, limit, digest, claims) {
  const tokenRoom = Math.min(3 * signature.length, layout.MAX_TOKEN_LEN);
  let need = 1 + 8 + keys.current.length + keys.next.length + 8 + tokenRoom + 8 + 32;
  if (urls !== undefined) for (const url of urls) need += 4 + Math.min(3 * url.length, layout.MAX_URL_LEN);
  if (need > scratch.length) {
    scratch = new Uint8Array(Math.max(need, 2 * scratch.length));
    scratchView = new DataView(scratch.buffer);
  }
  const out = scratch;
  const view = scratchView;
  out[0] =
    (digest !== undefined ? layout.FLAG_BODY : 0) |
    (urls !== undefined ? layout.FLAG_URLS : 0) |
    (path ? layout.FLAG_PATH : 0) |
    (limit !== undefined ? layout.FLAG_LIMIT : 0) |
    (claims ? layout.FLAG_CLAIMS : 0);
  let at = 1;
  for (const key of [keys.current, keys.next]) {
    view.setUint32(at, key.length, true);
    out.set(key, at + 4);
    at += 4 + key.length;
  }
  let tokenLength;
  if (signature.length > layout.MAX_TOKEN_LEN) tokenLength = utf8Length(signature);
  else {
    const { read, written } = encoder.encodeInto(signature, subarray.call(out, at + 4, at + 4 + layout.MAX_TOKEN_LEN));
    tokenLength = read < signature.length ? utf8Length(signature) : written;
  }
  view.setUint32(at, tokenLength, true);
  at += 4 + (tokenLength > layout.MAX_TOKEN_LEN ? 0 : tokenLength);
  view.setUint32(at, urls === undefined ? 0 : urls.length, true);
  at += 4;
  if (urls !== undefined) {
    for (const url of urls) {
      const { written } = encoder.encodeInto(url, subarray.call(out, at + 4, at + 4 + layout.MAX_URL_LEN));
      view.setUint32(at, written, true);
      at += 4 + written;
    }
  }
  if (limit !== undefined) {
    view.setUint32(at, limit[0], true);
    view.setUint32(at + 4, limit[1], true);
    at += 8;
  }
  if (digest !== undefined) {
    out.set(digest, at);
    at += 32;
  }
  return subarray.call(out, 0, at);
}

/**
 * The outcome wasm's `verify` wrote (src/boundary.rs) at the start of the outcome buffer: the
 * claims, `{ key }`, or a throw.
 * @param {Uint8Array} out
 * @param {boolean} claims
 * @returns {VerifiedClaims | { key: "current" | "next" }}
 */
function readOutcome(out, claims) {
  const status = out[layout.OUT_STATUS];
  if (status >= layout.STATUS_REFUSED) {
    throw new SignatureError(
      ERROR_CODES[status - layout.STATUS_REFUSED],
      decodeUtf8(subarray.call(out, layout.OUT_MESSAGE)),
    );
  }
  if (status !== layout.STATUS_ACCEPTED) {
    throw new Error("qstash-verifier: the core could not read the request (a bug: please report it)");
  }
  const key = out[layout.OUT_KEY] === 0 ? "current" : "next";
  if (!claims) return { key };
  const view = outcomeView;
  // An i64 as `i64 as f64` rounds it: hi * 2^32 is exact, the sum rounds once.
  const int64 = (/** @type {number} */ at) => view.getInt32(at + 4, true) * 4294967296 + view.getUint32(at, true);
  const text = decodeUtf8(subarray.call(out, layout.OUT_STRINGS));
  let i = 0;
  // biome-ignore lint/suspicious/noAssignInExpressions: each string starts where the one before it ended.
  const next = (/** @type {number} */ k) => text.slice(i, (i += view.getUint32(layout.OUT_LENGTHS + 4 * k, true)));
  // The core checked `iss` and wrote every member the claims have; the rest are set below.
  const result = /** @type {VerifiedClaims} */ ({
    iss: next(0),
    sub: next(1),
    exp: int64(layout.OUT_EXP),
    nbf: int64(layout.OUT_NBF),
  });
  if (out[layout.OUT_HAS_IAT] === 1) result.iat = int64(layout.OUT_IAT);
  const jti = next(2);
  const aud = next(3);
  if (out[layout.OUT_HAS_JTI] === 1) result.jti = jti;
  if (out[layout.OUT_HAS_AUD] === 1) result.aud = aud;
  result.body = next(4);
  result.key = key;
  return result;
}

/**
 * @param {unknown} url
 * @returns {string[] | undefined}
 */
function toUrls(url) {
  if (url === undefined) return undefined;
  if (typeof url === "string") return [url];
  // Array.from: a sparse array's holes become undefined (every() would skip them); and the list
  // is read once, here.
  const list = Array.isArray(url) ? Array.from(url) : undefined;
  if (list?.every((u) => typeof u === "string")) return list;
  throw new TypeError("url must be a string, an array of strings, or undefined");
}

/**
 * A byte count as the core takes it, a u32, at most `ceiling`: a length saturates at 2^32 - 1,
 * and a limit at 2^32 - 2, so that a longer body is still over it.
 * @param {number | undefined} value
 * @param {string} name
 * @param {number} ceiling
 */
function limitOf(value, name, ceiling) {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || value < 0) throw new TypeError(`${name} must be a whole number of bytes`);
  return Math.min(value, ceiling);
}

/**
 * The body's length in bytes as it is hashed (a string as UTF-8).
 * @param {string | Uint8Array} bytes
 */
function byteLength(bytes) {
  return typeof bytes === "string" ? utf8Length(bytes) : bytes.length;
}

/**
 * @param {number | undefined} value
 * @param {string} name
 * @param {() => number} fallback
 */
function seconds(value, name, fallback) {
  if (value === undefined) return fallback();
  if (!Number.isSafeInteger(value)) throw new TypeError(`${name} must be an integer number of seconds`);
  return value;
}

const RESOLVED = Symbol("qstash-verifier keys");

/**
 * A key pair as it crosses into wasm: each key's UTF-8 bytes (an empty next key: none).
 * @param {string | undefined} current
 * @param {string | undefined} next
 * @returns {KeyPair}
 */
function makeKeys(current, next) {
  return Object.freeze({ current: encoder.encode(current ?? ""), next: encoder.encode(next ?? "") });
}

/** The shape of `@upstash/qstash`'s `Receiver`: switching is a change of import. */
export class Receiver {
  /**
   * Keys from the config, else the environment, as `@upstash/qstash` finds them (js/src/keys.js).
   * @param {ReceiverConfig} [config]
   * @throws SignatureError `missing_signing_key` when no key is found (see `ReceiverConfig`).
   */
  constructor(config) {
    const found = resolveKeys(
      config,
      makeKeys,
      (code, message) => new SignatureError(code, message),
      (message) => console.warn(message),
    );
    // `{ keys, select }`: the keys for every request, or `keys` undefined in a multi-region setup
    // (then `select(region)`). A hidden symbol-keyed property, not a `#private` field: the
    // guide's esbuild target (es2020) turns those into WeakMap lookups on every read.
    Object.defineProperty(this, RESOLVED, { value: found });
  }

  /**
   * Resolves `true` when the delivery is genuine; rejects with `SignatureError` (or `TypeError`
   * for arguments of the wrong type) otherwise. The same checks as `verifySync`, without building
   * the claims, which it does not return.
   * @param {VerifyRequest} request
   * @returns {Promise<boolean>}
   */
  async verify(request) {
    check(this, request, BODY);
    return true;
  }

  /**
   * The same rules, synchronous: returns the verified claims and which key matched, or throws
   * `SignatureError` / `TypeError`.
   * @param {VerifyRequest} request
   * @returns {VerifiedClaims}
   */
  verifySync(request) {
    // With CLAIMS, the outcome is the claims.
    return /** @type {VerifiedClaims} */ (check(this, request, BODY | CLAIMS));
  }

  /**
   * Every check but the body's (structure, algorithm, signature, claims, time, url), for an
   * adapter to call before it reads a body: returns the key that matched, or throws as
   * `verifySync` does. Not a verification: the body must still go through `verifySync` or
   * `verify`.
   * @param {TokenRequest} request
   * @returns {{ key: "current" | "next" }}
   */
  checkToken(request) {
    return check(this, request, 0);
  }
}

const BODY = 1;
const CLAIMS = 2;

/**
 * One verification of `request` with `receiver`'s keys; `mode` says what to check and return.
 * @param {unknown} receiver
 * @param {VerifyRequest & TokenRequest} request
 * @param {number} mode
 */
function check(receiver, request, mode) {
  // 1. Every input, read once, into locals; user code (getters, Proxies, warnings) runs here.
  if (request === null || typeof request !== "object") {
    throw new TypeError("verify needs { signature, body, url?, clockTolerance?, now? }");
  }
  let signature = request.signature;
  const body = mode & BODY ? request.body : undefined;
  const url = request.url;
  const path = request.path;
  const clockTolerance = request.clockTolerance;
  const now = request.now;
  const region = request.upstashRegion;
  const maxBodyBytes = request.maxBodyBytes;
  const bodyLength = mode & BODY ? undefined : request.bodyLength;
  if (signature === undefined || signature === null) signature = "";
  if (typeof signature !== "string") throw new TypeError("signature must be a string");
  let urls = toUrls(url);
  if (path !== undefined) {
    if (typeof path !== "string") throw new TypeError("path must be a string (the request's path, e.g. /api/qstash)");
    if (urls !== undefined) throw new TypeError("give url or path, not both");
    urls = [path];
  }
  const max = limitOf(maxBodyBytes, "maxBodyBytes", 0xfffffffe);
  const declared = limitOf(bodyLength, "bodyLength", 0xffffffff);
  const tolerance = seconds(clockTolerance, "clockTolerance", () => 0);
  if (tolerance < 0) throw new TypeError("clockTolerance must not be negative");
  const at = seconds(now, "now", () => Math.floor(Date.now() / 1000));
  const resolved =
    receiver === null || typeof receiver !== "object"
      ? undefined
      : /** @type {{ [RESOLVED]?: ResolvedKeys }} */ (receiver)[RESOLVED];
  if (resolved === undefined) throw new TypeError("verify must be called on a Receiver");
  const keys = resolved.keys ?? resolved.select(region);
  // 2. The body's digest (from a plain view of its real bytes), the request into the scratch
  // buffer, and the core's verdict: one call at a time.
  const bytes = mode & BODY ? bodyOf(body) : undefined;
  if (busy) {
    throw new TypeError(
      "qstash-verifier: a verification was started while another was under way; run them one after the other",
    );
  }
  busy = true;
  try {
    // A body over the limit is not hashed: the core refuses it after the token.
    const size = max === undefined ? undefined : bytes === undefined ? declared : byteLength(bytes);
    /** @type {[number, number] | undefined} */
    const limit = max === undefined || size === undefined ? undefined : [max, Math.min(size, 0xffffffff)];
    const over = limit !== undefined && limit[1] > limit[0];
    const digest =
      bytes === undefined || over ? undefined : bodyDigest === undefined ? wasmSha256(bytes) : bodyDigest(bytes);
    const input = writeRequest(keys, signature, urls, path !== undefined, limit, digest, (mode & CLAIMS) !== 0);
    // Room for the claims (their strings come from the token), or a message; else once more.
    let out = outcomeRoom(layout.OUT_STRINGS + input.length);
    let length = intoWasm(() => glue.verify(input, out, at, tolerance));
    if (length > out.length) {
      out = outcomeRoom(length);
      length = intoWasm(() => glue.verify(input, out, at, tolerance));
    }
    return readOutcome(subarray.call(out, 0, length), (mode & CLAIMS) !== 0);
  } finally {
    busy = false;
  }
}
