// Installed-tarball smoke test, CommonJS: `require("qstash-verifier")` verifies the real QStash
// tokens. Usage: node verify-real.cjs path/to/real-qstash-tokens.json
const assert = require("node:assert/strict");
const fs = require("node:fs");
const { Receiver, SignatureError } = require("qstash-verifier");

const { vectors } = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
let passed = 0;
for (const v of vectors) {
  const r = new Receiver({ currentSigningKey: v.currentSigningKey, nextSigningKey: v.nextSigningKey });
  const claims = r.verifySync({ signature: v.token, body: v.body, url: v.url, now: v.now });
  assert.equal(claims.jti, v.claims.jti, v.id);
  assert.throws(
    () => r.verifySync({ signature: v.token, body: v.body + " ", url: v.url, now: v.now }),
    (e) => e instanceof SignatureError && e.code === "body_mismatch",
  );
  passed++;
}
assert.ok(passed > 0);
console.log(`require, node ${process.version}: ${passed} passed, 0 failed`);
