// Looks at a token independently of both verifiers, to say which deliberate difference explains a
// disagreement: is each segment canonical base64url, what a lenient decoder (Node's Buffer, as
// jose 5 uses it) reads, and which RFC 8259 rules the JSON breaks that JSON.parse lets through.
// Written from the RFCs, not from the Rust code, so the two can disagree.

const CANONICAL = /^[A-Za-z0-9_-]*$/;

/** Unpadded base64url whose re-encoding is itself (so no set trailing bits, no length 4n+1). */
export function isCanonicalBase64url(segment) {
  return (
    CANONICAL.test(segment) &&
    segment.length % 4 !== 1 &&
    Buffer.from(segment, "base64url").toString("base64url") === segment
  );
}

/** Containers deeper than this are refused (the Rust reader's MAX_DEPTH, counted from the top object). */
export const MAX_CONTAINERS = 32;

const fail = (what = "syntax") => {
  throw Object.assign(new Error(what), { jsonRule: what });
};
const SIMPLE_ESCAPES = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

// The reader's state `p`: { text, i (the position), violations, members }.
function skipSpace(p) {
  while (p.i < p.text.length && " \t\n\r".includes(p.text[p.i])) p.i++;
}

/** The escape at `p.i` (after its backslash and letter were passed), as the text it stands for. */
function unicodeEscape(p) {
  const { text } = p;
  if (!/^[0-9a-fA-F]{4}$/.test(text.slice(p.i, p.i + 4))) fail();
  const unit = parseInt(text.slice(p.i, p.i + 4), 16);
  p.i += 4;
  if (unit >= 0xd800 && unit <= 0xdbff) {
    const next = /^\\u([0-9a-fA-F]{4})/.exec(text.slice(p.i, p.i + 6));
    const lo = next ? parseInt(next[1], 16) : -1;
    if (lo >= 0xdc00 && lo <= 0xdfff) {
      p.i += 6;
      return String.fromCharCode(unit, lo);
    }
    p.violations.add("lone-surrogate");
    return String.fromCharCode(unit);
  }
  if (unit >= 0xdc00 && unit <= 0xdfff) p.violations.add("lone-surrogate");
  return String.fromCharCode(unit);
}

function readString(p) {
  const { text } = p;
  p.i++; // "
  let out = "";
  for (;;) {
    if (p.i >= text.length) fail();
    const c = text[p.i];
    if (c === '"') {
      p.i++;
      return out;
    }
    if (c < " ") fail();
    if (c !== "\\") {
      out += c;
      p.i++;
      continue;
    }
    const e = text[p.i + 1];
    p.i += 2;
    if (e in SIMPLE_ESCAPES) out += SIMPLE_ESCAPES[e];
    else if (e === "u") out += unicodeEscape(p);
    else fail();
  }
}

/** Reads one value and returns its type. */
function readValue(p, depth) {
  skipSpace(p);
  const { text } = p;
  const c = text[p.i];
  if (c === "{" || c === "[") {
    if (depth + 1 > MAX_CONTAINERS) p.violations.add("depth");
    if (c === "{") readObject(p, depth + 1);
    else readArray(p, depth + 1);
    return c === "{" ? "object" : "array";
  }
  if (c === '"') {
    readString(p);
    return "string";
  }
  const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(p.i));
  if (m && m[0].length > 0 && m[0] !== "-") {
    p.i += m[0].length;
    return "number";
  }
  for (const word of ["true", "false", "null"]) {
    if (text.startsWith(word, p.i)) {
      p.i += word.length;
      return word === "null" ? "null" : "boolean";
    }
  }
  return fail();
}

/** After a member or an element: true at the container's end (passed), false after a comma. */
function endOrComma(p, close) {
  skipSpace(p);
  if (p.text[p.i] === close) {
    p.i++;
    return true;
  }
  if (p.text[p.i] !== ",") fail();
  p.i++;
  return false;
}

