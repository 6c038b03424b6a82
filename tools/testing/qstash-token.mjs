// The one minter of test tokens: an Upstash-Signature token as QStash mints it, on node:crypto
// alone (Node 16 and later, Deno, Bun), so that what signs the test requests does not depend on
// the package under test. The JS tests, the package and framework fixtures, the Lambda events
// (./lambda-events.mjs) and the benchmarks all call `qstashToken` itself; pkg-tests/run.sh and
// pkg-tests/frameworks/run.sh copy this file beside the fixtures they install, at the same
// relative path as here. (The expected tokens of the vectors' `sign` list are minted by
// ./gen-vectors.mjs, which writes the JSON bytes itself.)
import { Buffer } from "node:buffer";
import { createHash, createHmac, randomBytes } from "node:crypto";

const b64url = (bytes) => Buffer.from(bytes).toString("base64url");
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** A jti as QStash writes them: "jwt_" and 28 letters and digits. */
const randomJti = () => `jwt_${Array.from(randomBytes(28), (b) => ALNUM[b % ALNUM.length]).join("")}`;

/**
 * HS256 over header `{"alg":"HS256","typ":"JWT"}` and the claims in QStash's order: `aud` "",
 * `body` = base64url(SHA-256(body)) with its trailing "=", `exp` = iat + ttl, `iat`, `iss`
 * "Upstash", `jti`, `nbf` = iat, `sub` = url. `key` is the signing key; `body` a string (UTF-8)
 * or bytes, or, for a body too large to hold, `bodyHash` its SHA-256 as base64url; `iat` defaults
 * to now and `jti` to a random one.
 */
export function qstashToken({ key, url, body, bodyHash, iat = Math.floor(Date.now() / 1000), ttl = 300, jti }) {
  const header = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const claims = {
    aud: "",
    body: `${bodyHash ?? createHash("sha256").update(body).digest("base64url")}=`,
    exp: iat + ttl,
    iat,
    iss: "Upstash",
    jti: jti ?? randomJti(),
    nbf: iat,
    sub: url,
  };
  const input = `${header}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${createHmac("sha256", key).update(input).digest("base64url")}`;
}
