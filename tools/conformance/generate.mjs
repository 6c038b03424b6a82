// The seeded case generator of the differential suite. `caseAt(seed, i)` depends only on the seed
// and the index, so a sample (the first N cases) is a prefix of the full run, and any case can be
// replayed alone. Each case is a QStash-shaped token plus a request, then one family of mutations
// (MUTATIONS: one function per family).
//
// A case: { index, family, mutation, token, ours: { keys, request }, sdk: { keys, request },
//           nowMs, bodyBytes }
// where `ours.request` is what qstash-verifier's verifySync gets and `sdk.request` what
// @upstash/qstash's Receiver.verify gets (the SDK takes the body as a string only: bytes are given
// to it as `new TextDecoder().decode(bytes)`, which is what `await request.text()` yields).
import { createHash, createHmac } from "node:crypto";
import { ALNUM, B64URL, rng } from "../testing/rng.mjs";

export const MAX_TOKEN_LENGTH = 16384;
const T0 = 1767225600; // a fixed instant, so that no case depends on the clock; each case's iat is within a year of it

const utf8 = (s) => new TextEncoder().encode(s);
const b64url = (bytes) => Buffer.from(bytes).toString("base64url");
const J = (v) => JSON.stringify(v);

const URLS = [
  "https://example.com/api/webhook",
  "https://example.com/",
  "https://example.com",
  "http://localhost:3000/api/qstash?x=1&y=%20z",
  "https://qstash-prod-andreas.requestcatcher.com/test",
  "https://exämple.com/pfad/ünïcödé?q=ß",
  "https://例え.jp/パス#frag",
  'https://example.com/a b/"quoted"/back\\slash',
  "https://example.com/emoji/🚀",
  "",
];

const BODIES = [
  '{"hello":"world"}',
  "Hello World",
  "",
  '{"msg":"Héllo wörld, ça va? Ñandú 🚀🎉 こんにちは"}',
  "line1\nline2\r\n\ttabbed\u0000nul",
];

/** The claims QStash puts in a token, as ordered [name, raw JSON text] members. */
function baseClaims({ sub, bodyHash, iat, jti }) {
  return [
    ["aud", J("")],
    ["body", J(bodyHash)],
    ["exp", String(iat + 300)],
    ["iat", String(iat)],
    ["iss", J("Upstash")],
    ["jti", J(jti)],
    ["nbf", String(iat)],
    ["sub", J(sub)],
  ];
}

const objectText = (members, { space = "" } = {}) =>
  `{${members.map(([n, v]) => `${n.startsWith('"') ? n : J(n)}:${space}${v}`).join(`,${space}`)}}`;

const ALGS = { HS256: "sha256", HS384: "sha384", HS512: "sha512" };

function hmac(input, key, hash = "sha256") {
  return createHmac(hash, Buffer.from(key, "utf8")).update(input).digest("base64url");
}

const sha256b64url = (bytes) => createHash("sha256").update(bytes).digest("base64url");

/** A signing key as QStash spells them (sig_ + 28 alphanumerics), or sometimes an odd one. */
function makeKey(r) {
  if (r.chance(0.05))
    return r.pick([`sig_ключ_🔑_${r.chars(8, ALNUM)}`, "k", " sig_spaces ", `sig_${r.chars(200, ALNUM)}`]);
  return `sig_${r.chars(28, ALNUM)}`;
}

/** One character that is not `c`, from a mix of base64url, near-misses and hostile characters. */
function otherChar(r, c) {
  for (;;) {
    const x = r.chance(0.6)
      ? r.pick(B64URL)
      : r.pick(["=", "+", "/", ".", "*", " ", "\n", "\t", "é", "\u0000", "~", "%", "!", "\uFFFD", "A", "a", "0"]);
    if (x !== c) return x;
  }
}

