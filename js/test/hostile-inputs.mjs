// Seeded hostile inputs for the public JS API, shared by hostile.test.mjs (on Node 16, 20 and 22)
// and hostile-memory.mjs (which reads the wasm memory): non-strings, huge strings, lone
// surrogates, typed-array views with offsets, detached buffers, objects whose coercion throws,
// null and undefined in every field, and real tokens with one thing changed.
import { qstashToken } from "../../tools/testing/qstash-token.mjs";
import { detached } from "./helpers.mjs";

export const KEY = "sig_hostileCurrent3nj4aiyJ2JojDnQ1RR";
export const NEXT_KEY = "sig_hostileNext7dskHhQGd7zBn4pUmfcuu";
export const URL_ = "https://example.com/api/hostile";
export const NOW = 1767225600;
export const BODY = '{"hello":"hostile world"}';
// A fixed jti, so that the seeded cases built from this token are the same on every run.
export const GOOD = qstashToken({ key: KEY, url: URL_, body: BODY, iat: NOW - 10, jti: "jwt_test" });

/** The request that must still verify after everything else. */
export const goodRequest = () => ({ signature: GOOD, body: BODY, url: URL_, now: NOW });

const throwing = (what) => ({
  toString() {
    throw new Error(`${what}: coerced`);
  },
  valueOf() {
    throw new Error(`${what}: coerced`);
  },
  [Symbol.toPrimitive]() {
    throw new Error(`${what}: coerced`);
  },
});

const hugeStrings = new Map();
/** `c` repeated `n` times, made once. */
function huge(c, n) {
  const k = `${c}${n}`;
  if (!hugeStrings.has(k)) hugeStrings.set(k, c.repeat(n));
  return hugeStrings.get(k);
}
const HUGE_CHARS = ["A", "\u20ac", "\uD800", "."];
const HUGE_LENGTHS = [65536, 1 << 20];

/** Every huge string hostileValue can give (the memory test feeds each to every field first). */
export const HUGE_STRINGS = HUGE_CHARS.flatMap((c) => HUGE_LENGTHS.map((n) => huge(c, n)));

/** A value of any type, often a hostile one. `big` allows multi-megabyte values. */
export function hostileValue(r, { big = true } = {}) {
  const kind = r.int(30);
  return kind < 15 ? simpleValue(r, kind, big) : objectValue(r, kind, big);
}

// Kinds 0 to 14: primitives, strings, tokens and plain containers.
function simpleValue(r, kind, big) {
  switch (kind) {
    case 0:
      return undefined;
    case 1:
      return null;
    case 2:
      return r.pick([true, false]);
    case 3:
      return r.pick([
        0,
        -0,
        NaN,
        Infinity,
        -Infinity,
        1.5,
        -1,
        2 ** 53,
        -(2 ** 53),
        Number.MAX_VALUE,
        Number.MIN_VALUE,
        1e21,
      ]);
    case 4:
      return r.pick([0n, 10n, -(2n ** 70n)]);
    case 5:
      return Symbol("hostile");
    case 6:
      return "";
    case 7:
      return r.chars(r.range(1, 40), "ab.=-_+/ \u0000\u00e9\u20ac\uD800\uDC00\uDBFF\uDFFF\uFFFD\uFEFF");
    case 8:
      return `\uD800${r.chars(4, "abc")}\uDFFF`; // lone surrogates
    case 9: {
      if (!big || r.chance(0.9)) return huge("A", r.pick([16384, 16385, 20000]));
      return huge(r.pick(HUGE_CHARS), r.pick(HUGE_LENGTHS));
    }
    case 10:
      return mutateToken(r, GOOD);
    case 11:
      return GOOD.replace(".", r.pick(["..", ".\uD800.", "", ".\u0000"]));
    case 12:
      return {};
    case 13:
      return r.pick([[], [1, 2], ["a", 1], [URL_, null], [URL_, "x"], new Array(5)]);
    default:
      return r.pick([new String(GOOD), new Number(1), new Boolean(true)]);
  }
}

