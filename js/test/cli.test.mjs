// The `qstash-verifier` command (js/dist/cli.cjs), spawned with the Node.js running the tests:
// verify's verdicts and exit codes, inspect's explanations, sign, and usage errors.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "node:test";
import { fileURLToPath } from "node:url";
// No Receiver in this process: on Node 16, a wasm object whose finalizer is still pending when the
// process exits makes it hang (a wasm call during teardown), and spawnSync-heavy tests make that
// likely. The CLI processes verify; this one only mints tokens, on node:crypto, not by the package.
import { qstashToken } from "../../tools/testing/qstash-token.mjs";

const cli = fileURLToPath(new URL("../dist/cli.cjs", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "qstash-cli-"));
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));

const KEY = "sig_cli_test_current_key_0123456";
const NEXT = "sig_cli_test_next_key_0123456789";
const URL_ = "https://example.com/api/webhook";
const BODY = '{"hello":"world"}';
const NOW = 1_700_000_000;
const bodyFile = join(dir, "body.json");
writeFileSync(bodyFile, BODY);
const file = (name, content) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
// What the tokens of this file sign, unless a test changes one part.
const SIGNED = { key: KEY, url: URL_, body: BODY, iat: NOW, jti: "jwt_cli" };

const CLEAN_ENV = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/QSTASH|SIGNING_KEY|NODE_ENV/.test(k)),
);

function run(args, { env = {}, input } = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], { env: { ...CLEAN_ENV, ...env }, input, encoding: "utf8" });
  for (const key of [KEY, NEXT]) {
    if (!args.includes(key)) {
      assert.ok(!r.stdout.includes(key) && !r.stderr.includes(key), `a key in the output of ${args.join(" ")}`);
    }
  }
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const verifyArgs = (signature, extra = [], now = String(NOW + 10)) => [
  "verify",
  "--signature",
  signature,
  "--body-file",
  bodyFile,
  "--url",
  URL_,
  "--now",
  now,
  ...extra,
];

test("verify: valid with the current key, the next key, or keys from the environment", () => {
  let r = run(verifyArgs(qstashToken(SIGNED), ["--key", KEY]));
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.out, /^valid: signed with the current signing key/);
  assert.match(r.out, /expires in 4m 50s/);
  r = run(verifyArgs(qstashToken({ ...SIGNED, key: NEXT }), ["--key", "sig_other", "--next-key", NEXT]));
  assert.equal(r.code, 0);
  assert.match(r.out, /^valid: signed with the next signing key/);
  r = run(verifyArgs(qstashToken(SIGNED)), { env: { QSTASH_CURRENT_SIGNING_KEY: KEY } });
  assert.equal(r.code, 0, r.out + r.err);
  r = run(verifyArgs(qstashToken(SIGNED), ["--url", "https://other.example.com/"]), {
    env: { QSTASH_CURRENT_SIGNING_KEY: KEY },
  });
  assert.equal(r.code, 0, "one of several urls");
});

test("verify: refusals exit 1 with the code", () => {
  const cases = [
    [verifyArgs(qstashToken(SIGNED), ["--key", "sig_wrong"]), "invalid_signature"],
    [verifyArgs(qstashToken({ ...SIGNED, body: "other" }), ["--key", KEY]), "body_mismatch"],
    [verifyArgs(qstashToken({ ...SIGNED, url: `${URL_}/` }), ["--key", KEY]), "url_mismatch"],
    [verifyArgs(qstashToken({ ...SIGNED, iat: NOW - 1000 }), ["--key", KEY]), "token_expired"],
    [verifyArgs(qstashToken({ ...SIGNED, iat: NOW + 1000 }), ["--key", KEY]), "token_not_yet_valid"],
    [verifyArgs("not.a.token", ["--key", KEY]), "malformed_token"],
  ];
  for (const [args, code] of cases) {
    const r = run(args);
    assert.equal(r.code, 1, `${code}: ${r.out}${r.err}`);
    assert.match(r.out, new RegExp(`^invalid: ${code}: `), r.out);
  }
  const late = qstashToken({ ...SIGNED, iat: NOW - 300 }); // exp = NOW, checked at NOW + 10
  assert.equal(run(verifyArgs(late, ["--key", KEY])).code, 1);
  assert.equal(run(verifyArgs(late, ["--key", KEY, "--clock-tolerance", "11"])).code, 0);
});

