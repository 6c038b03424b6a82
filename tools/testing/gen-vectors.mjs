#!/usr/bin/env node
// Generates tests/vectors.json: shared test vectors for the QStash
// `Upstash-Signature` verifier (Rust and JS implementations).
//
//   node tools/testing/gen-vectors.mjs
//
// Fully deterministic: fixed keys, fixed timestamps, fixed jti strings, no
// randomness and no clock. HS256 (HMAC) signatures are deterministic, so two
// runs produce byte-identical output.
//
// Signers:
//   qstash   - real tokens issued by QStash (copied from tests/real-qstash-tokens.json)
//   jose     - minted with jose (CompactSign over exact payload bytes)
//   raw-hmac - header/payload jose refuses to produce, signed with node:crypto HMAC-SHA256
//   unsigned - not a signed token at all (empty string, alg "none", garbage)
//   jsonwebtoken - minted with the jsonwebtoken package (jwt.sign), an independent JS signer
//   pyjwt    - minted by PyJWT (Python) through tools/testing/pyjwt/mint.py, copied from
//              tests/pyjwt-tokens.json (`make vectors-pyjwt` regenerates that file first)
//
// VECTORS_OUT=path writes elsewhere (the reproducibility check of mk/conformance.mk).

import { createHash, createHmac } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { CompactSign, compactVerify, jwtVerify, errors } from "jose";
import jsonwebtoken from "jsonwebtoken";
import { qstashToken } from "./qstash-token.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const REAL_TOKENS = join(ROOT, "tests", "real-qstash-tokens.json");
const PYJWT_TOKENS = join(ROOT, "tests", "pyjwt-tokens.json");
const OUTPUT = process.env.VECTORS_OUT || join(ROOT, "tests", "vectors.json");

// ---------------------------------------------------------------------------
// Fixed inputs
// ---------------------------------------------------------------------------

const MAX_TOKEN_LENGTH = 16384;

const CURRENT = "sig_CURRENT5ZB6DVzB1wjE8S6rZ7eenA8Pd";
const NEXT = "sig_NEXT3nj4aiyJ2JojDnQ1RRodpYubZAZx";
const UNRELATED = "sig_OTHER7dskHhQGd7zBn4pUmfcuuhoVv8";

const URL = "https://example.com/api/webhook";
const OTHER_URL = "https://example.com/api/other";

const NOW = 1767225600; // a fixed instant, so that the vectors never depend on the clock
const IAT = NOW - 30; // QStash sent the message shortly before
const TTL = 300; // QStash: exp = iat + 300
const EXP = IAT + TTL;

const GO_ZERO_TIME = -62135596800; // Go's time.Time{}.Unix()
const I64_MAX = "9223372036854775807";
const I64_MAX_PLUS_ONE = "9223372036854775808";

const BODY = '{"hello":"world"}';
const BINARY_BODY = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
const UNICODE_BODY = '{"msg":"Héllo wörld, ça va? Ñandú 🚀🎉 こんにちは"}';
const ABSENT = Symbol("absent body"); // vector without body/bodyBase64

// ---------------------------------------------------------------------------
// JSON with raw number text (for values a JS number cannot hold or that must
// keep their exact spelling: 1.5, 1e10, 9223372036854775807, ...)
// ---------------------------------------------------------------------------

class Raw {
  constructor(text) {
    this.text = text;
  }
}
const raw = (text) => new Raw(text);

function compactJson(v) {
  if (v instanceof Raw) return v.text;
  if (Array.isArray(v)) return `[${v.map(compactJson).join(",")}]`;
  if (v !== null && typeof v === "object") {
    return `{${Object.entries(v)
      .map(([k, x]) => `${JSON.stringify(k)}:${compactJson(x)}`)
      .join(",")}}`;
  }
  return JSON.stringify(v);
}

// Same layout as JSON.stringify(v, null, 2), but Raw values are written verbatim.
function prettyJson(v, indent = "") {
  if (v instanceof Raw) return v.text;
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) return "[]";
    return `[\n${v.map((x) => inner + prettyJson(x, inner)).join(",\n")}\n${indent}]`;
  }
  if (v !== null && typeof v === "object") {
    const entries = Object.entries(v);
    if (entries.length === 0) return "{}";
    return `{\n${entries
      .map(([k, x]) => `${inner}${JSON.stringify(k)}: ${prettyJson(x, inner)}`)
      .join(",\n")}\n${indent}}`;
  }
  return JSON.stringify(v);
}

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

const utf8 = (s) => new TextEncoder().encode(s);
const b64url = (bytes) => Buffer.from(bytes).toString("base64url"); // unpadded
const toBytes = (x) => (typeof x === "string" ? utf8(x) : x);

/** base64url(SHA-256(body)) with QStash's trailing '=' (44 chars). */
function bodyHash(body, { padded = true } = {}) {
  const h = createHash("sha256").update(toBytes(body)).digest("base64url");
  return padded ? `${h}=` : h;
}

/** A fixed, QStash-looking jti derived from a label (no randomness). */
function jtiFor(label) {
  const alnum = createHash("sha256")
    .update(`jti:${label}`)
    .digest("base64")
    .replace(/[^A-Za-z0-9]/g, "");
  return `jwt_${alnum.slice(0, 28)}`;
}

/**
 * QStash-shaped claims, members in QStash's (alphabetical) order.
 * `over` replaces/adds members (values may be raw(...)); `omit` removes members.
 */
function claims({ body = BODY, over = {}, omit = [], jti = "default" } = {}) {
  const c = {
    aud: "",
    body: bodyHash(body),
    exp: EXP,
    iat: IAT,
    iss: "Upstash",
    jti: jtiFor(jti),
    nbf: IAT,
    sub: URL,
    ...over,
  };
  for (const k of omit) delete c[k];
  return c;
}

