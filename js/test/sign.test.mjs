// sign(): tokens minted exactly as QStash mints them. The real QStash tokens are reproduced byte
// for byte; the real @upstash/qstash 2.12.0 Receiver accepts 1,000 of ours with random bodies and
// urls (and refuses them tampered). PyJWT checks a sample in `make test` (tools/testing/pyjwt/check.py).
// Run on Node 16, 20 and 22.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { randomBytes, randomInt } from "node:crypto";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "node:test";
import { fileURLToPath } from "node:url";
import { Receiver as SdkReceiver } from "@upstash/qstash";
import { Receiver, SignatureError, sign } from "../dist/node.mjs";
import { qstashToken } from "../../tools/testing/qstash-token.mjs";
import { bodyOf, signCases } from "./helpers.mjs";

const real = JSON.parse(readFileSync(new URL("../../tests/real-qstash-tokens.json", import.meta.url), "utf8")).vectors;

test("reproduces every real QStash token byte for byte", () => {
  assert.ok(real.length >= 2);
  for (const v of real) {
    const { iat, exp, jti } = v.claims;
    const token = sign({ signingKey: v.currentSigningKey, url: v.url, body: v.body, now: iat, ttl: exp - iat, jti });
    assert.equal(token, v.token, v.id);
  }
});

test("mints the tokens of tests/vectors.json's sign list, as src/sign.rs does (tests/vectors.rs)", () => {
  assert.ok(signCases.length >= 5);
  for (const c of signCases) {
    const { signingKey, url, now, ttl, jti } = c;
    assert.equal(sign({ signingKey, url, body: bodyOf(c), now, ttl, jti }), c.token, c.id);
  }
});

/** A random string with ASCII, JSON escapes, control characters, non-BMP and combining characters. */
function randomText(max) {
  const pieces = [
    "a",
    "Z",
    "0",
    " ",
    '"',
    "\\",
    "\n",
    "\t",
    "\u0001",
    "é",
    "€",
    "😀",
    "\u0301",
    "/",
    "?",
    "&",
    "=",
    "%",
  ];
  let s = "";
  for (let i = randomInt(max + 1); i > 0; i--) s += pieces[randomInt(pieces.length)];
  return s;
}

function randomUrl() {
  const host = randomBytes(4).toString("hex");
  return `https://${host}.example.com/${encodeURIComponent(randomText(12))}?q=${randomText(8)}`;
}

test("the real @upstash/qstash Receiver accepts 1,000 tokens from sign()", async () => {
  const current = `sig_${randomBytes(12).toString("base64url")}`;
  const next = `sig_${randomBytes(12).toString("base64url")}`;
  const sdk = new SdkReceiver({ currentSigningKey: current, nextSigningKey: next });
  const ours = new Receiver({ currentSigningKey: current, nextSigningKey: next });
  const jtis = new Set();
  let accepted = 0;
  for (let i = 0; i < 1000; i++) {
    const url = randomUrl();
    const body = randomText(i % 10 === 0 ? 5000 : 200);
    const key = i % 2 ? next : current;
    const token = sign({ signingKey: key, url, body });
    const jti = JSON.parse(Buffer.from(token.split(".")[1], "base64url")).jti;
    assert.match(jti, /^jwt_[A-Za-z0-9]{28}$/);
    jtis.add(jti);
    assert.equal(await sdk.verify({ signature: token, body, url }), true, `token ${i}`);
    assert.equal(ours.verifySync({ signature: token, body, url }).key, i % 2 ? "next" : "current");
    accepted++;
    if (i % 100 === 0) {
      await assert.rejects(sdk.verify({ signature: token, body: `${body}x`, url }), /body hash does not match/);
      await assert.rejects(sdk.verify({ signature: token, body, url: `${url}x` }), /invalid subject/);
    }
  }
  assert.equal(accepted, 1000);
  assert.equal(jtis.size, 1000);
  console.log(`# the SDK's Receiver accepted ${accepted} of 1000 tokens from sign()`);
});

test("same bytes as an independent node:crypto signer (keys of 1 to 200 characters)", () => {
  for (let i = 0; i < 200; i++) {
    const url = randomUrl();
    const body = randomText(100);
    const now = randomInt(2 ** 31);
    const ttl = randomInt(100000);
    // HMAC hashes a key longer than its 64-byte block first: both sides of that line are here.
    const key = randomText(1 + (i % 100) * 2) || "k";
    const mine = sign({ signingKey: key, url, body, now, ttl, jti: "jwt_test" });
    assert.equal(mine, qstashToken({ key, url, body, iat: now, ttl, jti: "jwt_test" }), url);
  }
});

test("bodies: string as UTF-8, bytes as they are, null and undefined as empty", () => {
  const url = "https://example.com/b";
  const r = new Receiver({ currentSigningKey: "k" });
  const bytes = new Uint8Array([0, 255, 128, 10]);
  const check = (signed, verified) => {
    const signature = sign({ signingKey: "k", url, body: signed, now: 1000 });
    return r.verifySync({ signature, body: verified, url, now: 1001 }).key;
  };
  assert.equal(check(bytes, Buffer.from(bytes)), "current");
  assert.equal(check(bytes.buffer, bytes), "current");
  assert.equal(check(new DataView(bytes.buffer, 1, 2), bytes.subarray(1, 3)), "current");
  assert.equal(check("é", new Uint8Array([0xc3, 0xa9])), "current");
  assert.equal(check(null, ""), "current");
  assert.equal(check(undefined, null), "current");
  assert.throws(
    () => check(bytes, bytes.subarray(1)),
    (e) => e.code === "body_mismatch",
  );
});