const FAMILIES = [
  [10, "valid"],
  [25, "char"],
  [8, "keys"],
  [15, "claims"],
  [10, "header"],
  [10, "encoding"],
  [8, "time"],
  [5, "url"],
  [6, "body"],
  [1.5, "oversize"],
  [3, "strict-json"],
  [1.5, "garbage"],
];

// A case while it is drawn: the request's and the token's parts, which the family's mutation
// changes before the token is signed (`tokenOf`) and edited (`tokenEdits`).
function draw(seed, index) {
  const r = rng(`${seed}/${index}`);
  const family = r.weighted(FAMILIES);
  const current = makeKey(r);
  let next = r.chance(0.1) ? `${current}x` : makeKey(r);
  if (next === current) next = `${current}_next`;
  const other = `sig_${r.chars(28, ALNUM)}`;
  const sub = r.pick(URLS);
  const url = r.chance(0.85) ? sub : undefined;
  const body = r.pick(BODIES);
  const bodyBytes = utf8(body);
  const iat = T0 + r.range(-86400 * 365, 86400 * 365);
  const offset = r.range(0, 299); // now - iat: valid
  const tolerance = r.chance(0.8) ? 0 : r.pick([1, 5, 30, 300, r.range(0, 1000)]);
  const jti = `jwt_${r.chars(28, ALNUM)}`;
  const keys = { currentSigningKey: current, nextSigningKey: next };
  const c = {
    family,
    mutation: family,
    current,
    next,
    other,
    // The request parts.
    sub,
    url,
    bodyKind: "string",
    body,
    bodyBytes,
    iat,
    offset,
    tolerance,
    jti,
    // The token parts.
    signWith: current,
    hash: "sha256",
    ourKeys: keys,
    sdkKeys: { ...keys },
    header: [
      ["alg", J("HS256")],
      ["typ", J("JWT")],
    ],
    headerSpace: "",
    claims: baseClaims({ sub, bodyHash: `${sha256b64url(bodyBytes)}=`, iat, jti }),
    headerBytes: undefined, // set to override the JSON text (strict-json family)
    payloadBytes: undefined,
    segmentEdits: [], // functions [h, p] -> [h, p] applied before signing
    tokenEdits: [], // functions token -> token applied after signing
    omitNow: r.chance(0.25), // ours reads the (faked) clock instead of `now`
  };
  return { c, r };
}

function setClaim(c, name, raw) {
  const i = c.claims.findIndex(([n]) => n === name);
  if (i >= 0) c.claims[i] = [name, raw];
  else c.claims.push([name, raw]);
}
const claimValue = (c, name) => c.claims.find(([n]) => n === name)?.[1];
const rehashBody = (c) => setClaim(c, "body", J(`${sha256b64url(c.bodyBytes)}=`));

/** The token of a case as it stands: its header and claims, the segment edits, signed. */
function tokenOf(c) {
  const hb = c.headerBytes ?? Buffer.from(objectText(c.header, { space: c.headerSpace }));
  const pb = c.payloadBytes ?? Buffer.from(objectText(c.claims, { space: c.headerSpace }));
  let segs = [b64url(hb), b64url(pb)];
  for (const e of c.segmentEdits) segs = e(segs);
  const input = segs.join(".");
  return `${input}.${hmac(input, c.signWith, c.hash)}`;
}

/** Valid tokens, as issued or reshaped so that they stay valid (next key, order, spacing, extra claims, escapes). */
function mutateValid(c, r) {
  c.mutation = r.pick(["as-issued", "next-key", "reordered-claims", "spaced-json", "extra-claims", "escaped-names"]);
  if (c.mutation === "next-key") c.signWith = c.next;
  if (c.mutation === "reordered-claims") c.claims.reverse();
  if (c.mutation === "spaced-json") c.headerSpace = r.pick([" ", "\n", "\t", "\r\n  "]);
  if (c.mutation === "extra-claims") {
    c.claims.push(
      ["scope", J("publish")],
      ["n", "1.5e3"],
      ["meta", '{"a":[1,2,{"b":null}],"c":"\\ud83d\\ude80"}'],
      ["flag", "true"],
    );
  }
  if (c.mutation === "escaped-names") {
    c.claims = c.claims.map(([n, v]) => [r.chance(0.5) ? `"\\u00${n.charCodeAt(0).toString(16)}${n.slice(1)}"` : n, v]);
  }
}