/** Times for a token issued at `iat` (nbf = iat, exp = iat + 300). */
const times = (iat) => ({ iat, nbf: iat, exp: iat + TTL });

const STD_CLAIMS = ["iss", "sub", "exp", "nbf", "iat", "jti", "aud", "body"];
/** The standard claims a claims object carries, in the order of the output format. */
function stdClaims(c) {
  const out = {};
  for (const k of STD_CLAIMS) if (k in c) out[k] = c[k];
  return out;
}

const HEADER = { alg: "HS256", typ: "JWT" };

// ---------------------------------------------------------------------------
// Token makers: one per kind of token
// ---------------------------------------------------------------------------

/** jose: sign exact payload bytes (object -> compact JSON, string -> UTF-8, or bytes). */
async function joseToken(payload, { key = CURRENT, header = HEADER } = {}) {
  const bytes =
    payload instanceof Uint8Array ? payload : utf8(typeof payload === "string" ? payload : compactJson(payload));
  return new CompactSign(bytes).setProtectedHeader(header).sign(utf8(key));
}

function hmac(signingInput, key) {
  return createHmac("sha256", Buffer.from(key, "utf8")).update(signingInput).digest("base64url");
}

/** raw-hmac: header given as exact text (or an already-encoded segment), HMAC-SHA256 over `h.p`. */
function rawHmacToken({ headerText, headerSegment, payload, key = CURRENT }) {
  const h = headerSegment ?? b64url(utf8(headerText));
  const p = b64url(
    toBytes(typeof payload === "object" && !(payload instanceof Uint8Array) ? compactJson(payload) : payload),
  );
  return `${h}.${p}.${hmac(`${h}.${p}`, key)}`;
}

const segments = (token) => token.split(".");

// ---------------------------------------------------------------------------
// Vectors
// ---------------------------------------------------------------------------

const vectors = [];

/** Adds a vector, with defaults for every field; `claimsObj` fills expect.claims for ok vectors. */
function add({
  id,
  description,
  signer,
  token,
  currentSigningKey = CURRENT,
  nextSigningKey = NEXT,
  body = BODY, // string, Buffer (-> bodyBase64) or ABSENT
  url = URL,
  now = NOW,
  clockTolerance = 0,
  expect, // error code string, or { key, claims }
}) {
  const v = { id, description, signer, token, currentSigningKey, nextSigningKey };
  if (typeof body === "string") v.body = body;
  else if (body instanceof Uint8Array) v.bodyBase64 = Buffer.from(body).toString("base64");
  else if (body !== ABSENT) throw new Error(`vector ${id}: bad body`);
  v.url = url;
  v.now = now;
  v.clockTolerance = clockTolerance;
  v.expect =
    typeof expect === "string"
      ? { ok: false, code: expect }
      : { ok: true, key: expect.key, claims: stdClaims(expect.claims) };
  vectors.push(v);
}

/** Shorthand: a jose HS256 token from `c` that is expected to verify. */
async function addOk({ id, description, c, key = "current", header = HEADER, ...rest }) {
  const token = await joseToken(c, { key: key === "next" ? NEXT : CURRENT, header });
  add({ id, description, signer: "jose", token, expect: { key, claims: c }, ...rest });
}

// ---- real QStash tokens ---------------------------------------------------

const real = JSON.parse(readFileSync(REAL_TOKENS, "utf8"));
for (const r of real.vectors) {
  add({
    id: `qstash-real-${r.id.toLowerCase()}`,
    description: `Real QStash-issued token (source: ${r.source}), verified with the current signing key.`,
    signer: "qstash",
    token: r.token,
    currentSigningKey: r.currentSigningKey,
    nextSigningKey: r.nextSigningKey,
    body: r.body,
    url: r.url,
    now: r.now,
    expect: { key: "current", claims: r.claims },
  });
}

// ---- ok -------------------------------------------------------------------

await addOk({
  id: "ok-current-key",
  description: "Token signed with the current key, QStash-style padded body claim.",
  c: claims(),
});
await addOk({
  id: "ok-next-key",
  description: "Token signed with the next key verifies after the current key fails.",
  c: claims({ jti: "next" }),
  key: "next",
});
await addOk({
  id: "ok-body-claim-unpadded",
  description: 'Body claim without the trailing "=" (43 chars) still matches.',
  c: claims({ over: { body: bodyHash(BODY, { padded: false }) } }),
});
await addOk({
  id: "ok-empty-body",
  description: "Empty-string body with the SHA-256 of zero bytes in the claim.",
  c: claims({ body: "" }),
  body: "",
});
await addOk({
  id: "ok-absent-body",
  description: "Absent body is treated as zero bytes and matches the hash of the empty input.",
  c: claims({ body: "" }),
  body: ABSENT,
});
await addOk({
  id: "ok-binary-body",
  description: "Binary body holding all 256 byte values (given as bodyBase64).",
  c: claims({ body: BINARY_BODY }),
  body: BINARY_BODY,
});
await addOk({
  id: "ok-unicode-body",
  description: "UTF-8 body with accented letters, emoji and CJK text.",
  c: claims({ body: UNICODE_BODY }),
  body: UNICODE_BODY,
});
await addOk({
  id: "ok-url-list-contains-sub",
  description: "Url given as a list of accepted urls, one of which equals sub.",
  c: claims(),
  url: [OTHER_URL, URL, "https://example.org/api/webhook"],
});
await addOk({
  id: "ok-url-null-not-checked",
  description: "Url null means the sub claim is not checked.",
  c: claims({ over: { sub: OTHER_URL } }),
  url: null,
});
await addOk({
  id: "ok-nbf-go-zero-time",
  description: "Negative nbf (Go zero time -62135596800) with exp in the future is a valid integer claim.",
  c: claims({ over: { nbf: GO_ZERO_TIME } }),
});
await addOk({
  id: "ok-exp-i64-max",
  description: "exp equal to i64::MAX (9223372036854775807, written as raw JSON) with nbf in the past.",
  c: claims({ over: { exp: raw(I64_MAX) } }),
});
await addOk({
  id: "ok-header-extra-kid",
  description: "Header with an extra kid member besides alg and typ.",
  c: claims(),
  header: { ...HEADER, kid: "qstash-key-1" },
});