test("times: iat = nbf = now, exp = now + ttl (default 300 after the current time)", () => {
  const claims = (token) => JSON.parse(Buffer.from(token.split(".")[1], "base64url"));
  const c = claims(sign({ signingKey: "k", url: "u", body: "", now: 1234, ttl: 60 }));
  assert.deepEqual([c.iat, c.nbf, c.exp, c.aud, c.iss], [1234, 1234, 1294, "", "Upstash"]);
  const before = Math.floor(Date.now() / 1000);
  const d = claims(sign({ signingKey: "k", url: "u" }));
  const after = Math.floor(Date.now() / 1000);
  assert.ok(d.iat >= before && d.iat <= after);
  assert.equal(d.exp - d.iat, 300);
  assert.equal(
    Buffer.from(sign({ signingKey: "k", url: "u" }).split(".")[0], "base64url").toString(),
    '{"alg":"HS256","typ":"JWT"}',
  );
});

test("wrong arguments: TypeError; no key: missing_signing_key", () => {
  for (const signingKey of [undefined, null, ""]) {
    assert.throws(
      () => sign({ signingKey, url: "u" }),
      (e) => e instanceof SignatureError && e.code === "missing_signing_key",
    );
  }
  const bad = [
    undefined,
    null,
    "k",
    { signingKey: 1, url: "u" },
    { signingKey: "k" },
    { signingKey: "k", url: 1 },
    { signingKey: "k", url: "u", body: 1 },
    { signingKey: "k", url: "u", now: 1.5 },
    { signingKey: "k", url: "u", now: "1" },
    { signingKey: "k", url: "u", ttl: -1 },
    { signingKey: "k", url: "u", ttl: Infinity },
    { signingKey: "k", url: "u", jti: 1 },
  ];
  for (const options of bad) assert.throws(() => sign(options), TypeError, JSON.stringify(options));
});

test("escapes as src/sign.rs does: quote, backslash, \\n \\r \\t, other controls as \\u00xx", () => {
  const token = sign({ signingKey: "k", url: 'a"b\\c\n\r\t\b\f\u0000\u001f€', body: "", now: 1, jti: "j" });
  const payload = Buffer.from(token.split(".")[1], "base64url").toString();
  assert.ok(payload.endsWith(String.raw`"sub":"a\"b\\c\n\r\t\u0008\u000c\u0000\u001f€"}`), payload);
  const late = Buffer.from(sign({ signingKey: "k", url: "u", now: 2 ** 53 - 1, ttl: 300 }).split(".")[1], "base64url");
  assert.match(late.toString(), /"exp":9007199254741291,/); // exact, past what a double holds
});

test("sign() runs in the tools .wasm, which a single-file bundle of node.cjs leaves out: it then says what to copy", () => {
  const dist = fileURLToPath(new URL("../dist/", import.meta.url));
  const esbuild = fileURLToPath(new URL("../../node_modules/.bin/esbuild", import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), "qstash-sign-bundle-"));
  try {
    const opts = { signingKey: "k", url: "https://a/b", body: "x", now: 1, jti: "j" };
    writeFileSync(
      join(dir, "app.cjs"),
      `const { sign } = require(${JSON.stringify(join(dist, "node.cjs"))});\n` +
        `try { console.log(sign(${JSON.stringify(opts)})); } catch (e) { console.log(e.message); process.exitCode = 1; }\n`,
    );
    const built = spawnSync(
      esbuild,
      ["app.cjs", "--bundle", "--minify", "--platform=node", "--outfile=out/index.js", "--log-level=warning"],
      { cwd: dir, encoding: "utf8" },
    );
    assert.equal(built.status, 0, built.stderr);
    assert.equal(built.stderr, "", "esbuild warns about nothing");
    const bundle = readFileSync(join(dir, "out/index.js"), "utf8");
    assert.ok(
      !bundle.includes("qstash_verifier_tools.js") && !bundle.includes("diagnose"),
      "no tools glue in the bundle",
    );
    const run = () => spawnSync(process.execPath, [join(dir, "out/index.js")], { encoding: "utf8" });
    let r = run();
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(
      r.stdout,
      /sign\(\) loads .*tools\.cjs .*copy tools\.cjs and qstash_verifier_tools_bg\.wasm there from node_modules\/qstash-verifier\/dist\//,
    );
    copyFileSync(join(dist, "tools.cjs"), join(dir, "out/tools.cjs"));
    r = run();
    assert.equal(r.status, 1);
    assert.match(r.stdout, /qstash_verifier_tools_bg\.wasm, which cannot be read \(ENOENT\)/);
    copyFileSync(join(dist, "qstash_verifier_tools_bg.wasm"), join(dir, "out/qstash_verifier_tools_bg.wasm"));
    r = run();
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal(r.stdout.trim(), sign(opts));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