/** One character of the signed token changed, deleted or inserted (no re-signing). */
function mutateChar(c, r) {
  const op = r.weighted([
    [6, "replace"],
    [2, "delete"],
    [2, "insert"],
  ]);
  const where = r.weighted([
    [2, 0],
    [5, 1],
    [3, 2],
    [0.3, "dot"],
  ]);
  c.mutation = `${op}-${where === "dot" ? "dot" : ["header", "payload", "signature"][where]}`;
  c.tokenEdits.push((token) => {
    const segs = token.split(".");
    let pos;
    if (where === "dot") pos = r.chance(0.5) ? segs[0].length : segs[0].length + 1 + segs[1].length;
    else {
      const before = segs.slice(0, where).reduce((s, x) => s + x.length + 1, 0);
      pos = before + r.int(segs[where].length + (op === "insert" ? 1 : 0));
    }
    if (op === "delete") return token.slice(0, pos) + token.slice(pos + 1);
    if (op === "insert") return token.slice(0, pos) + otherChar(r, "") + token.slice(pos);
    return token.slice(0, pos) + otherChar(r, token[pos]) + token.slice(pos + 1);
  });
}

/** The keys: a wrong one, the next one, swapped, one key only, an empty next key, a prefix of the key. */
function mutateKeys(c, r) {
  c.mutation = r.pick([
    "wrong-key",
    "next-key",
    "swapped-keys",
    "one-key",
    "one-key-sdk-given-it-twice",
    "empty-next",
    "key-prefix",
    "key-as-next-only",
  ]);
  if (c.mutation === "wrong-key") c.signWith = c.other;
  if (c.mutation === "next-key") c.signWith = c.next;
  if (c.mutation === "swapped-keys") {
    c.ourKeys = { currentSigningKey: c.next, nextSigningKey: c.current };
    c.sdkKeys = { ...c.ourKeys };
  }
  if (c.mutation === "one-key" || c.mutation === "one-key-sdk-given-it-twice" || c.mutation === "empty-next") {
    c.signWith = r.chance(0.8) ? c.current : c.next;
    c.ourKeys = { currentSigningKey: c.current, nextSigningKey: c.mutation === "empty-next" ? "" : undefined };
    c.sdkKeys =
      c.mutation === "one-key-sdk-given-it-twice"
        ? { currentSigningKey: c.current, nextSigningKey: c.current }
        : { ...c.ourKeys };
  }
  if (c.mutation === "key-prefix") c.signWith = c.current.slice(0, -1);
  if (c.mutation === "key-as-next-only") {
    c.ourKeys = { currentSigningKey: c.other, nextSigningKey: c.current };
    c.sdkKeys = { ...c.ourKeys };
  }
}

/** What a retyped claim's raw JSON becomes, from its value `v` as raw JSON. */
function retypedValues(v, numeric) {
  return numeric
    ? [
        J(v),
        `${v}.0`,
        `${v}.5`,
        `${v}e0`,
        `${Number(v) / 1000}e3`,
        "null",
        "true",
        "[]",
        "{}",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775808",
        "-9223372036854775809",
        "1e400",
        "-1e400",
        "-0",
        "0",
        `${Number(v) + 1}`,
        `${Number(v) - 1}`,
        "-62135596800",
        "18446744073709551616",
      ]
    : [
        "123",
        "1.5",
        "null",
        "true",
        "[]",
        '{"a":1}',
        J(""),
        J("x"),
        `[${v}]`,
        J(JSON.parse(v).toUpperCase()),
        J(`${JSON.parse(v)} `),
        J(`${JSON.parse(v)}=`),
        J(JSON.parse(v).replace(/=$/, "===")),
      ];
}