// A header whose standard base64 contains '+' and '/': valid in base64url form
// ('-' and '_'), malformed when sent with the standard alphabet (below).
const PLUS_SLASH_HEADER = (() => {
  for (let pad = 0; ; pad++) {
    const text = JSON.stringify({ ...HEADER, kid: `>>>???${"k".repeat(pad)}` });
    if (text.length % 3 === 0) return text; // no '=' padding in standard base64
  }
})();
const PLUS_SLASH_STD = Buffer.from(PLUS_SLASH_HEADER).toString("base64");
if (!/[+/]/.test(PLUS_SLASH_STD) || PLUS_SLASH_STD.includes("=")) throw new Error("bad +/ header");
await addOk({
  id: "ok-header-base64url-dash-underscore",
  description: 'Header segment containing "-" and "_" (kid ">>>???"), which is canonical base64url.',
  c: claims(),
  header: JSON.parse(PLUS_SLASH_HEADER),
});
await addOk({
  id: "ok-extra-unknown-claims",
  description: "Unknown extra claims (string, number, object, array) are ignored.",
  c: claims({ over: { scope: "publish", n: 42, meta: { a: [1, 2, { b: null }] }, flag: true } }),
});
await addOk({
  id: "ok-minimal-claims",
  description: "Only the required claims iss, sub, exp, nbf and body (no iat, jti, aud).",
  c: claims({ omit: ["iat", "jti", "aud"] }),
});
await addOk({
  id: "ok-aud-non-empty",
  description: "A non-empty aud string is accepted (aud is not checked).",
  c: claims({ over: { aud: "https://example.com" } }),
});

// ---- time edges ------------------------------------------------------------

const T = claims({ jti: "time" });
await addOk({
  id: "ok-now-one-second-before-exp",
  description: "now == exp - 1 with no tolerance is still valid.",
  c: T,
  now: EXP - 1,
});
await addOk({ id: "ok-now-equals-nbf", description: "now == nbf with no tolerance is valid.", c: T, now: IAT });
await addOk({
  id: "ok-tolerance-now-exp-plus-9",
  description: "With clockTolerance 10, now == exp + 9 is still valid.",
  c: T,
  now: EXP + 9,
  clockTolerance: 10,
});
{
  const c = claims({ jti: "nbf-edge", over: times(NOW + 10) });
  await addOk({
    id: "ok-tolerance-nbf-equals-now-plus-tolerance",
    description: "With clockTolerance 10, nbf == now + 10 is valid.",
    c,
    clockTolerance: 10,
  });
}

const tTime = await joseToken(T);
add({
  id: "expired-now-equals-exp",
  description: "now == exp with no tolerance is expired.",
  signer: "jose",
  token: tTime,
  now: EXP,
  expect: "token_expired",
});
add({
  id: "expired-tolerance-now-exp-plus-10",
  description: "With clockTolerance 10, now == exp + 10 is expired.",
  signer: "jose",
  token: tTime,
  now: EXP + 10,
  clockTolerance: 10,
  expect: "token_expired",
});
add({
  id: "not-yet-valid-tolerance-nbf-now-plus-11",
  description: "With clockTolerance 10, nbf == now + 11 is not yet valid.",
  signer: "jose",
  token: await joseToken(claims({ jti: "nbf-edge", over: times(NOW + 11) })),
  clockTolerance: 10,
  expect: "token_not_yet_valid",
});
add({
  id: "not-yet-valid-nbf-now-plus-1",
  description: "nbf == now + 1 with no tolerance is not yet valid.",
  signer: "jose",
  token: await joseToken(claims({ jti: "nbf-edge", over: times(NOW + 1) })),
  expect: "token_not_yet_valid",
});
add({
  id: "not-yet-valid-nbf-future",
  description: "Token whose nbf is an hour in the future.",
  signer: "jose",
  token: await joseToken(claims({ over: times(NOW + 3600) })),
  expect: "token_not_yet_valid",
});
add({
  id: "expired-current-key",
  description: "Token signed with the current key that expired an hour ago.",
  signer: "jose",
  token: await joseToken(claims({ over: times(NOW - 3600) })),
  expect: "token_expired",
});
add({
  id: "expired-next-key",
  description: "Expired token signed with the next key reports token_expired (the error of the matching key).",
  signer: "jose",
  token: await joseToken(claims({ over: times(NOW - 3600) }), { key: NEXT }),
  expect: "token_expired",
});
add({
  id: "expired-exp-go-zero-time",
  description: "Negative exp (Go zero time) is a valid integer but long expired.",
  signer: "jose",
  token: await joseToken(claims({ over: { exp: GO_ZERO_TIME, iat: GO_ZERO_TIME, nbf: GO_ZERO_TIME } })),
  expect: "token_expired",
});

// ---- missing_signature / token_too_large / maximum length --------------------

add({
  id: "missing-signature-empty",
  description: "Empty token string.",
  signer: "unsigned",
  token: "",
  expect: "missing_signature",
});

