// Installed-tarball smoke test, ESM: `import "qstash-verifier"` verifies the real QStash tokens,
// through the async `verify`. Usage: node verify-real.mjs path/to/real-qstash-tokens.json
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Receiver, SignatureError } from "qstash-verifier";

const { vectors } = JSON.parse(readFileSync(process.argv[2], "utf8"));
let passed = 0;
for (const v of vectors) {
  const r = new Receiver({ currentSigningKey: v.currentSigningKey, nextSigningKey: v.nextSigningKey });
  assert.equal(await r.verify({ signature: v.token, body: v.body, url: v.url, now: v.now }), true);
  await assert.rejects(
    r.verify({ signature: v.token, body: v.body, url: v.url, now: v.claims.exp }),
    (e) => e instanceof SignatureError && e.code === "token_expired",
  );
  passed++;
}
assert.ok(passed > 0);
console.log(`import, node ${process.version}: ${passed} passed, 0 failed`);