/** One claim removed, retyped, duplicated, or an extra one added. */
function mutateClaims(c, r) {
  const names = ["aud", "body", "exp", "iat", "iss", "jti", "nbf", "sub"];
  const name = r.pick(names);
  const op = r.weighted([
    [3, "removed"],
    [5, "retyped"],
    [3, "duplicated"],
    [1, "added"],
  ]);
  c.mutation = `${name}-${op}`;
  const numeric = ["exp", "iat", "nbf"].includes(name);
  if (op === "removed") c.claims = c.claims.filter(([n]) => n !== name);
  if (op === "retyped") {
    const v = claimValue(c, name);
    const choices = retypedValues(v, numeric);
    const raw = r.pick(choices);
    setClaim(c, name, raw);
    c.mutation = `${name}-retyped:${raw.length > 24 ? `${raw.slice(0, 24)}…` : raw}`;
  }
  if (op === "duplicated") {
    const v = claimValue(c, name) ?? J("x");
    const variant = r.pick(["same", "other-first", "other-last", "escaped-name"]);
    const otherValue = numeric
      ? String(Number(v) + r.pick([-400, -1, 1, 400]))
      : J(r.pick(["Upstash", "x", "", "https://evil.example/"]));
    if (variant === "same") c.claims.push([name, v]);
    if (variant === "other-first") c.claims.unshift([name, otherValue]);
    if (variant === "other-last") c.claims.push([name, otherValue]);
    if (variant === "escaped-name")
      c.claims.push([`"\\u00${name.charCodeAt(0).toString(16)}${name.slice(1)}"`, otherValue]);
    c.mutation = `${name}-duplicated-${variant}`;
  }
  if (op === "added") {
    const [n, v] = r.pick([
      ["extra", '{"a":{"b":[1,{"c":null}]}}'],
      ["n", "1e999"],
      ["s", J("\u2028\u2029")],
      ["e", J('\\"/\b\f\n\r\t')],
      ["__proto__", '{"exp":1}'],
    ]);
    c.claims.push([n, v]);
    c.mutation = `added-${n}`;
  }
}

/** The header: alg, typ, crit, an extra member, or its members' order. */
function mutateHeader(c, r) {
  const what = r.pick(["alg", "alg", "typ", "crit", "extra", "order"]);
  c.mutation = `header-${what}`;
  if (what === "alg") {
    const alg = r.pick([
      '"HS256"',
      '"HS384"',
      '"HS512"',
      '"none"',
      '"RS256"',
      '"ES256"',
      '"PS256"',
      '"hs256"',
      '"HS256 "',
      '""',
      '"HS1"',
      "null",
      "256",
      '["HS256"]',
      "missing",
    ]);
    if (alg === "missing") c.header = c.header.filter(([n]) => n !== "alg");
    else c.header[0] = ["alg", alg];
    const name = alg.startsWith('"') ? JSON.parse(alg) : undefined;
    if (ALGS[name]) c.hash = ALGS[name];
    if (name === "none" && r.chance(0.5)) c.tokenEdits.push((t) => t.slice(0, t.lastIndexOf(".") + 1));
    c.mutation = `alg:${alg}`;
  }
  if (what === "typ") {
    const typ = r.pick(['"JWT"', '"jwt"', '"at+jwt"', "missing", "1", "null"]);
    if (typ === "missing") c.header = c.header.filter(([n]) => n !== "typ");
    else c.header[1] = ["typ", typ];
    c.mutation = `typ:${typ}`;
  }
  if (what === "crit") {
    const crit = r.pick([
      [
        ["crit", '["b64"]'],
        ["b64", "true"],
      ],
      [
        ["crit", '["b64"]'],
        ["b64", "false"],
      ],
      [
        ["crit", '["exp"]'],
        ["exp", "1"],
      ],
      [["crit", "[]"]],
      [
        ["crit", '"b64"'],
        ["b64", "true"],
      ],
      [["crit", '["b64"]']],
      [
        ["crit", '["x"]'],
        ["x", "1"],
      ],
    ]);
    c.header.push(...crit);
    c.mutation = `crit:${crit.map(([n, v]) => `${n}=${v}`).join(",")}`;
  }
  if (what === "extra") {
    c.header.push(
      r.pick([
        ["kid", J("qstash-key-1")],
        ["jku", J("https://evil.example/jwks")],
        ["jwk", '{"kty":"oct","k":"AAAA"}'],
        ["cty", J("JWT")],
        ["x5u", "null"],
      ]),
    );
  }
  if (what === "order") c.header.reverse();
}