/** Grows `pad` one character at a time until the jose token has exactly `length` chars. */
async function tokenOfLength(length, make) {
  for (let n = 0; n < length; n++) {
    const { c, token } = await make("x".repeat(n));
    if (token.length === length) return { c, token };
    if (token.length > length) break;
  }
  throw new Error(`cannot build a token of exactly ${length} chars`);
}
{
  const { c, token } = await tokenOfLength(MAX_TOKEN_LENGTH, async (pad) => {
    const c = claims({ over: { jti: `${jtiFor("max-length")}_${pad}` } });
    return { c, token: await joseToken(c) };
  });
  add({
    id: "ok-token-exactly-max-length",
    description: `Valid token of exactly ${MAX_TOKEN_LENGTH} chars (padded via a long jti): the size cap is inclusive.`,
    signer: "jose",
    token,
    expect: { key: "current", claims: c },
  });
}
{
  const { c, token } = await tokenOfLength(MAX_TOKEN_LENGTH + 1, async (pad) => {
    const c = claims({ over: { sub: `${URL}?pad=${pad}` } });
    return { c, token: await joseToken(c) };
  });
  add({
    id: "too-large-signed-long-url",
    description: `Otherwise valid jose token of ${MAX_TOKEN_LENGTH + 1} chars (very long sub url, url matches).`,
    signer: "jose",
    token,
    url: c.sub,
    expect: "token_too_large",
  });
}
add({
  id: "too-large-plain-string",
  description: `A plain string of ${MAX_TOKEN_LENGTH + 1} "a" characters (size is checked before format).`,
  signer: "unsigned",
  token: "a".repeat(MAX_TOKEN_LENGTH + 1),
  expect: "token_too_large",
});

// ---- malformed_token ---------------------------------------------------------

const GOOD = await joseToken(claims({ jti: "malformed" }));
const [gh, gp, gs] = segments(GOOD);
const B64URL_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

const malformed = (id, description, token, signer = "jose") =>
  add({ id, description, signer, token, expect: "malformed_token" });

malformed("malformed-two-segments", "Only header and payload segments (signature segment missing).", `${gh}.${gp}`);
malformed("malformed-four-segments", "A valid token with a fourth segment appended.", `${GOOD}.${b64url(utf8("{}"))}`);
malformed("malformed-signature-padded", 'Signature segment with a trailing "=" padding character.', `${GOOD}=`);
malformed(
  "malformed-signature-truncated",
  "Signature segment of 41 chars, an impossible base64 length.",
  `${gh}.${gp}.${gs.slice(0, 41)}`,
);
{
  const last = B64URL_ALPHABET.indexOf(gs.at(-1));
  if ((last & 3) !== 0) throw new Error("signature not canonical");
  const bad = gs.slice(0, -1) + B64URL_ALPHABET[last | 1];
  if (!Buffer.from(bad, "base64url").equals(Buffer.from(gs, "base64url")))
    throw new Error("trailing-bits signature decodes differently");
  malformed(
    "malformed-signature-trailing-bits",
    "Last signature char changed so unused trailing bits are set (lenient decoders yield the same 32 bytes).",
    `${gh}.${gp}.${bad}`,
  );
}
malformed(
  "malformed-invalid-base64-char",
  'Signature segment containing "*", which is not base64url.',
  `${gh}.${gp}.*${gs.slice(1)}`,
);
malformed(
  "malformed-header-standard-base64",
  'Header encoded with the standard base64 alphabet ("+" and "/"), correctly signed over that text.',
  rawHmacToken({ headerSegment: PLUS_SLASH_STD, payload: claims({ jti: "malformed" }) }),
  "raw-hmac",
);
malformed(
  "malformed-header-not-json",
  "Header is not JSON (unquoted member names), correctly signed.",
  rawHmacToken({ headerText: '{alg:"HS256",typ:"JWT"}', payload: claims({ jti: "malformed" }) }),
  "raw-hmac",
);
malformed(
  "malformed-header-json-array",
  "Header is a JSON array, correctly signed.",
  rawHmacToken({ headerText: '[{"alg":"HS256","typ":"JWT"}]', payload: claims({ jti: "malformed" }) }),
  "raw-hmac",
);
malformed(
  "malformed-header-duplicate-alg",
  "Header with a duplicated alg member (same value), correctly signed.",
  rawHmacToken({ headerText: '{"alg":"HS256","typ":"JWT","alg":"HS256"}', payload: claims({ jti: "malformed" }) }),
  "raw-hmac",
);
malformed(
  "malformed-header-duplicate-alg-none-first",
  'Header {"alg":"none",...,"alg":"HS256"}: a last-member-wins parser would see HS256; duplicates are rejected.',
  rawHmacToken({ headerText: '{"alg":"none","typ":"JWT","alg":"HS256"}', payload: claims({ jti: "malformed" }) }),
  "raw-hmac",
);
malformed(
  "malformed-payload-json-array",
  "Payload is a JSON array, correctly signed.",
  await joseToken(`[${compactJson(claims({ jti: "malformed" }))}]`),
);
malformed(
  "malformed-payload-empty",
  "Empty payload segment (zero bytes is not JSON), correctly signed.",
  await joseToken(new Uint8Array(0)),
);
{
  const c = claims({ jti: "malformed" });
  const json = compactJson(c);
  malformed(
    "malformed-payload-duplicate-exp",
    "Payload with the exp member twice, correctly signed.",
    await joseToken(json.replace(`"exp":${EXP}`, `"exp":${EXP},"exp":${EXP}`)),
  );
  malformed(
    "malformed-payload-duplicate-escaped-sub",
    'Payload with "sub" and "\\u0073ub" (the same name after unescaping), correctly signed.',
    await joseToken(json.replace(/}$/, `,"\\u0073ub":${JSON.stringify(OTHER_URL)}}`)),
  );
  malformed(
    "malformed-payload-invalid-json",
    "Payload cut off in the middle of the object, correctly signed.",
    await joseToken(json.slice(0, 40)),
  );
  malformed(
    "malformed-payload-trailing-garbage",
    "Payload with a second value after the JSON object, correctly signed.",
    await joseToken(`${json}{}`),
  );
  const [before, after] = json.split(c.jti);
  malformed(
    "malformed-payload-invalid-utf8",
    "Payload whose jti string contains the bytes 0xFF 0xFE (not UTF-8), correctly signed.",
    await joseToken(Buffer.concat([utf8(before), utf8(c.jti), Buffer.from([0xff, 0xfe]), utf8(after)])),
  );
}