function readArray(p, depth) {
  p.i++;
  skipSpace(p);
  if (p.text[p.i] === "]") {
    p.i++;
    return;
  }
  do readValue(p, depth);
  while (!endOrComma(p, "]"));
}

/** Reads an object; the top one's members go to `p.members`. */
function readObject(p, depth, top = false) {
  p.i++;
  const names = new Set();
  skipSpace(p);
  if (p.text[p.i] === "}") {
    p.i++;
    return;
  }
  do {
    skipSpace(p);
    if (p.text[p.i] !== '"') fail();
    const name = readString(p);
    if (names.has(name)) p.violations.add("duplicate");
    names.add(name);
    skipSpace(p);
    if (p.text[p.i] !== ":") fail();
    p.i++;
    skipSpace(p);
    const start = p.i;
    const type = readValue(p, depth);
    if (top) p.members.push({ name, raw: p.text.slice(start, p.i), type });
  } while (!endOrComma(p, "}"));
}

/**
 * Reads `bytes` as one JSON object under RFC 8259 plus the verifier's rules. Returns
 * `{ violations, members }`: `violations` a Set of the strictness rules broken that JSON.parse
 * does not care about ("invalid-utf8", "bom", "duplicate", "lone-surrogate", "depth"), plus
 * "syntax" for what JSON.parse refuses too and "not-object"; `members` the top-level members as
 * `{ name, raw, type }` (`raw` the value's exact text).
 */
export function strictJson(bytes) {
  const violations = new Set();
  let text;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    violations.add("invalid-utf8");
    text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  }
  if (text.startsWith("\uFEFF")) {
    violations.add("bom");
    text = text.slice(1); // what TextDecoder (jose) hands JSON.parse
  }
  const p = { text, i: 0, violations, members: [] };
  try {
    skipSpace(p);
    if (text[p.i] !== "{") fail("not-object");
    readObject(p, 1, true);
    skipSpace(p);
    if (p.i !== text.length) fail();
  } catch (e) {
    if (!e.jsonRule) throw e;
    violations.add(e.jsonRule);
  }
  return { violations, members: p.members };
}

/** JSON.parse of the lenient decoding (what jose sees), or undefined. */
function lenientObject(segment) {
  try {
    const v = JSON.parse(new TextDecoder().decode(Buffer.from(segment, "base64url")));
    return v !== null && typeof v === "object" && !Array.isArray(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

const I64_INTEGER = /^-?(0|[1-9][0-9]*)$/;
const I64_MAX = 9223372036854775807n;
const I64_MIN = -9223372036854775808n;

/** Whether `raw` is a JSON integer written without fraction or exponent, within i64. */
export function isI64Literal(raw) {
  if (!I64_INTEGER.test(raw)) return false;
  const n = BigInt(raw);
  return n >= I64_MIN && n <= I64_MAX;
}

/**
 * Everything the classifier asks of a token. Cheap enough for every disagreement (it only
 * runs on those).
 */
export function inspectToken(token) {
  const segments = token.split(".");
  const out = {
    length: token.length,
    threeSegments: segments.length === 3,
    canonical: segments.map(isCanonicalBase64url),
    header: undefined, // lenient view (jose's)
    payload: undefined,
    headerJson: undefined, // strict view, only when the segment is canonical
    payloadJson: undefined,
  };
  if (!out.threeSegments) return out;
  out.header = lenientObject(segments[0]);
  out.payload = lenientObject(segments[1]);
  if (out.canonical[0]) out.headerJson = strictJson(Buffer.from(segments[0], "base64url"));
  if (out.canonical[1]) out.payloadJson = strictJson(Buffer.from(segments[1], "base64url"));
  return out;
}

/** Rules of the strict JSON reader that JSON.parse does not have. */
export const STRICT_JSON_RULES = ["invalid-utf8", "bom", "duplicate", "lone-surrogate", "depth"];
