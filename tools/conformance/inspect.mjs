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
  const members = [];
  let i = 0;
  const fail = (what = "syntax") => {
    throw Object.assign(new Error(what), { jsonRule: what });
  };
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
  };
  const string = () => {
    i++; // "
    let out = "";
    for (;;) {
      if (i >= text.length) fail();
      const c = text[i];
      if (c === '"') {
        i++;
        return out;
      }
      if (c < " ") fail();
      if (c !== "\\") {
        out += c;
        i++;
        continue;
      }
      const e = text[i + 1];
      i += 2;
      const simple = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
      if (e in simple) {
        out += simple[e];
        continue;
      }
      if (e !== "u" || !/^[0-9a-fA-F]{4}$/.test(text.slice(i, i + 4))) fail();
      const unit = parseInt(text.slice(i, i + 4), 16);
      i += 4;
      if (unit >= 0xd800 && unit <= 0xdbff) {
        const next = /^\\u([0-9a-fA-F]{4})/.exec(text.slice(i, i + 6));
        const lo = next ? parseInt(next[1], 16) : -1;
        if (lo >= 0xdc00 && lo <= 0xdfff) {
          out += String.fromCharCode(unit, lo);
          i += 6;
        } else {
          violations.add("lone-surrogate");
          out += String.fromCharCode(unit);
        }
      } else {
        if (unit >= 0xdc00 && unit <= 0xdfff) violations.add("lone-surrogate");
        out += String.fromCharCode(unit);
      }
    }
  };
  const value = (depth) => {
    ws();
    const c = text[i];
    if (c === "{" || c === "[") {
      if (depth + 1 > MAX_CONTAINERS) violations.add("depth");
      if (c === "{") object(depth + 1);
      else array(depth + 1);
      return c === "{" ? "object" : "array";
    }
    if (c === '"') {
      string();
      return "string";
    }
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i));
    if (m && m[0].length > 0 && m[0] !== "-") {
      i += m[0].length;
      return "number";
    }
    for (const word of ["true", "false", "null"]) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return word === "null" ? "null" : "boolean";
      }
    }
    return fail();
  };
  const array = (depth) => {
    i++;
    ws();
    if (text[i] === "]") {
      i++;
      return;
    }
    for (;;) {
      value(depth);
      ws();
      if (text[i] === "]") {
        i++;
        return;
      }
      if (text[i] !== ",") fail();
      i++;
    }
  };
  const object = (depth, top = false) => {
    i++;
    const names = new Set();
    ws();
    if (text[i] === "}") {
      i++;
      return;
    }
    for (;;) {
      ws();
      if (text[i] !== '"') fail();
      const name = string();
      if (names.has(name)) violations.add("duplicate");
      names.add(name);
      ws();
      if (text[i] !== ":") fail();
      i++;
      ws();
      const start = i;
      const type = value(depth);
      if (top) members.push({ name, raw: text.slice(start, i), type });
      ws();
      if (text[i] === "}") {
        i++;
        return;
      }
      if (text[i] !== ",") fail();
      i++;
    }
  };
  try {
    ws();
    if (text[i] !== "{") fail("not-object");
    object(1, true);
    ws();
    if (i !== text.length) fail();
  } catch (e) {
    if (!e.jsonRule) throw e;
    violations.add(e.jsonRule);
  }
  return { violations, members };
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