// ---- unsupported_algorithm ---------------------------------------------------

const unsupported = (id, description, token, signer) =>
  add({ id, description, signer, token, expect: "unsupported_algorithm" });
{
  const c = claims({ jti: "alg" });
  unsupported(
    "alg-hs384",
    "HS384 token signed with the current key, otherwise valid.",
    await joseToken(c, { header: { alg: "HS384", typ: "JWT" } }),
    "jose",
  );
  unsupported(
    "alg-hs512",
    "HS512 token signed with the current key, otherwise valid.",
    await joseToken(c, { header: { alg: "HS512", typ: "JWT" } }),
    "jose",
  );
  unsupported(
    "alg-none",
    'alg "none" with an empty signature segment.',
    `${b64url(utf8('{"alg":"none","typ":"JWT"}'))}.${b64url(utf8(compactJson(c)))}.`,
    "unsigned",
  );
  unsupported(
    "alg-rs256-with-hmac-signature",
    "Header says RS256 but the signature is HMAC-SHA256 with the current key (key confusion).",
    rawHmacToken({ headerText: '{"alg":"RS256","typ":"JWT"}', payload: c }),
    "raw-hmac",
  );
  unsupported(
    "alg-lowercase-hs256",
    'alg "hs256" (lowercase) is not "HS256".',
    rawHmacToken({ headerText: '{"alg":"hs256","typ":"JWT"}', payload: c }),
    "raw-hmac",
  );
  unsupported(
    "alg-with-crit-b64",
    'HS256 header with crit ["b64"] and b64 true, correctly signed: any crit is rejected.',
    rawHmacToken({ headerText: '{"alg":"HS256","typ":"JWT","crit":["b64"],"b64":true}', payload: c }),
    "raw-hmac",
  );
  unsupported(
    "alg-missing",
    "Header without an alg member, correctly signed.",
    rawHmacToken({ headerText: '{"typ":"JWT"}', payload: c }),
    "raw-hmac",
  );
}

// ---- invalid_signature -------------------------------------------------------

{
  const c = claims({ jti: "sig" });
  const token = await joseToken(c);
  const [h, , s] = segments(token);
  add({
    id: "invalid-signature-unrelated-key",
    description: "Token signed with a key that is neither the current nor the next key.",
    signer: "jose",
    token: await joseToken(c, { key: UNRELATED }),
    expect: "invalid_signature",
  });
  add({
    id: "invalid-signature-payload-changed",
    description: "Payload replaced after signing (sub changed), original signature kept.",
    signer: "jose",
    token: `${h}.${b64url(utf8(compactJson({ ...c, sub: OTHER_URL })))}.${s}`,
    url: OTHER_URL,
    expect: "invalid_signature",
  });
  const other = await joseToken(claims({ jti: "other" }));
  add({
    id: "invalid-signature-from-other-token",
    description: "Header and payload of one token with the signature of another token signed by the same key.",
    signer: "jose",
    token: `${segments(token).slice(0, 2).join(".")}.${segments(other)[2]}`,
    expect: "invalid_signature",
  });
}

// ---- invalid_issuer ----------------------------------------------------------

add({
  id: "invalid-issuer-lowercase",
  description: 'iss "upstash" (wrong case).',
  signer: "jose",
  token: await joseToken(claims({ over: { iss: "upstash" } })),
  expect: "invalid_issuer",
});
add({
  id: "invalid-issuer-missing",
  description: "No iss claim.",
  signer: "jose",
  token: await joseToken(claims({ omit: ["iss"] })),
  expect: "invalid_issuer",
});

// ---- invalid_claims ----------------------------------------------------------

const invalidClaims = [
  ["exp-missing", "exp claim missing.", { omit: ["exp"] }],
  ["nbf-missing", "nbf claim missing.", { omit: ["nbf"] }],
  ["exp-string", 'exp is the string "123".', { over: { exp: "123" } }],
  ["exp-null", "exp is null.", { over: { exp: null } }],
  ["exp-fraction", "exp is 1.5 (raw JSON fraction).", { over: { exp: raw("1.5") } }],
  [
    "exp-integral-fraction",
    `exp written as ${EXP}.0 (a fraction part, even though it is zero).`,
    { over: { exp: raw(`${EXP}.0`) } },
  ],
  ["exp-exponent", "exp written with an exponent, 1e10 (raw JSON).", { over: { exp: raw("1e10") } }],
  [
    "exp-above-i64-max",
    `exp is ${I64_MAX_PLUS_ONE}, one above i64::MAX (raw JSON).`,
    { over: { exp: raw(I64_MAX_PLUS_ONE) } },
  ],
  [
    "nbf-below-i64-min",
    "nbf is -9223372036854775809, one below i64::MIN (raw JSON).",
    { over: { nbf: raw("-9223372036854775809") } },
  ],
  ["sub-number", "sub is a number.", { over: { sub: 42 } }],
  ["body-missing", "body claim missing.", { omit: ["body"] }],
  ["body-number", "body claim is a number.", { over: { body: 1 } }],
  ["iat-string", "iat is a string.", { over: { iat: String(IAT) } }],
  ["jti-number", "jti is a number.", { over: { jti: 7 } }],
  ["aud-array", "aud is an array of strings.", { over: { aud: ["https://example.com"] } }],
  ["iss-number", "iss is a number (present with a non-string type).", { over: { iss: 1 } }],
];
for (const [id, description, opts] of invalidClaims) {
  add({
    id: `invalid-claims-${id}`,
    description,
    signer: "jose",
    token: await joseToken(claims({ jti: "claims", ...opts })),
    expect: "invalid_claims",
  });
}

// ---- url_mismatch ------------------------------------------------------------

