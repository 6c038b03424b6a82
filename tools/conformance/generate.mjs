// The seeded case generator of the differential suite. `caseAt(seed, i)` depends only on the seed
// and the index, so a sample (the first N cases) is a prefix of the full run, and any case can be
// replayed alone. Each case is a QStash-shaped token plus a request, then one family of mutations.
//
// A case: { index, family, mutation, token, ours: { keys, request }, sdk: { keys, request },
//           nowMs, bodyBytes }
// where `ours.request` is what qstash-verifier's verifySync gets and `sdk.request` what
// @upstash/qstash's Receiver.verify gets (the SDK takes the body as a string only: bytes are given
// to it as `new TextDecoder().decode(bytes)`, which is what `await request.text()` yields).
import { createHash, createHmac } from "node:crypto";
import { ALNUM, B64URL, rng } from "../testing/rng.mjs";

export const MAX_TOKEN_LENGTH = 16384;
const T0 = 1767225600; // 2026-01-01T00:00:00Z; each case's iat is within a year of it

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

/** The case number `index` of the run seeded by `seed`. */
export function caseAt(seed, index) {
  const r = rng(`${seed}/${index}`);
  const family = r.weighted(FAMILIES);
  const current = makeKey(r);
  let next = r.chance(0.1) ? `${current}x` : makeKey(r);
  if (next === current) next = `${current}_next`;
  const other = `sig_${r.chars(28, ALNUM)}`;

  // The request parts.
  const sub = r.pick(URLS);
  let url = r.chance(0.85) ? sub : undefined;
  let bodyKind = "string";
  let body = r.pick(BODIES);
  let bodyBytes = utf8(body);
  const iat = T0 + r.range(-86400 * 365, 86400 * 365);
  let offset = r.range(0, 299); // now - iat: valid
  let tolerance = r.chance(0.8) ? 0 : r.pick([1, 5, 30, 300, r.range(0, 1000)]);
  const jti = `jwt_${r.chars(28, ALNUM)}`;

  // The token parts.
  let header = [
    ["alg", J("HS256")],
    ["typ", J("JWT")],
  ];
  let headerSpace = "";
  let claims = baseClaims({ sub, bodyHash: `${sha256b64url(bodyBytes)}=`, iat, jti });
  let headerBytes; // set to override the JSON text (strict-json family)
  let payloadBytes;
  let signWith = current;
  let hash = "sha256";
  const segmentEdits = []; // functions [h, p] -> [h, p] applied before signing
  const tokenEdits = []; // functions token -> token applied after signing
  let ourKeys = { currentSigningKey: current, nextSigningKey: next };
  let sdkKeys = { currentSigningKey: current, nextSigningKey: next };
  let mutation = family;
  const omitNow = r.chance(0.25); // ours reads the (faked) clock instead of `now`

  const setClaim = (name, raw) => {
    const i = claims.findIndex(([n]) => n === name);
    if (i >= 0) claims[i] = [name, raw];
    else claims.push([name, raw]);
  };
  const claimValue = (name) => claims.find(([n]) => n === name)?.[1];
  const rehashBody = () => setClaim("body", J(`${sha256b64url(bodyBytes)}=`));

  switch (family) {
    case "valid": {
      mutation = r.pick(["as-issued", "next-key", "reordered-claims", "spaced-json", "extra-claims", "escaped-names"]);
      if (mutation === "next-key") signWith = next;
      if (mutation === "reordered-claims") claims.reverse();
      if (mutation === "spaced-json") headerSpace = r.pick([" ", "\n", "\t", "\r\n  "]);
      if (mutation === "extra-claims") {
        claims.push(
          ["scope", J("publish")],
          ["n", "1.5e3"],
          ["meta", '{"a":[1,2,{"b":null}],"c":"\\ud83d\\ude80"}'],
          ["flag", "true"],
        );
      }
      if (mutation === "escaped-names") {
        claims = claims.map(([n, v]) => [r.chance(0.5) ? `"\\u00${n.charCodeAt(0).toString(16)}${n.slice(1)}"` : n, v]);
      }
      break;
    }
    case "char": {
      // One character of the signed token changed, deleted or inserted (no re-signing).
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
      mutation = `${op}-${where === "dot" ? "dot" : ["header", "payload", "signature"][where]}`;
      tokenEdits.push((token) => {
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
      break;
    }
    case "keys": {
      mutation = r.pick([
        "wrong-key",
        "next-key",
        "swapped-keys",
        "one-key",
        "one-key-sdk-given-it-twice",
        "empty-next",
        "key-prefix",
        "key-as-next-only",
      ]);
      if (mutation === "wrong-key") signWith = other;
      if (mutation === "next-key") signWith = next;
      if (mutation === "swapped-keys") {
        ourKeys = { currentSigningKey: next, nextSigningKey: current };
        sdkKeys = { ...ourKeys };
      }
      if (mutation === "one-key" || mutation === "one-key-sdk-given-it-twice" || mutation === "empty-next") {
        signWith = r.chance(0.8) ? current : next;
        ourKeys = { currentSigningKey: current, nextSigningKey: mutation === "empty-next" ? "" : undefined };
        sdkKeys =
          mutation === "one-key-sdk-given-it-twice"
            ? { currentSigningKey: current, nextSigningKey: current }
            : { ...ourKeys };
      }
      if (mutation === "key-prefix") signWith = current.slice(0, -1);
      if (mutation === "key-as-next-only") {
        ourKeys = { currentSigningKey: other, nextSigningKey: current };
        sdkKeys = { ...ourKeys };
      }
      break;
    }
    case "claims": {
      const names = ["aud", "body", "exp", "iat", "iss", "jti", "nbf", "sub"];
      const name = r.pick(names);
      const op = r.weighted([
        [3, "removed"],
        [5, "retyped"],
        [3, "duplicated"],
        [1, "added"],
      ]);
      mutation = `${name}-${op}`;
      const numeric = ["exp", "iat", "nbf"].includes(name);
      if (op === "removed") claims = claims.filter(([n]) => n !== name);
      if (op === "retyped") {
        const v = claimValue(name);
        const choices = numeric
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
        const raw = r.pick(choices);
        setClaim(name, raw);
        mutation = `${name}-retyped:${raw.length > 24 ? `${raw.slice(0, 24)}…` : raw}`;
      }
      if (op === "duplicated") {
        const v = claimValue(name) ?? J("x");
        const variant = r.pick(["same", "other-first", "other-last", "escaped-name"]);
        const otherValue = numeric
          ? String(Number(v) + r.pick([-400, -1, 1, 400]))
          : J(r.pick(["Upstash", "x", "", "https://evil.example/"]));
        if (variant === "same") claims.push([name, v]);
        if (variant === "other-first") claims.unshift([name, otherValue]);
        if (variant === "other-last") claims.push([name, otherValue]);
        if (variant === "escaped-name")
          claims.push([`"\\u00${name.charCodeAt(0).toString(16)}${name.slice(1)}"`, otherValue]);
        mutation = `${name}-duplicated-${variant}`;
      }
      if (op === "added") {
        const [n, v] = r.pick([
          ["extra", '{"a":{"b":[1,{"c":null}]}}'],
          ["n", "1e999"],
          ["s", J("\u2028\u2029")],
          ["e", J('\\"/\b\f\n\r\t')],
          ["__proto__", '{"exp":1}'],
        ]);
        claims.push([n, v]);
        mutation = `added-${n}`;
      }
      break;
    }
    case "header": {
      const what = r.pick(["alg", "alg", "typ", "crit", "extra", "order"]);
      mutation = `header-${what}`;
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
        if (alg === "missing") header = header.filter(([n]) => n !== "alg");
        else header[0] = ["alg", alg];
        const name = alg.startsWith('"') ? JSON.parse(alg) : undefined;
        if (ALGS[name]) hash = ALGS[name];
        if (name === "none" && r.chance(0.5)) tokenEdits.push((t) => t.slice(0, t.lastIndexOf(".") + 1));
        mutation = `alg:${alg}`;
      }
      if (what === "typ") {
        const typ = r.pick(['"JWT"', '"jwt"', '"at+jwt"', "missing", "1", "null"]);
        if (typ === "missing") header = header.filter(([n]) => n !== "typ");
        else header[1] = ["typ", typ];
        mutation = `typ:${typ}`;
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
        header.push(...crit);
        mutation = `crit:${crit.map(([n, v]) => `${n}=${v}`).join(",")}`;
      }
      if (what === "extra") {
        header.push(
          r.pick([
            ["kid", J("qstash-key-1")],
            ["jku", J("https://evil.example/jwks")],
            ["jwk", '{"kty":"oct","k":"AAAA"}'],
            ["cty", J("JWT")],
            ["x5u", "null"],
          ]),
        );
      }
      if (what === "order") header.reverse();
      break;
    }
    case "encoding": {
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
      mutation = `${["header", "payload", "signature"][seg]}-${how}`;
      if (how === "std-alphabet" && seg === 0) header.push(["kid", J(">>>???")]); // forces '-' and '_'
      if (how === "std-alphabet" && seg === 1) claims.push(["k", J(">>>???>>>???")]);
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
        tokenEdits.push((t) => {
          const i = t.lastIndexOf(".");
          return t.slice(0, i + 1) + edit(t.slice(i + 1));
        });
      } else {
        segmentEdits.push((segs) => segs.map((s, i) => (i === seg ? edit(s) : s)));
      }
      break;
    }
    case "time": {
      const exp = iat + 300;
      const tol = r.pick([0, 0, 1, 5, 60, 300, r.range(0, 100000)]);
      tolerance = tol;
      const at = r.pick(["exp-tol-1", "exp+tol-1", "exp+tol", "exp+tol+1", "nbf-tol", "nbf-tol-1", "nbf", "random"]);
      const target = {
        "exp-tol-1": exp - tol - 1,
        "exp+tol-1": exp + tol - 1,
        "exp+tol": exp + tol,
        "exp+tol+1": exp + tol + 1,
        "nbf-tol": iat - tol,
        "nbf-tol-1": iat - tol - 1,
        nbf: iat,
        random: iat + r.range(-1000, 1300),
      }[at];
      offset = target - iat;
      mutation = `now=${at}`;
      if (r.chance(0.2)) {
        const odd = r.pick([
          ["nbf-after-exp", () => setClaim("nbf", String(exp + 1))],
          ["exp-negative", () => setClaim("exp", "-1")],
          ["nbf-go-zero", () => setClaim("nbf", "-62135596800")],
          ["exp-i64-max", () => setClaim("exp", "9223372036854775807")],
          ["nbf-i64-min", () => setClaim("nbf", "-9223372036854775808")],
        ]);
        odd[1]();
        mutation += `,${odd[0]}`;
      }
      break;
    }
    case "url": {
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
      mutation = `url-${v}`;
      url = {
        undefined: undefined,
        "trailing-slash": `${sub}/`,
        "no-trailing-slash": sub.replace(/\/$/, ""),
        "upper-host": sub.replace("example", "EXAMPLE"),
        query: `${sub}?a=1`,
        fragment: `${sub}#f`,
        percent: encodeURI(sub),
        nfd: sub.normalize("NFD"),
        empty: "",
        "sub-prefix": sub.slice(0, -1),
        other: r.pick(URLS),
      }[v];
      break;
    }
    case "body": {
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
      mutation = `body-${v}`;
      if (v === "byte-changed") {
        bodyBytes = utf8(body.length ? body : "x");
        body = r.chance(0.5) ? `${body.slice(0, -1)}!` : `${body} `;
      }
      if (v === "empty-vs-absent") {
        body = r.chance(0.5) ? "" : undefined;
        bodyBytes = utf8("x"); // the claim is for "x": both refuse
      }
      if (v === "absent") {
        body = undefined;
        bodyBytes = new Uint8Array(0);
      }
      if (v === "lone-surrogate") {
        body = `a\uD800b\uDFFFc${r.chars(4, ALNUM)}`;
        bodyBytes = utf8(body); // TextEncoder writes U+FFFD for each, on both sides
      }
      if (["binary-utf8", "binary-random", "view-with-offset", "arraybuffer", "buffer"].includes(v)) {
        bodyKind = v === "arraybuffer" ? "arraybuffer" : v === "buffer" ? "buffer" : "bytes";
        bodyBytes = v === "binary-utf8" ? utf8(`bïnary ${r.chars(20, ALNUM)} ✓`) : r.bytes(r.range(1, 300));
        body = bodyBytes;
        if (v === "view-with-offset") {
          const backing = r.bytes(bodyBytes.length + 64);
          const off = r.range(1, 32);
          backing.set(bodyBytes, off);
          body = backing.subarray(off, off + bodyBytes.length);
        }
      }
      if (v === "large") {
        body = `${'{"k":"'.repeat(1)}${r.chars(200000 + r.int(100000), ALNUM)}"}`;
        bodyBytes = utf8(body);
      }
      rehashBody();
      const h = sha256b64url(bodyBytes);
      if (v === "claim-unpadded") setClaim("body", J(h));
      if (v === "claim-double-padded") setClaim("body", J(`${h}==`));
      if (v === "claim-std-alphabet") setClaim("body", J(Buffer.from(h, "base64url").toString("base64")));
      if (v === "claim-hex") setClaim("body", J(createHash("sha256").update(bodyBytes).digest("hex")));
      break;
    }
    case "oversize": {
      const target = r.pick([
        MAX_TOKEN_LENGTH - 1,
        MAX_TOKEN_LENGTH,
        MAX_TOKEN_LENGTH + 1,
        MAX_TOKEN_LENGTH + 3,
        20000,
        65536,
      ]);
      mutation = `length-${target}`;
      // Grow the jti (or the sub) until the signed token has exactly `target` characters when
      // possible (base64 grows by 4 per 3 bytes, so +/-1 around the target is the best one can do).
      const field = r.chance(0.5) ? "jti" : "sub";
      const fixedLen = () => makeToken().length;
      const base = field === "jti" ? jti : sub;
      let pad = 0;
      const setPad = (n) => {
        pad = n;
        setClaim(field, J(base + "x".repeat(n)));
      };
      setPad(Math.max(0, Math.floor(((target - fixedLen()) * 3) / 4) - 2));
      while (fixedLen() < target) setPad(pad + 1);
      if (field === "sub") url = base + "x".repeat(pad);
      break;
    }
    case "strict-json": {
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
      mutation = v;
      const jtiAt = () => claims.findIndex(([n]) => n === "jti");
      const replaceJti = (raw) => (claims[jtiAt()] = ["jti", raw]);
      const withBytes = (mid) => {
        // jti's string with raw bytes inside it
        const text = objectText(claims);
        const cut = text.indexOf(jti) + 4;
        payloadBytes = Buffer.concat([Buffer.from(text.slice(0, cut)), Buffer.from(mid), Buffer.from(text.slice(cut))]);
      };
      if (v === "payload-bom")
        payloadBytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(objectText(claims))]);
      if (v === "header-bom")
        headerBytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(objectText(header))]);
      if (v === "lone-high-surrogate") replaceJti('"jwt_\\ud800x"');
      if (v === "lone-low-surrogate") replaceJti('"jwt_\\udc00"');
      if (v === "reversed-surrogates") replaceJti('"jwt_\\ude00\\ud83d"');
      if (v === "invalid-utf8") withBytes([0xff, 0xfe]);
      if (v === "overlong-utf8") withBytes([0xc0, 0xaf]);
      if (v === "cesu8-surrogate") withBytes([0xed, 0xa0, 0x80]);
      if (v === "depth-32") claims.push(["deep", `${"[".repeat(31)}${"]".repeat(31)}`]);
      if (v === "depth-33") claims.push(["deep", `${"[".repeat(32)}${"]".repeat(32)}`]);
      if (v === "nested-duplicate") claims.push(["extra", '{"a":1,"a":2}']);
      if (v === "header-duplicate-alg") header.unshift(["alg", J(r.pick(["none", "HS256", "RS256"]))]);
      if (v === "leading-whitespace") payloadBytes = Buffer.from(` \n\t\r${objectText(claims)}`);
      if (v === "trailing-whitespace") payloadBytes = Buffer.from(`${objectText(claims)} \r\n`);
      if (v === "trailing-comma") payloadBytes = Buffer.from(`${objectText(claims).slice(0, -1)},}`);
      if (v === "single-quotes") payloadBytes = Buffer.from(objectText(claims).replace('"aud":""', "'aud':''"));
      if (v === "nul-escape") replaceJti('"jwt_\\u0000"');
      if (v === "big-exponent") claims.push(["big", "1E+999999"]);
      break;
    }
    case "garbage": {
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
      mutation = `garbage-${v}`;
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
      tokenEdits.push(g);
      break;
    }
  }

  function makeToken() {
    const hb = headerBytes ?? Buffer.from(objectText(header, { space: headerSpace }));
    const pb = payloadBytes ?? Buffer.from(objectText(claims, { space: headerSpace }));
    let segs = [b64url(hb), b64url(pb)];
    for (const e of segmentEdits) segs = e(segs);
    const input = segs.join(".");
    return `${input}.${hmac(input, signWith, hash)}`;
  }

  let token = makeToken();
  for (const e of tokenEdits) token = e(token);

  const now = iat + offset;
  const nowMs = now * 1000 + r.int(1000);
  const bodyForOurs =
    bodyKind === "arraybuffer"
      ? body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength)
      : bodyKind === "buffer"
        ? Buffer.from(body)
        : body;
  const bodyForSdk = body instanceof Uint8Array ? new TextDecoder().decode(body) : body;
  const ours = { signature: token, body: bodyForOurs, clockTolerance: tolerance };
  if (url !== undefined) ours.url = url;
  if (!omitNow) ours.now = now;
  const sdk = { signature: token, body: bodyForSdk, clockTolerance: tolerance };
  if (url !== undefined) sdk.url = url;

  const oursHashes = body instanceof Uint8Array ? body : utf8(body ?? "");
  const sdkHashes = utf8(bodyForSdk ?? "");
  return {
    index,
    family,
    mutation,
    token,
    nowMs,
    sdkBodyDiffers: Buffer.compare(Buffer.from(oursHashes), Buffer.from(sdkHashes)) !== 0,
    ours: { keys: ourKeys, request: ours },
    sdk: { keys: sdkKeys, request: sdk },
  };
}