test("verify: multi-region keys from the environment, selected by --region", () => {
  const env = {
    QSTASH_REGION: "us-east-1",
    QSTASH_CURRENT_SIGNING_KEY: "sig_plain",
    EU_CENTRAL_1_QSTASH_CURRENT_SIGNING_KEY: KEY,
  };
  assert.equal(run(verifyArgs(qstashToken(SIGNED), ["--region", "eu-central-1"]), { env }).code, 0);
  const r = run(verifyArgs(qstashToken(SIGNED), ["--region", "us-east-1"]), { env });
  assert.equal(r.code, 1);
  assert.match(r.err, /US_EAST_1_QSTASH_CURRENT_SIGNING_KEY is not set/); // the warning, on stderr
});

test("verify: no key or bad usage exit 2", () => {
  let r = run(verifyArgs(qstashToken(SIGNED)));
  assert.equal(r.code, 2);
  assert.match(r.out, /missing_signing_key/);
  r = run(verifyArgs(qstashToken(SIGNED), ["--next-key", NEXT]));
  assert.equal(r.code, 2);
  assert.match(r.err, /--next-key without --key/);
  const usage = [
    [["verify", "--signature", qstashToken(SIGNED), "--body-file", bodyFile, "--key", KEY], /needs --url/],
    [["verify", "--signature", qstashToken(SIGNED), "--url", URL_, "--key", KEY], /needs --body-file/],
    [["verify", "--body-file", bodyFile, "--url", URL_, "--key", KEY], /needs --signature/],
    [verifyArgs(qstashToken(SIGNED), ["--key", KEY], "soon"), /--now must be a whole number/],
    [verifyArgs(qstashToken(SIGNED), ["--key", KEY, "--now", "1"]), /--now given twice/],
    [verifyArgs(qstashToken(SIGNED), ["--key", KEY, "--colour"]), /unknown option --colour/],
    [verifyArgs(qstashToken(SIGNED), ["--key", KEY, "--key", KEY]), /--key given twice/],
    [
      ["verify", "--signature", qstashToken(SIGNED), "--body-file", join(dir, "absent"), "--url", URL_, "--key", KEY],
      /cannot read --body-file/,
    ],
    [["frobnicate"], /unknown command/],
    [["verify", "extra"], /takes no argument/],
    [["verify", "--url"], /--url needs a value/],
  ];
  for (const [args, message] of usage) {
    r = run(args);
    assert.equal(r.code, 2, args.join(" "));
    assert.match(r.err, message);
  }
});

test("verify: --body-file - reads standard input", () => {
  const args = [
    "verify",
    "--signature",
    qstashToken(SIGNED),
    "--body-file",
    "-",
    "--url",
    URL_,
    "--key",
    KEY,
    "--now",
    String(NOW),
  ];
  assert.equal(run(args, { input: BODY }).code, 0);
  assert.equal(run(args, { input: `${BODY}\n` }).code, 1);
});

test("inspect without a key: unverified claims, readable times, checks skipped", () => {
  const r = run(["inspect", qstashToken(SIGNED), "--now", String(NOW + 100)]);
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.out, /UNVERIFIED/);
  assert.match(r.out, /header \(unverified\)\n {2}alg {3}"HS256"\n {2}typ {3}"JWT"/);
  assert.match(r.out, /claims \(unverified\)/);
  assert.match(r.out, /exp {3}1700000300 {2}2023-11-14 22:18:20 UTC {2}expires in 3m 20s/);
  assert.match(r.out, /iat {3}1700000000 {2}2023-11-14 22:13:20 UTC {2}1m 40s ago/);
  assert.match(r.out, /sub {3}"https:\/\/example.com\/api\/webhook"/);
  assert.match(r.out, /signature +skipped +no key/);
  assert.match(r.out, /time +ok +valid for another 3m 20s/);
  assert.match(r.out, /url +skipped/);
  assert.match(r.out, /body +skipped/);
  assert.match(r.out, /verdict: not verified \(no key\)/);
});

