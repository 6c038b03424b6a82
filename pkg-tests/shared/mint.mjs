// Mints Upstash-Signature tokens as QStash does, with node:crypto (Node 16+, Deno, Bun), so the
// end-to-end requests do not depend on the package under test.
import { Buffer } from "node:buffer";
import { createHash, createHmac } from "node:crypto";

const b64url = (buf) => Buffer.from(buf).toString("base64url");

export const KEYS = Object.freeze({
  current: "sig_pkgTestsCurrentKey0000000000",
  next: "sig_pkgTestsNextKey000000000000000",
});

export function mint({ key, url, body, now = Math.floor(Date.now() / 1000), ttl = 300 }) {
  const header = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const claims = {
    aud: "",
    body: createHash("sha256").update(body).digest("base64url") + "=",
    exp: now + ttl,
    iat: now,
    iss: "Upstash",
    jti: `jwt_pkgtests${Math.random().toString(36).slice(2, 12)}`,
    nbf: now,
    sub: url,
  };
  const input = `${header}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${createHmac("sha256", key).update(input).digest("base64url")}`;
}