{
  const token = await joseToken(claims({ jti: "url" }));
  const mismatch = (id, description, url, t = token) =>
    add({ id, description, signer: "jose", token: t, url, expect: "url_mismatch" });
  mismatch("url-mismatch-different-path", "Url has a different path than sub.", OTHER_URL);
  mismatch("url-mismatch-extra-query", "Url is sub plus a query string.", `${URL}?a=1`);
  mismatch(
    "url-mismatch-sub-has-query",
    "sub has a query string the url does not have.",
    URL,
    await joseToken(claims({ jti: "url", over: { sub: `${URL}?a=1` } })),
  );
  mismatch("url-mismatch-trailing-slash", "Url differs from sub only by a trailing slash.", `${URL}/`);
  mismatch("url-mismatch-list", "None of the urls in the list equals sub.", [
    OTHER_URL,
    `${URL}/`,
    "https://example.org/api/webhook",
  ]);
  mismatch("url-mismatch-empty-list", "An empty list of urls matches nothing.", []);
}

// ---- body_mismatch -----------------------------------------------------------

{
  const token = await joseToken(claims({ jti: "body", body: "hello" }));
  const mismatch = (id, description, body, t = token) =>
    add({ id, description, signer: "jose", token: t, body, expect: "body_mismatch" });
  mismatch("body-mismatch-changed", 'Body "hello!" while the claim is the hash of "hello".', "hello!");
  mismatch("body-mismatch-absent", 'Absent body while the claim is the hash of "hello".', ABSENT);
  mismatch(
    "body-mismatch-other-hash",
    "Claim holds the hash of a different body than the one delivered.",
    "hello",
    await joseToken(claims({ jti: "body", body: "goodbye" })),
  );
  mismatch(
    "body-mismatch-empty-claim",
    "Claim is the empty string, which is not the hash of the empty body.",
    "",
    await joseToken(claims({ jti: "body", over: { body: "" } })),
  );
}

// ---- missing_signing_key -----------------------------------------------------

{
  const token = await joseToken(claims({ jti: "keys" }));
  const noKey = (id, description, currentSigningKey, nextSigningKey) =>
    add({ id, description, signer: "jose", token, currentSigningKey, nextSigningKey, expect: "missing_signing_key" });
  noKey("missing-signing-key-empty-and-null", "Current key is the empty string and next key is null.", "", null);
  noKey("missing-signing-key-both-null", "Both signing keys are null.", null, null);
  noKey("missing-signing-key-both-empty", "Both signing keys are the empty string.", "", "");
}

// ---- independent signers: jsonwebtoken (JS) and PyJWT (Python) ------------------

{
  const KEYS = { current: CURRENT, next: NEXT, unrelated: UNRELATED };
  const payloadOf = (token) => JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8"));
  /** jwt.sign with fixed claims: iat is given, so expiresIn / notBefore are relative to it (no clock). */
  const jwtToken = (payload, { key = "current", ...options } = {}) =>
    jsonwebtoken.sign(payload, KEYS[key], { algorithm: "HS256", ...options });
  const UNICODE_SUB = "https://exämple.com/hook/ünïcödé/🚀?q=ß";
  const viaOptions = (over = {}) => ({
    payload: { body: bodyHash(over.body ?? BODY), iat: over.iat ?? IAT },
    options: {
      expiresIn: TTL,
      notBefore: 0,
      issuer: "Upstash",
      subject: over.sub ?? URL,
      jwtid: over.jti ?? jtiFor("jsonwebtoken"),
      audience: "",
    },
  });
  const jwtCases = [
    // [id, description, token, expect ('ok' or a code), extra vector fields]
    (() => {
      const { payload, options } = viaOptions();
      return [
        "ok-current-key",
        "jwt.sign with expiresIn, notBefore, issuer, subject, jwtid and audience options (its own claim order).",
        jwtToken(payload, options),
        "ok",
      ];
    })(),
    (() => {
      const { payload, options } = viaOptions({ jti: jtiFor("jsonwebtoken-next") });
      return [
        "ok-next-key",
        "jwt.sign with the next key.",
        jwtToken(payload, { ...options, key: "next" }),
        "ok",
        { key: "next" },
      ];
    })(),
    [
      "ok-qstash-claims",
      "jwt.sign of QStash-shaped claims given as a plain object.",
      jwtToken(claims({ jti: "jsonwebtoken-plain" })),
      "ok",
    ],
    (() => {
      const { payload, options } = viaOptions({ sub: UNICODE_SUB });
      return [
        "ok-unicode-sub",
        "Non-ASCII sub, written by JSON.stringify as raw UTF-8; the url list holds it.",
        jwtToken(payload, options),
        "ok",
        { url: [URL, UNICODE_SUB] },
      ];
    })(),
    [
      "ok-header-kid",
      "jwt.sign with a kid header.",
      jwtToken(claims({ jti: "jsonwebtoken-kid" }), { header: { kid: "qstash-key-1" } }),
      "ok",
    ],
    [
      "ok-binary-body",
      "Binary body of all 256 byte values.",
      jwtToken(claims({ jti: "jsonwebtoken-binary", body: BINARY_BODY })),
      "ok",
      { body: BINARY_BODY },
    ],
    (() => {
      const { payload, options } = viaOptions({ iat: NOW - 3600 });
      return [
        "expired",
        "jwt.sign token issued an hour ago (expiresIn 300).",
        jwtToken(payload, options),
        "token_expired",
      ];
    })(),
    (() => {
      const { payload, options } = viaOptions();
      return [
        "not-yet-valid",
        "jwt.sign with notBefore 60 (nbf a minute after iat... and now).",
        jwtToken({ ...payload, iat: NOW }, { ...options, notBefore: 60 }),
        "token_not_yet_valid",
      ];
    })(),
    [
      "alg-hs384",
      "HS384 token from jwt.sign, otherwise valid.",
      jwtToken(claims({ jti: "jsonwebtoken-alg" }), { algorithm: "HS384" }),
      "unsupported_algorithm",
    ],
    [
      "alg-hs512",
      "HS512 token from jwt.sign, otherwise valid.",
      jwtToken(claims({ jti: "jsonwebtoken-alg" }), { algorithm: "HS512" }),
      "unsupported_algorithm",
    ],
    (() => {
      const { payload, options } = viaOptions();
      delete options.expiresIn;
      return [
        "invalid-claims-no-exp",
        "jwt.sign without expiresIn: no exp claim.",
        jwtToken(payload, options),
        "invalid_claims",
      ];
    })(),
    [
      "invalid-claims-float-exp",
      "exp given as 1767225870.5 (jsonwebtoken accepts any number).",
      jwtToken(claims({ jti: "jsonwebtoken-float", over: { exp: EXP + 0.5 } })),
      "invalid_claims",
    ],
    [
      "invalid-signature-unrelated-key",
      "Signed with a key that is neither current nor next.",
      jwtToken(claims({ jti: "jsonwebtoken-sig" }), { key: "unrelated" }),
      "invalid_signature",
    ],
    [
      "body-mismatch",
      "The body delivered is not the one signed.",
      jwtToken(claims({ jti: "jsonwebtoken-body" })),
      "body_mismatch",
      { body: '{"hello":"w0rld"}' },
    ],
  ];
  for (const [id, description, token, expect, extra = {}] of jwtCases) {
    const { key = "current", ...fields } = extra;
    add({
      id: `jsonwebtoken-${id}`,
      description,
      signer: "jsonwebtoken",
      token,
      ...fields,
      expect: expect === "ok" ? { key, claims: payloadOf(token) } : expect,
    });
  }

  const py = JSON.parse(readFileSync(PYJWT_TOKENS, "utf8"));
  for (const p of py.vectors) {
    const body = "bodyBase64" in p ? Buffer.from(p.bodyBase64, "base64") : p.body;
    add({
      id: p.id,
      description: `${p.description} (PyJWT ${py.pyjwt})`,
      signer: "pyjwt",
      token: p.token,
      body,
      url: p.url,
      now: p.now,
      clockTolerance: p.clockTolerance,
      expect: p.expect === "ok" ? { key: p.signedWith, claims: payloadOf(p.token) } : p.expect,
    });
  }
}