/** One segment's base64url: padding, the standard alphabet, trailing bits, whitespace, stray characters, lengths. */
function mutateEncoding(c, r) {
  const seg = r.weighted([
    [3, 0],
    [3, 1],
    [4, 2],
  ]);
  const how = r.pick([
    "pad",
    "pad2",
    "std-alphabet",
    "trailing-bits",
    "whitespace",
    "invalid-char",
    "length-4n+1",
    "trailing-newline",
  ]);
  c.mutation = `${["header", "payload", "signature"][seg]}-${how}`;
  if (how === "std-alphabet" && seg === 0) c.header.push(["kid", J(">>>???")]); // forces '-' and '_'
  if (how === "std-alphabet" && seg === 1) c.claims.push(["k", J(">>>???>>>???")]);
  const edit = (s) => {
    switch (how) {
      case "pad":
        return s + "=".repeat((4 - (s.length % 4)) % 4 || 1);
      case "pad2":
        return `${s}==`;
      case "std-alphabet":
        return s.replaceAll("-", "+").replaceAll("_", "/");
      case "trailing-bits": {
        if (s.length % 4 === 0) return s.slice(0, -1) + otherChar(r, s.at(-1)); // plain change
        const i = B64URL.indexOf(s.at(-1));
        const mask = s.length % 4 === 2 ? 15 : 3;
        return s.slice(0, -1) + B64URL[(i & ~mask) | (1 + r.int(mask))];
      }
      case "whitespace": {
        const p = r.int(s.length + 1);
        return s.slice(0, p) + r.pick([" ", "\n", "\t", "\r"]) + s.slice(p);
      }
      case "invalid-char": {
        const p = r.int(s.length + 1);
        return s.slice(0, p) + r.pick(["*", "!", "%", "$", "é", "\u0000"]) + s.slice(p);
      }
      case "length-4n+1":
        return s.length % 4 === 0 ? `${s}A` : s + "A".repeat((5 - (s.length % 4)) % 4);
      case "trailing-newline":
        return `${s}\n`;
    }
    return s;
  };
  if (seg === 2) {
    c.tokenEdits.push((t) => {
      const i = t.lastIndexOf(".");
      return t.slice(0, i + 1) + edit(t.slice(i + 1));
    });
  } else {
    c.segmentEdits.push((segs) => segs.map((s, i) => (i === seg ? edit(s) : s)));
  }
}

/** The clock around exp and nbf with a tolerance, and some odd exp and nbf values. */
function mutateTime(c, r) {
  const exp = c.iat + 300;
  const tol = r.pick([0, 0, 1, 5, 60, 300, r.range(0, 100000)]);
  c.tolerance = tol;
  const at = r.pick(["exp-tol-1", "exp+tol-1", "exp+tol", "exp+tol+1", "nbf-tol", "nbf-tol-1", "nbf", "random"]);
  const target = {
    "exp-tol-1": exp - tol - 1,
    "exp+tol-1": exp + tol - 1,
    "exp+tol": exp + tol,
    "exp+tol+1": exp + tol + 1,
    "nbf-tol": c.iat - tol,
    "nbf-tol-1": c.iat - tol - 1,
    nbf: c.iat,
    random: c.iat + r.range(-1000, 1300),
  }[at];
  c.offset = target - c.iat;
  c.mutation = `now=${at}`;
  if (r.chance(0.2)) {
    const odd = r.pick([
      ["nbf-after-exp", () => setClaim(c, "nbf", String(exp + 1))],
      ["exp-negative", () => setClaim(c, "exp", "-1")],
      ["nbf-go-zero", () => setClaim(c, "nbf", "-62135596800")],
      ["exp-i64-max", () => setClaim(c, "exp", "9223372036854775807")],
      ["nbf-i64-min", () => setClaim(c, "nbf", "-9223372036854775808")],
    ]);
    odd[1]();
    c.mutation += `,${odd[0]}`;
  }
}

