// The shared, runtime-neutral JS core of qstash-verifier.
//
// Every runtime entry (src/node.js, ...) loads the wasm module its own way, initialises the
// wasm-bindgen glue with it, and re-exports this file. Nothing here touches the file system or
// any runtime-specific API; `process.env` is read only by keys.js, through `globalThis`, guarded.
import * as wasm from "../wasm/qstash_verifier.js";
import { resolveKeys } from "./keys.js";

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

// Key pairs live in wasm behind integer handles: src/wasm.rs exports no class, so the generated
// glue creates no FinalizationRegistry. One handle serves every Receiver with the same pair. Where
// finalization is on, a collected Receiver's finalizer only notes its pair (no wasm call) and the
// next makeKeys frees pairs no Receiver uses any more. Node 16 hangs at exit when its garbage
// collector finds a finalizer pending as the process exits (seen with a plain registry, no wasm
// involved), so its entry turns finalization off: pairs then stay until exit, one per distinct
// pair, which shared handles keep small. Bodies are hashed by the one wasm hasher: verification
// is synchronous, so calls cannot interleave.
const pairs = new Map(); // `${current}\0${next}` -> { id, refs }
const released = [];
let finalizer =
  typeof FinalizationRegistry === "function" ? new FinalizationRegistry((pair) => released.push(pair)) : undefined;

/** Called by entries whose runtime must not run finalizers (the Node entry on Node 16). */
export function disableFinalization() {
  finalizer = undefined;
}

function makeKeys(current, next) {
  while (released.length > 0) {
    const pair = released.pop();
    const entry = pairs.get(pair);
    if (entry !== undefined && --entry.refs === 0) {
      pairs.delete(pair);
      wasm.keys_free(entry.id);
    }
  }
  const pair = `${current}\0${next ?? ""}`;
  let entry = pairs.get(pair);
  if (entry === undefined) {
    entry = { id: wasm.keys_new(encoder.encode(current ?? ""), encoder.encode(next ?? "")), refs: 0 };
    pairs.set(pair, entry);
  }
  entry.refs++;
  const keys = { id: entry.id };
  if (finalizer !== undefined) finalizer.register(keys, pair);
  return keys;
}
// The token and the urls cross into wasm as UTF-8 bytes written here by `encodeInto` (one copy),
// several times faster than as strings, which the glue copies a character at a time; the urls'
// ends and the body's digest follow them in the same buffer, so one allocation crosses per call.
let scratch = new Uint8Array(3 * MAX_TOKEN_LENGTH + 1024);
let scratchView = new DataView(scratch.buffer);
let bodyDigest; // set by an entry whose runtime hashes faster than wasm (src/node.js)

/**
 * For runtime entries: `digest(body)` returns the SHA-256 of `body` (a string, hashed as UTF-8,
 * or a Uint8Array) as 32 bytes, or `undefined` to leave it to the wasm hasher.
 */
export function useBodyDigest(digest) {
  bodyDigest = digest;
}

let tokenLength = 0; // `verify_digest`'s `token_len`, set by `encodeRequest`

/**
 * `verify_digest`'s `input` (src/wasm.rs): the token, then the urls, as UTF-8; then each url's
 * end (u32, little-endian); then the body's digest. Sets `tokenLength`.
 */
function encodeRequest(signature, urls, digest) {
  let need = 3 * signature.length + 32;
  if (urls !== undefined) for (const url of urls) need += 3 * url.length + 4;
  if (need > scratch.length) {
    scratch = new Uint8Array(need);
    scratchView = new DataView(scratch.buffer);
  }
  let at = encoder.encodeInto(signature, scratch).written;
  tokenLength = at;
  if (urls !== undefined) {
    const ends = [];
    for (const url of urls) ends.push((at += encoder.encodeInto(url, scratch.subarray(at)).written));
    for (const end of ends) {
      scratchView.setUint32(at, end, true);
      at += 4;
    }
  }
  scratch.set(digest, at);
  return scratch.subarray(0, at + 32);
}

/**
 * The SHA-256 of the byte arrays `parts`, one after the other, by the wasm hasher (fed in chunks,
 * so wasm memory stays small). Synchronous calls only: there is one hasher.
 */
export function wasmSha256(...parts) {
  wasm.body_reset();
  for (const bytes of parts) {
    for (let i = 0; i < bytes.length; i += CHUNK) wasm.body_update(bytes.subarray(i, i + CHUNK));
  }
  return wasm.body_digest();
}

/** A body's SHA-256: the runtime's own where the entry set one (`useBodyDigest`), else wasm's. */
export function bodySha256(body) {
  // A view on a detached buffer (its bytes transferred away) has length 0: a caller's bug, not an
  // empty body. Only a Uint8Array reaches the hashers as it is (toBytes checks the others).
  if (body instanceof Uint8Array && body.byteLength === 0) mustBeAttached(body.buffer);
  const digest = bodyDigest === undefined ? undefined : bodyDigest(body);
  return digest === undefined ? wasmSha256(toBytes(body)) : digest;
}

// The claims record stays in wasm memory (src/wasm.rs, `RECORD`) and is read here: its header
// through a DataView, its strings decoded with TextDecoder by default, or with what the entry
// gives (the Node entry: Buffer's decoder, which takes a tenth of TextDecoder's 2 µs on Node 16
// and as long on Node 20).
const recordDecoder = new TextDecoder();
let decodeUtf8 = (buffer, start, end) => recordDecoder.decode(new Uint8Array(buffer, start, end - start));
let memory; // the module's WebAssembly.Memory, asked for at the first record
let memoryView; // a DataView of its buffer, made again when the memory grows