// ---------------------------------------------------------------------------
// Sanity checks
// ---------------------------------------------------------------------------

const CODES = [
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
  "body_too_large",
  "body_mismatch",
  "missing_signing_key",
];
// Codes no token can produce: a body's length against a receiver's limit, not in these vectors.
const NOT_FROM_A_TOKEN = ["body_too_large"];

const fail = (v, msg) => {
  throw new Error(`vector ${v.id}: ${msg}`);
};
const bodyBytes = (v) =>
  "body" in v ? utf8(v.body) : "bodyBase64" in v ? Buffer.from(v.bodyBase64, "base64") : new Uint8Array(0);
const urlMatches = (v, sub) => v.url === null || (Array.isArray(v.url) ? v.url.includes(sub) : v.url === sub);
const bodyMatches = (v, claim) =>
  createHash("sha256").update(bodyBytes(v)).digest("base64url") === claim.replace(/=+$/, "");
const verifyOpts = (v) => ({
  algorithms: ["HS256"],
  currentDate: new Date(v.now * 1000),
  clockTolerance: v.clockTolerance,
});

/** The key (by name) whose HS256 signature matches, or null. */
async function matchingKey(v) {
  for (const [name, key] of [
    ["current", v.currentSigningKey],
    ["next", v.nextSigningKey],
  ]) {
    if (!key) continue;
    try {
      await compactVerify(v.token, utf8(key), { algorithms: ["HS256"] });
      return name;
    } catch {}
  }
  return null;
}
const keyOf = (v, name) => (name === "current" ? v.currentSigningKey : v.nextSigningKey);

async function check(v) {
  const fields = [
    "id",
    "description",
    "signer",
    "token",
    "currentSigningKey",
    "nextSigningKey",
    "url",
    "now",
    "clockTolerance",
    "expect",
  ];
  for (const f of fields) if (!(f in v)) fail(v, `missing field ${f}`);
  if ("body" in v && "bodyBase64" in v) fail(v, "both body and bodyBase64");
  if (!Number.isInteger(v.now) || !Number.isInteger(v.clockTolerance)) fail(v, "now/clockTolerance must be integers");

  if (v.expect.ok) {
    if (v.token.length > MAX_TOKEN_LENGTH) fail(v, "ok token too long");
    const key = keyOf(v, v.expect.key);
    const { payload } = await jwtVerify(v.token, utf8(key), { ...verifyOpts(v), issuer: "Upstash" }).catch((e) =>
      fail(v, `jose: ${e.message}`),
    );
    if (v.expect.key === "next" && (await matchingKey(v)) !== "next")
      fail(v, "expected key next, but current also matches");
    if (!urlMatches(v, payload.sub)) fail(v, "sub does not match url");
    if (!bodyMatches(v, payload.body)) fail(v, "body hash does not match claim");
    const want = v.expect.claims;
    const got = stdClaims(payload);
    if (Object.keys(want).join() !== Object.keys(got).join())
      fail(v, `claims keys ${Object.keys(want)} != ${Object.keys(got)}`);
    for (const [k, w] of Object.entries(want)) {
      const wv = w instanceof Raw ? Number(w.text) : w;
      if (wv !== got[k]) fail(v, `claim ${k}: ${wv} != ${got[k]}`);
    }
    return;
  }

  // Cross-check the failures jose can judge on its own.
  const code = v.expect.code;
  if (!CODES.includes(code)) fail(v, `unknown code ${code}`);
  if (code === "token_too_large" && v.token.length <= MAX_TOKEN_LENGTH) fail(v, "token not too large");
  if (code !== "token_too_large" && v.token.length > MAX_TOKEN_LENGTH) fail(v, "token too large");
  if (code === "invalid_signature" && (await matchingKey(v)) !== null) fail(v, "a key matches");
  if (["token_expired", "token_not_yet_valid", "url_mismatch", "body_mismatch"].includes(code)) {
    const name = await matchingKey(v);
    if (!name) fail(v, "no key matches");
    const key = utf8(keyOf(v, name));
    if (code === "token_expired" || code === "token_not_yet_valid") {
      try {
        await jwtVerify(v.token, key, verifyOpts(v));
        fail(v, "jose accepted the token");
      } catch (e) {
        const ok =
          code === "token_expired"
            ? e instanceof errors.JWTExpired
            : e instanceof errors.JWTClaimValidationFailed && e.claim === "nbf";
        if (!ok) fail(v, `jose: ${e.message}`);
      }
    } else {
      const { payload } = await jwtVerify(v.token, key, verifyOpts(v));
      if (code === "url_mismatch" && urlMatches(v, payload.sub)) fail(v, "url matches");
      if (code === "body_mismatch" && (!urlMatches(v, payload.sub) || bodyMatches(v, payload.body)))
        fail(v, "body matches");
    }
  }
}