test("inspect with everything: ok checks and a valid verdict", () => {
  const r = run([
    "inspect",
    qstashToken(SIGNED),
    "--body-file",
    bodyFile,
    "--url",
    URL_,
    "--key",
    KEY,
    "--now",
    String(NOW + 1),
  ]);
  assert.equal(r.code, 0, r.out);
  for (const name of ["structure", "algorithm", "signature", "issuer", "time", "url", "body"]) {
    assert.match(r.out, new RegExp(`\\n {2}${name} +ok`), name);
  }
  assert.match(r.out, /signature +ok +HMAC-SHA256 matches the current key \(--key\)/);
  assert.match(r.out, /verdict: valid \(current key\)/);
  const viaEnv = run(["inspect", qstashToken({ ...SIGNED, key: NEXT }), "--now", String(NOW)], {
    env: { QSTASH_CURRENT_SIGNING_KEY: KEY, QSTASH_NEXT_SIGNING_KEY: NEXT },
  });
  assert.match(viaEnv.out, /matches the next key \(QSTASH_NEXT_SIGNING_KEY\)/);
  assert.match(
    viaEnv.out,
    /signature +ok +HMAC-SHA256 matches the next key \(QSTASH_NEXT_SIGNING_KEY\), not the current one/,
  );
  assert.match(viaEnv.out, /verdict: signature valid \(next key\); url and body not checked/);
});

test("inspect names each failing check, expected against got, with a hint", () => {
  const args = (t, ...extra) => [
    "inspect",
    t,
    "--body-file",
    bodyFile,
    "--url",
    URL_,
    "--key",
    KEY,
    "--now",
    String(NOW + 10),
    ...extra,
  ];
  let r = run(args(qstashToken({ ...SIGNED, url: `${URL_}/` })));
  assert.equal(r.code, 1);
  assert.match(
    r.out,
    /url +FAIL +expected {2}https:\/\/example.com\/api\/webhook\n +got \(sub\) https:\/\/example.com\/api\/webhook\/\n +hint: they differ only by a trailing slash/,
  );
  assert.match(r.out, /verdict: invalid \(url_mismatch\)/);

  r = run(args(qstashToken({ ...SIGNED, url: "http://example.com/api/webhook" })));
  assert.match(r.out, /hint: they differ only in the scheme/);

  r = run([
    "inspect",
    qstashToken(SIGNED),
    "--body-file",
    file("nl.json", `${BODY}\n`),
    "--url",
    URL_,
    "--key",
    KEY,
    "--now",
    String(NOW),
  ]);
  assert.equal(r.code, 1);
  assert.match(
    r.out,
    /body +FAIL +expected \(claim\) "[\w-]+="\n +got \(file\) +"[\w-]+" {2}SHA-256 of 18 bytes\n +hint: the file ends with a newline/,
  );

  r = run([
    "inspect",
    qstashToken(SIGNED),
    "--body-file",
    file("pretty.json", '{ "hello": "world" }'),
    "--url",
    URL_,
    "--key",
    KEY,
    "--now",
    String(NOW),
  ]);
  assert.match(r.out, /hint: the file is the JSON body re-serialized/);

  r = run(args(qstashToken({ ...SIGNED, iat: NOW - 400 })));
  assert.match(r.out, /time +FAIL +expired 1m 50s ago\n +exp 1699999900 {2}2023-11-14 22:11:40 UTC\n +now 1700000010/);
  assert.match(r.out, /exp {3}1699999900 .* 1m 50s ago \(expired\)/);
  assert.match(r.out, /verdict: invalid \(token_expired\)/);

  r = run(args(qstashToken({ ...SIGNED, iat: NOW + 70 })));
  assert.match(r.out, /time +FAIL +not valid for another 1m/);

  r = run(args(qstashToken(SIGNED), "--next-key", "sig_n"));
  assert.equal(r.code, 0);
  r = run(["inspect", qstashToken(SIGNED), "--key", "sig_wrong", "--next-key", "sig_wrong2", "--now", String(NOW)]);
  assert.equal(r.code, 1);
  assert.match(
    r.out,
    /signature +FAIL +HMAC-SHA256 matches neither the current key \(--key\) nor the next key \(--next-key\)/,
  );
  assert.match(r.out, /verdict: invalid \(invalid_signature\)/);
});