// Kinds 15 to 29: objects, functions, throwing values, buffers and views.
function objectValue(r, kind, big) {
  switch (kind) {
    case 15:
      return Object.create(null);
    case 16:
      return r.pick([() => GOOD, class {}, Math.max]);
    case 17:
      return r.pick([
        new Date(0),
        new Map([[1, 2]]),
        new Set(),
        /re/g,
        new Error("e"),
        Promise.resolve(1),
        new WeakMap(),
      ]);
    case 18:
      return throwing("value");
    case 19: {
      // a Uint8Array view with an offset into a larger buffer
      const backing = r.bytes(r.range(1, 512));
      const off = r.int(backing.length);
      return backing.subarray(off, off + r.int(backing.length - off + 1));
    }
    case 20:
      return new Uint8Array(0);
    case 21:
      return Buffer.from(r.bytes(r.range(0, 64)));
    case 22:
      return r.bytes(r.range(0, 64)).buffer;
    case 23: {
      const b = r.bytes(64);
      return r.pick([
        new DataView(b.buffer, r.int(32), r.int(32)),
        new Int16Array(b.buffer, 2 * r.int(16), r.int(8)),
        new Float64Array(b.buffer, 8, 2),
        new Uint8ClampedArray(b.buffer, 3, 5),
      ]);
    }
    case 24:
      return r.pick([new SharedArrayBuffer(8), new Uint8Array(new SharedArrayBuffer(8), 2, 4)]);
    case 25:
      return r.chance(0.5) ? detached(new Uint8Array(16)).buffer : detached(new Uint8Array(16).subarray(4));
    case 26:
      return big && r.chance(0.05)
        ? new Uint8Array(r.pick([1 << 20, 3 << 20])).fill(7).subarray(r.int(100))
        : r.bytes(100);
    case 27:
      return new Proxy({}, { get: (_t, k) => (k === "then" ? undefined : GOOD) });
    case 28:
      return r.pick([URL_, BODY, KEY, GOOD]);
    default:
      return [hostileValue(r, { big: false }), hostileValue(r, { big: false })];
  }
}

/** One character of a token changed, inserted or deleted, or a lone surrogate inserted. */
export function mutateToken(r, token) {
  const i = r.int(token.length);
  switch (r.int(4)) {
    case 0:
      return (
        token.slice(0, i) +
        r.pick(["A", "-", "_", "=", "+", "/", ".", "\uD800", "\u0000", "\u00e9"]) +
        token.slice(i + 1)
      );
    case 1:
      return token.slice(0, i) + token.slice(i + 1);
    case 2:
      return token.slice(0, i) + r.pick(["A", ".", "\uDC00", " "]) + token.slice(i);
    default:
      return token.slice(0, i);
  }
}

/** A request: sometimes not an object at all, otherwise each field plausible, hostile or absent. */
export function hostileRequest(r) {
  if (r.chance(0.04)) return hostileValue(r, { big: false });
  const plausible = {
    signature: () => r.pick([GOOD, GOOD, mutateToken(r, GOOD)]),
    body: () => r.pick([BODY, Buffer.from(BODY), new TextEncoder().encode(BODY), undefined]),
    url: () => r.pick([URL_, [URL_], [URL_, "https://example.com/other"], undefined]),
    clockTolerance: () => r.pick([0, 5, undefined]),
    now: () => r.pick([NOW, NOW + 1000, undefined]),
    upstashRegion: () => r.pick([undefined, "us-east-1", "EU_CENTRAL_1"]),
  };
  // Most requests have one or two hostile fields (so each field's check is reached alone), a
  // few have none (real and mutated tokens into wasm), a few have many.
  const fields = Object.keys(plausible);
  const hostileCount = r.weighted([
    [25, 0],
    [45, 1],
    [20, 2],
    [10, fields.length],
  ]);
  const hostile = new Set();
  while (hostile.size < hostileCount) hostile.add(r.pick(fields));
  const req = {};
  for (const [field, make] of Object.entries(plausible)) {
    if (!hostile.has(field)) {
      if (r.chance(0.9)) req[field] = make();
      continue;
    }
    const p = r.float();
    if (p < 0.1) continue;
    else if (p < 0.2) req[field] = null;
    else req[field] = hostileValue(r);
  }
  if (r.chance(0.02)) return new Proxy(req, {});
  if (r.chance(0.02)) return Object.assign(Object.create({ signature: GOOD }), { body: req.body });
  return req;
}

/** A Receiver config: plausible keys, hostile keys, or no object at all. */
export function hostileConfig(r) {
  if (r.chance(0.1)) return hostileValue(r, { big: false });
  const key = () =>
    r.chance(0.5) ? r.pick([KEY, NEXT_KEY, "k", "\uD800key", "\u20ac".repeat(200)]) : hostileValue(r, { big: false });
  const config = { currentSigningKey: key() };
  if (r.chance(0.6)) config.nextSigningKey = key();
  if (r.chance(0.05)) config.env = r.pick([{}, { QSTASH_CURRENT_SIGNING_KEY: KEY }, null, "env", throwing("env")]);
  if (r.chance(0.05)) config.devMode = r.pick(["true", 1, null, false]);
  return config;
}