const ids = new Set();
for (const v of vectors) {
  if (ids.has(v.id)) fail(v, "duplicate id");
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(v.id)) fail(v, "id is not kebab-case");
  ids.add(v.id);
  await check(v);
}
const counts = { ok: 0, ...Object.fromEntries(CODES.map((c) => [c, 0])) };
for (const v of vectors) counts[v.expect.ok ? "ok" : v.expect.code]++;
for (const c of CODES) if (counts[c] === 0 && !NOT_FROM_A_TOKEN.includes(c)) throw new Error(`no vector for ${c}`);

// ---------------------------------------------------------------------------
// sign(): tokens as QStash mints them, for src/sign.rs, natively (tests/vectors.rs) and as the
// package's sign() runs it in the tools .wasm (js/test/sign.test.mjs): exactly these bytes.
// Minted independently of both by ./qstash-token.mjs: node:crypto, with the claims written in
// QStash's order and escaped as QStash's own tokens escape them.
// ---------------------------------------------------------------------------

const signCases = [
  {
    id: "sign-plain",
    signingKey: CURRENT,
    url: URL,
    body: BODY,
    now: NOW,
    ttl: TTL,
    jti: "jwt_2RzXbZk6sN1qYtWm8cV4pL7hKd3J",
  },
  { id: "sign-empty-body-zero-ttl", signingKey: CURRENT, url: URL, body: "", now: NOW, ttl: 0, jti: "jwt_a" },
  { id: "sign-binary-body", signingKey: NEXT, url: URL, body: BINARY_BODY, now: NOW, ttl: TTL, jti: "jwt_b" },
  {
    id: "sign-unicode",
    signingKey: CURRENT,
    url: "https://example.com/ü/😀?q=ça&x=1",
    body: UNICODE_BODY,
    now: NOW,
    ttl: TTL,
    jti: "jwt_ü",
  },
  {
    id: "sign-escapes",
    signingKey: CURRENT,
    url: 'https://example.com/"q"\\\n\r\t\b\f\u0000\u001f\u007f<>&\u2028',
    body: BODY,
    now: NOW,
    ttl: TTL,
    jti: 'jwt_"\\',
  },
  { id: "sign-long-key", signingKey: `sig_${"k".repeat(96)}`, url: URL, body: BODY, now: NOW, ttl: TTL, jti: "jwt_c" },
  { id: "sign-late-exp", signingKey: CURRENT, url: URL, body: BODY, now: 9007199254740991, ttl: 300, jti: "jwt_d" },
].map(({ body, ...c }) => ({
  ...c,
  ...(typeof body === "string" ? { body } : { bodyBase64: body.toString("base64") }),
  token: qstashToken({ key: c.signingKey, url: c.url, body, iat: c.now, ttl: c.ttl, jti: c.jti }),
}));

// ---------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------

const about =
  'Shared test vectors for verifying the Upstash QStash "Upstash-Signature" JWT (HS256). ' +
  "This file is generated by tools/testing/gen-vectors.mjs; do not edit it by hand, change the script and re-run it (the output is deterministic). " +
  'The first entries are real QStash tokens copied from tests/real-qstash-tokens.json (signer "qstash"); ' +
  'the rest are minted by jose (signer "jose"), or, where jose cannot express the case (duplicated or non-JSON headers, crit, lowercase or non-HS algorithms with an HMAC signature), ' +
  'signed directly with node:crypto HMAC-SHA256 (signer "raw-hmac"); the entries with signer "jsonwebtoken" are minted by the jsonwebtoken package, ' +
  'and those with signer "pyjwt" by PyJWT in Python (tools/testing/pyjwt/mint.py, through tests/pyjwt-tokens.json); ' +
  'signer "unsigned" marks strings that are not signed tokens. ' +
  'Each vector gives the token, the current and next signing keys (null = not configured), the raw request body ("body" as UTF-8 text, "bodyBase64" as standard base64, neither = absent body), ' +
  'the expected url (a string, a list of accepted urls, or null = not checked), the verification time "now" in unix seconds, the clock tolerance in seconds, ' +
  "and the expected result: ok with the key that matched and the standard claims, or the error code. " +
  '"sign" lists the tokens sign() must mint (in Rust and in JS) for its inputs, minted here independently with node:crypto as QStash mints them.';

const out = { about, maxTokenLength: MAX_TOKEN_LENGTH, vectors, sign: signCases };
writeFileSync(OUTPUT, `${prettyJson(out)}\n`);

console.log(
  `wrote ${vectors.length} vectors to ${relative(process.cwd(), OUTPUT)}: ${Object.entries(counts)
    .map(([k, n]) => `${k}=${n}`)
    .join(" ")}`,
);