test("inspect: broken tokens", () => {
  let r = run(["inspect", "abc.def", "--now", String(NOW)]);
  assert.equal(r.code, 1);
  assert.match(r.out, /2 segments/);
  assert.match(r.out, /structure +FAIL +malformed_token/);

  r = run(["inspect", ` ${qstashToken(SIGNED)}\n`, "--key", KEY, "--now", String(NOW)]);
  assert.equal(r.code, 1);
  assert.match(r.out, /hint: the token has spaces or a newline around it/);

  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const [, payload, mac] = qstashToken(SIGNED).split(".");
  r = run(["inspect", `${b64({ alg: "none", typ: "JWT" })}.${payload}.${mac}`, "--key", KEY, "--now", String(NOW)]);
  assert.equal(r.code, 1);
  assert.match(r.out, /alg {3}"none"/);
  assert.match(r.out, /algorithm +FAIL +unsupported_algorithm/);
  assert.match(r.out, /signature +skipped/);

  r = run([
    "inspect",
    `${qstashToken(SIGNED).split(".")[0]}.${b64({ iss: "Other", sub: URL_, exp: "soon", nbf: NOW })}.${mac}`,
    "--now",
    String(NOW),
  ]);
  assert.equal(r.code, 1);
  assert.match(
    r.out,
    /claims +FAIL +invalid_claims: the token's claims are invalid: exp must be an integer within i64/,
  );
  assert.match(r.out, /issuer +FAIL +expected "Upstash"\n +got {6}"Other"/);
  assert.match(r.out, /time +skipped +the token has no integer exp claim/);

  assert.equal(run(["inspect"]).code, 2);
  assert.equal(run(["inspect", "a", "b"]).code, 2);
});

test("sign: the library's token, usable by verify", () => {
  let r = run(["sign", "--url", URL_, "--body-file", bodyFile, "--key", KEY, "--now", String(NOW), "--jti", "jwt_cli"]);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, `${qstashToken(SIGNED)}\n`);
  r = run(["sign", "--url", URL_, "--body-file", bodyFile], { env: { QSTASH_CURRENT_SIGNING_KEY: KEY } });
  const minted = r.out.trim();
  assert.match(minted, /^eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9\.[\w-]+\.[\w-]{43}$/);
  r = run(verifyArgs(minted, ["--key", KEY], String(Math.floor(Date.now() / 1000))));
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /\(expires in (4m 5\ds|5m)\)/);
  assert.equal(run(["sign", "--url", URL_]).code, 2);
  assert.equal(run(["sign", "--key", KEY]).code, 2);
  assert.equal(run(["sign", "--url", URL_, "--key", KEY, "--ttl", "-1"]).code, 2);
});

test("help and version", () => {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  let r = run(["--help"]);
  assert.equal(r.code, 0);
  assert.match(r.out, /Usage:\n {2}qstash-verifier verify --signature TOKEN --body-file FILE --url URL/);
  r = run([]);
  assert.equal(r.code, 2);
  assert.match(r.out, /Usage:/);
  assert.equal(run(["--version"]).out, `${pkg.version}\n`);
  assert.equal(pkg.bin["qstash-verifier"], "./dist/cli.cjs");
  assert.ok(readFileSync(cli, "utf8").startsWith("#!/usr/bin/env node\n"));
});
