// `make demo`: signs a request the way QStash does (HS256 JWT over the body's SHA-256), then
// verifies it with the built package, and verifies a tampered copy.
import { createHash, createHmac } from "node:crypto";
import { Receiver, SignatureError } from "../js/dist/node.mjs";

const keys = { currentSigningKey: "sig_demoCurrentKey4u8FQpD2x", nextSigningKey: "sig_demoNextKey7Hq2LzA9w" };
const url = "https://example.com/api/webhook";
const body = JSON.stringify({ hello: "world" });
const now = Math.floor(Date.now() / 1000);

const b64url = (b) => Buffer.from(b).toString("base64url");
function sign(key, claims) {
  const input = `${b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }))}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${createHmac("sha256", key).update(input).digest("base64url")}`;
}
const claims = {
  aud: "", body: createHash("sha256").update(body).digest("base64url") + "=",
  exp: now + 300, iat: now, iss: "Upstash", jti: "jwt_demo", nbf: now, sub: url,
};

const receiver = new Receiver(keys);
const rows = [
  ["signed by the current key", sign(keys.currentSigningKey, claims), body, "ok"],
  ["signed by the next key", sign(keys.nextSigningKey, claims), body, "ok"],
  ["tampered body", sign(keys.currentSigningKey, claims), body.replace("world", "w0rld"), "body_mismatch"],
  ["signed by another key", sign("sig_someoneElse", claims), body, "invalid_signature"],
];
let failed = 0;
for (const [what, signature, b, want] of rows) {
  let got;
  try {
    got = `ok (key: ${receiver.verifySync({ signature, body: b, url }).key})`;
  } catch (e) {
    if (!(e instanceof SignatureError)) throw e;
    got = `${e.code}: ${e.message}`;
  }
  const pass = got.startsWith(want);
  failed += pass ? 0 : 1;
  console.log(`${pass ? "✓" : "✗"} ${what.padEnd(26)} → ${got}`);
}
process.exit(failed ? 1 : 0);