/** For runtime entries: `decode(arrayBuffer, start, end)` returns those bytes decoded as UTF-8. */
export function useUtf8Decoder(decode) {
  decodeUtf8 = decode;
}

/** `ClaimsRecord`'s header length (src/wasm.rs `RECORD_HEAD`): 4 flags, 3 i64s, 5 u32 lengths. */
const RECORD_HEAD = 48;

/**
 * The claims object from the record `verify_digest` just wrote, `length` bytes long (src/wasm.rs,
 * `ClaimsRecord`). Read before any other call into wasm.
 */
function claimsFrom(length) {
  if (memory === undefined) memory = wasm.wasm_memory();
  const buffer = memory.buffer;
  if (memoryView === undefined || memoryView.buffer !== buffer) memoryView = new DataView(buffer);
  const view = memoryView;
  const at = wasm.record_ptr();
  // An i64 as `i64 as f64` rounds it: hi * 2^32 is exact, the sum rounds once.
  const int64 = (offset) => view.getInt32(at + offset + 4, true) * 4294967296 + view.getUint32(at + offset, true);
  const text = decodeUtf8(buffer, at + RECORD_HEAD, at + length);
  let i = 0;
  const next = (k) => text.slice(i, (i += view.getUint32(at + 28 + 4 * k, true)));
  const claims = { iss: next(0), sub: next(1), exp: int64(4), nbf: int64(12) };
  if (view.getUint8(at + 1) === 1) claims.iat = int64(20);
  const jti = next(2);
  const aud = next(3);
  if (view.getUint8(at + 2) === 1) claims.jti = jti;
  if (view.getUint8(at + 3) === 1) claims.aud = aud;
  claims.body = next(4);
  claims.key = view.getUint8(at) === 0 ? "current" : "next";
  return claims;
}

/**
 * A refusal from wasm (`"<code>: <message>"`, src/wasm.rs `to_js`) as a SignatureError; anything
 * else (an Error: a misuse, or a module that trapped) as it is.
 */
function fromWasm(e) {
  const at = typeof e === "string" ? e.indexOf(": ") : -1;
  return at < 0 ? e : new SignatureError(e.slice(0, at), e.slice(at + 2));
}

const DETACHED = "body is a detached ArrayBuffer or a view on one";

/** Throws our TypeError if `buffer` was detached: a view on a detached buffer cannot be made. */
function mustBeAttached(buffer) {
  try {
    new Uint8Array(buffer, 0, 0);
  } catch {
    throw new TypeError(DETACHED);
  }
}

function toBytes(body) {
  if (body === undefined || body === null) return new Uint8Array(0);
  if (typeof body === "string") return encoder.encode(body);
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) {
    try {
      if (body instanceof ArrayBuffer) return new Uint8Array(body);
      return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
    } catch {
      // a detached buffer (its bytes were transferred away): the engine's own TypeError says less
      throw new TypeError(DETACHED);
    }
  }
  throw new TypeError("body must be a string, a Uint8Array, an ArrayBuffer, null or undefined");
}

function toUrls(url) {
  if (url === undefined) return undefined;
  if (typeof url === "string") return [url];
  // Array.from: a sparse array's holes become undefined (every() would skip them).
  const list = Array.isArray(url) ? Array.from(url) : undefined;
  if (list !== undefined && list.every((u) => typeof u === "string")) return list;
  throw new TypeError("url must be a string, an array of strings, or undefined");
}

function seconds(value, name, fallback) {
  if (value === undefined) return fallback();
  if (!Number.isSafeInteger(value)) throw new TypeError(`${name} must be an integer number of seconds`);
  return value;
}

const RESOLVED = Symbol("qstash-verifier keys");

/**
 * Verifies `Upstash-Signature` tokens. The shape of `@upstash/qstash`'s `Receiver`:
 * switching is a change of import.
 */
export class Receiver {
  /** Keys from the config, else the environment, as `@upstash/qstash` finds them (src/keys.js). */
  constructor(config) {
    let found;
    try {
      found = resolveKeys(
        config,
        makeKeys,
        (code, message) => new SignatureError(code, message),
        (message) => console.warn(message),
      );
    } catch (e) {
      throw fromWasm(e);
    }
    // `{ keys, select }`: the keys for every request, or `keys` undefined in a multi-region setup
    // (then `select(region)`). A hidden symbol-keyed property, not a `#private` field: the
    // guide's esbuild target (es2020) turns those into two WeakMap lookups per read, on every
    // verification, and adds their helpers to the bundle.
    Object.defineProperty(this, RESOLVED, { value: found });
  }

  /**
   * Resolves `true` when the delivery is genuine; rejects with `SignatureError` (or `TypeError`
   * for arguments of the wrong type) otherwise. The same checks as `verifySync`, without building
   * the claims, which it does not return.
   */
  async verify(request) {
    check(this, request, false);
    return true;
  }

  /** Same rules, synchronous; returns the verified claims and which key matched. */
  verifySync(request) {
    return claimsFrom(check(this, request, true));
  }
}

/**
 * Verifies `request` with `receiver`'s keys. Returns the length of the claims record
 * `verify_digest` wrote (src/wasm.rs; read it with `claimsFrom` before any other call into wasm)
 * when `claims` is true, else 0; throws SignatureError (or TypeError) otherwise.
 */
function check(receiver, request, claims) {
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
  const digest = bodySha256(request.body);
  const input = encodeRequest(signature, urls, digest);
  try {
    const { keys, select } = receiver[RESOLVED];
    const pair = keys ?? select(request.upstashRegion);
    return wasm.verify_digest(pair.id, input, tokenLength, urls?.length, tolerance, now, claims);
  } catch (e) {
    throw fromWasm(e);
  }
}
