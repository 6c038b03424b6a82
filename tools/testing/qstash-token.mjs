// The one minter of test tokens: an Upstash-Signature token as QStash mints it, on node:crypto
// alone (Node 16 and later, Deno, Bun), so that what signs the test requests, and the expected
// tokens of the vectors' `sign` list (./gen-vectors.mjs), do not depend on the package under test.
// The JS tests, the package and framework fixtures, the Lambda events (./lambda-events.mjs), the
// benchmarks and the vectors all call `qstashToken` itself; pkg-tests/run.sh and
// pkg-tests/frameworks/run.sh copy this file beside the fixtures they install, at the same
// relative path as here.
import { Buffer } from "node:buffer";
import { createHash, createHmac, randomBytes } from "node:crypto";

const b64url = (bytes) => Buffer.from(bytes).toString("base64url");
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** A jti as QStash writes them: "jwt_" and 28 letters and digits. */
const randomJti = () => `jwt_${Array.from(randomBytes(28), (b) => ALNUM[b % ALNUM.length]).join("")}`;

/**
 * A JSON string as QStash's own tokens escape it: `"`, `\`, \n, \r and \t, the other control
 * characters as \u00xx, and everything else as it is (where JSON.stringify writes \b, \f and
 * escapes lone surrogates).
 */
function jsonString(s) {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0);
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (c < 0x20) out += `\\u00${c.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}

/**
 * HS256 over header `{"alg":"HS256","typ":"JWT"}` and the claims in QStash's order, written as
 * QStash writes them: `aud` "", `body` = base64url(SHA-256(body)) with its trailing "=", `exp` =
 * iat + ttl (exact, past 2^53 too), `iat`, `iss` "Upstash", `jti`, `nbf` = iat, `sub` = url.
 * `key` is the signing key; `body` a string (UTF-8) or bytes, or, for a body too large to hold,
 * `bodyHash` its SHA-256 as base64url; `iat` defaults to now and `jti` to a random one.
 */
export function qstashToken({ key, url, body, bodyHash, iat = Math.floor(Date.now() / 1000), ttl = 300, jti }) {
  const header = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const digest = bodyHash ?? createHash("sha256").update(body).digest("base64url");
  const exp = (BigInt(iat) + BigInt(ttl)).toString();
  const claims =
    `{"aud":"","body":"${digest}=","exp":${exp},"iat":${iat},"iss":"Upstash",` +
    `"jti":${jsonString(jti ?? randomJti())},"nbf":${iat},"sub":${jsonString(url)}}`;
  const input = `${header}.${b64url(Buffer.from(claims, "utf8"))}`;
  return `${input}.${createHmac("sha256", key).update(input).digest("base64url")}`;
}