/** The url given to the verifiers against the token's sub. */
function mutateUrl(c, r) {
  const v = r.pick([
    "undefined",
    "trailing-slash",
    "no-trailing-slash",
    "upper-host",
    "query",
    "fragment",
    "percent",
    "nfd",
    "empty",
    "sub-prefix",
    "other",
  ]);
  c.mutation = `url-${v}`;
  c.url = {
    undefined: undefined,
    "trailing-slash": `${c.sub}/`,
    "no-trailing-slash": c.sub.replace(/\/$/, ""),
    "upper-host": c.sub.replace("example", "EXAMPLE"),
    query: `${c.sub}?a=1`,
    fragment: `${c.sub}#f`,
    percent: encodeURI(c.sub),
    nfd: c.sub.normalize("NFD"),
    empty: "",
    "sub-prefix": c.sub.slice(0, -1),
    other: r.pick(URLS),
  }[v];
}

/** The body against its claim: changed, absent, binary, in another container, large, or a claim in another encoding. */
function mutateBody(c, r) {
  const v = r.pick([
    "byte-changed",
    "empty-vs-absent",
    "absent",
    "lone-surrogate",
    "binary-utf8",
    "binary-random",
    "view-with-offset",
    "arraybuffer",
    "buffer",
    "large",
    "claim-unpadded",
    "claim-double-padded",
    "claim-std-alphabet",
    "claim-hex",
  ]);
  c.mutation = `body-${v}`;
  if (v === "byte-changed") {
    c.bodyBytes = utf8(c.body.length ? c.body : "x");
    c.body = r.chance(0.5) ? `${c.body.slice(0, -1)}!` : `${c.body} `;
  }
  if (v === "empty-vs-absent") {
    c.body = r.chance(0.5) ? "" : undefined;
    c.bodyBytes = utf8("x"); // the claim is for "x": both refuse
  }
  if (v === "absent") {
    c.body = undefined;
    c.bodyBytes = new Uint8Array(0);
  }
  if (v === "lone-surrogate") {
    c.body = `a\uD800b\uDFFFc${r.chars(4, ALNUM)}`;
    c.bodyBytes = utf8(c.body); // TextEncoder writes U+FFFD for each, on both sides
  }
  if (["binary-utf8", "binary-random", "view-with-offset", "arraybuffer", "buffer"].includes(v)) {
    c.bodyKind = v === "arraybuffer" ? "arraybuffer" : v === "buffer" ? "buffer" : "bytes";
    c.bodyBytes = v === "binary-utf8" ? utf8(`bïnary ${r.chars(20, ALNUM)} ✓`) : r.bytes(r.range(1, 300));
    c.body = c.bodyBytes;
    if (v === "view-with-offset") {
      const backing = r.bytes(c.bodyBytes.length + 64);
      const off = r.range(1, 32);
      backing.set(c.bodyBytes, off);
      c.body = backing.subarray(off, off + c.bodyBytes.length);
    }
  }
  if (v === "large") {
    c.body = `${'{"k":"'.repeat(1)}${r.chars(200000 + r.int(100000), ALNUM)}"}`;
    c.bodyBytes = utf8(c.body);
  }
  rehashBody(c);
  const h = sha256b64url(c.bodyBytes);
  if (v === "claim-unpadded") setClaim(c, "body", J(h));
  if (v === "claim-double-padded") setClaim(c, "body", J(`${h}==`));
  if (v === "claim-std-alphabet") setClaim(c, "body", J(Buffer.from(h, "base64url").toString("base64")));
  if (v === "claim-hex") setClaim(c, "body", J(createHash("sha256").update(c.bodyBytes).digest("hex")));
}

