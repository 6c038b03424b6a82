// The one minter of test tokens: an Upstash-Signature token as QStash mints it, on node:crypto
// alone (Node 16 and later, Deno, Bun), so that what signs the test requests does not depend on
// the package under test. Used by the JS tests (js/test/helpers.mjs), the package fixtures
// (./mint.mjs), the Lambda events (./lambda-events.mjs) and the benchmark (tools/bench/lib.mjs),
// each through its own small wrapper. pkg-tests/run.sh copies it (with ./mint.mjs and
// ./vectors.mjs) beside the fixtures it installs, at the same relative path as here. (The expected
// tokens of the vectors' `sign` list are minted by tools/testing/gen-vectors.mjs, which writes the
// JSON bytes itself.)
import { Buffer } from "node:buffer";
import { createHash, createHmac, randomBytes } from "node:crypto";

const b64url = (bytes) => Buffer.from(bytes).toString("base64url");

/**
 * HS256 over header `{"alg":"HS256","typ":"JWT"}` and the claims in QStash's order: `aud` "",
 * `body` = base64url(SHA-256(body)) with its trailing "=", `exp` = iat + ttl, `iat`, `iss`
 * "Upstash", `jti` (random unless given), `nbf` = iat, `sub` = url. `body` is a string (UTF-8)
 * or bytes; `key` the signing key.
 */
export function qstashToken({ key, url, body, iat, ttl = 300, jti = `jwt_${randomBytes(12).toString("hex")}` }) {
  const header = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const claims = {
    aud: "",
    body: `${createHash("sha256").update(body).digest("base64url")}=`,
    exp: iat + ttl,
    iat,
    iss: "Upstash",
    jti,
    nbf: iat,
    sub: url,
  };
  const input = `${header}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${createHmac("sha256", key).update(input).digest("base64url")}`;
}
