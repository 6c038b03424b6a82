// Mints Upstash-Signature tokens as QStash does (./qstash-token.mjs, node:crypto: Node 16+,
// Deno, Bun), so the end-to-end requests do not depend on the package under test.
import { qstashToken } from "./qstash-token.mjs";

export const KEYS = Object.freeze({
  current: "sig_pkgTestsCurrentKey0000000000",
  next: "sig_pkgTestsNextKey000000000000000",
});

export function mint({ key, url, body, now = Math.floor(Date.now() / 1000), ttl = 300 }) {
  return qstashToken({ key, url, body, iat: now, ttl, jti: `jwt_pkgtests${Math.random().toString(36).slice(2, 12)}` });
}