/** Tokens around the length cap, grown through the jti or the sub. */
function mutateOversize(c, r) {
  const target = r.pick([
    MAX_TOKEN_LENGTH - 1,
    MAX_TOKEN_LENGTH,
    MAX_TOKEN_LENGTH + 1,
    MAX_TOKEN_LENGTH + 3,
    20000,
    65536,
  ]);
  c.mutation = `length-${target}`;
  // Grow the jti (or the sub) until the signed token has exactly `target` characters when
  // possible (base64 grows by 4 per 3 bytes, so +/-1 around the target is the best one can do).
  const field = r.chance(0.5) ? "jti" : "sub";
  const fixedLen = () => tokenOf(c).length;
  const base = field === "jti" ? c.jti : c.sub;
  let pad = 0;
  const setPad = (n) => {
    pad = n;
    setClaim(c, field, J(base + "x".repeat(n)));
  };
  setPad(Math.max(0, Math.floor(((target - fixedLen()) * 3) / 4) - 2));
  while (fixedLen() < target) setPad(pad + 1);
  if (field === "sub") c.url = base + "x".repeat(pad);
}

/** JSON that JSON.parse takes and RFC 8259 (or the verifier's rules) does not, and some it refuses too. */
function mutateStrictJson(c, r) {
  const v = r.pick([
    "payload-bom",
    "header-bom",
    "lone-high-surrogate",
    "lone-low-surrogate",
    "reversed-surrogates",
    "invalid-utf8",
    "overlong-utf8",
    "cesu8-surrogate",
    "depth-32",
    "depth-33",
    "nested-duplicate",
    "header-duplicate-alg",
    "leading-whitespace",
    "trailing-whitespace",
    "trailing-comma",
    "single-quotes",
    "nul-escape",
    "big-exponent",
  ]);
  c.mutation = v;
  const jtiAt = () => c.claims.findIndex(([n]) => n === "jti");
  const replaceJti = (raw) => (c.claims[jtiAt()] = ["jti", raw]);
  const withBytes = (mid) => {
    // jti's string with raw bytes inside it
    const text = objectText(c.claims);
    const cut = text.indexOf(c.jti) + 4;
    c.payloadBytes = Buffer.concat([Buffer.from(text.slice(0, cut)), Buffer.from(mid), Buffer.from(text.slice(cut))]);
  };
  if (v === "payload-bom")
    c.payloadBytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(objectText(c.claims))]);
  if (v === "header-bom")
    c.headerBytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(objectText(c.header))]);
  if (v === "lone-high-surrogate") replaceJti('"jwt_\\ud800x"');
  if (v === "lone-low-surrogate") replaceJti('"jwt_\\udc00"');
  if (v === "reversed-surrogates") replaceJti('"jwt_\\ude00\\ud83d"');
  if (v === "invalid-utf8") withBytes([0xff, 0xfe]);
  if (v === "overlong-utf8") withBytes([0xc0, 0xaf]);
  if (v === "cesu8-surrogate") withBytes([0xed, 0xa0, 0x80]);
  if (v === "depth-32") c.claims.push(["deep", `${"[".repeat(31)}${"]".repeat(31)}`]);
  if (v === "depth-33") c.claims.push(["deep", `${"[".repeat(32)}${"]".repeat(32)}`]);
  if (v === "nested-duplicate") c.claims.push(["extra", '{"a":1,"a":2}']);
  if (v === "header-duplicate-alg") c.header.unshift(["alg", J(r.pick(["none", "HS256", "RS256"]))]);
  if (v === "leading-whitespace") c.payloadBytes = Buffer.from(` \n\t\r${objectText(c.claims)}`);
  if (v === "trailing-whitespace") c.payloadBytes = Buffer.from(`${objectText(c.claims)} \r\n`);
  if (v === "trailing-comma") c.payloadBytes = Buffer.from(`${objectText(c.claims).slice(0, -1)},}`);
  if (v === "single-quotes") c.payloadBytes = Buffer.from(objectText(c.claims).replace('"aud":""', "'aud':''"));
  if (v === "nul-escape") replaceJti('"jwt_\\u0000"');
  if (v === "big-exponent") c.claims.push(["big", "1E+999999"]);
}

/** Strings that are not a token at all. */
function mutateGarbage(c, r) {
  const v = r.pick([
    "empty",
    "dots",
    "two-segments",
    "four-segments",
    "json",
    "bearer",
    "random-b64",
    "random-text",
    "surrounding-space",
    "lone-surrogates",
  ]);
  c.mutation = `garbage-${v}`;
  const g = {
    empty: () => "",
    dots: () => ".".repeat(r.range(1, 5)),
    "two-segments": (t) => t.split(".").slice(0, 2).join("."),
    "four-segments": (t) => `${t}.${r.chars(r.range(0, 8), B64URL)}`,
    json: () => J({ alg: "HS256" }),
    bearer: (t) => `Bearer ${t}`,
    "random-b64": () => [0, 1, 2].map(() => r.chars(r.range(0, 60), B64URL)).join("."),
    "random-text": () => r.chars(r.range(1, 200), `${ALNUM}./-_=+* \u00e9\u4e2d`),
    "surrounding-space": (t) => ` ${t} `,
    "lone-surrogates": (t) => `${t.slice(0, 10)}\uD800${t.slice(10)}`,
  }[v];
  c.tokenEdits.push(g);
}

/** Each family's mutation, by the family's name (FAMILIES draws the name). */
const MUTATIONS = {
  valid: mutateValid,
  char: mutateChar,
  keys: mutateKeys,
  claims: mutateClaims,
  header: mutateHeader,
  encoding: mutateEncoding,
  time: mutateTime,
  url: mutateUrl,
  body: mutateBody,
  oversize: mutateOversize,
  "strict-json": mutateStrictJson,
  garbage: mutateGarbage,
};

/** The case number `index` of the run seeded by `seed`. */
export function caseAt(seed, index) {
  const { c, r } = draw(seed, index);
  MUTATIONS[c.family](c, r);
  let token = tokenOf(c);
  for (const e of c.tokenEdits) token = e(token);
  const { body, url, tolerance } = c;
  const now = c.iat + c.offset;
  const nowMs = now * 1000 + r.int(1000);
  const bodyForOurs =
    c.bodyKind === "arraybuffer"
      ? body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength)
      : c.bodyKind === "buffer"
        ? Buffer.from(body)
        : body;
  const bodyForSdk = body instanceof Uint8Array ? new TextDecoder().decode(body) : body;
  const ours = { signature: token, body: bodyForOurs, clockTolerance: tolerance };
  if (url !== undefined) ours.url = url;
  if (!c.omitNow) ours.now = now;
  const sdk = { signature: token, body: bodyForSdk, clockTolerance: tolerance };
  if (url !== undefined) sdk.url = url;

  const oursHashes = body instanceof Uint8Array ? body : utf8(body ?? "");
  const sdkHashes = utf8(bodyForSdk ?? "");
  return {
    index,
    family: c.family,
    mutation: c.mutation,
    token,
    nowMs,
    sdkBodyDiffers: Buffer.compare(Buffer.from(oursHashes), Buffer.from(sdkHashes)) !== 0,
    ours: { keys: c.ourKeys, request: ours },
    sdk: { keys: c.sdkKeys, request: sdk },
  };
}
