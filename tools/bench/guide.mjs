// The baseline of `make bench`: the hand-written verification that Upstash's AWS Lambda guide
// uses, re-implemented here from its documented behaviour (not copied): node:crypto HMAC-SHA256
// over `header.payload` compared with the signature as a string with `!=`; then iss, sub, exp
// and nbf; then the body hash, skipped when the body is null. The handler tries the current key
// and, on any failure, the next one.
//
// Not a verifier to copy: `!=` on the MAC is not constant time, `alg` is never read, and a null
// body skips the body check.
import { createHash, createHmac } from "node:crypto";

function check(token, key, body, url) {
  const parts = token.split(".");
  if (parts.length !== 3) throw new Error("not a JWT");
  const mac = createHmac("sha256", key).update(`${parts[0]}.${parts[1]}`).digest("base64url");
  if (parts[2] !== mac) throw new Error("bad signature");
  const claims = JSON.parse(Buffer.from(parts[1], "base64url").toString());
  if (claims.iss !== "Upstash") throw new Error("bad iss");
  if (claims.sub !== url) throw new Error("bad sub");
  const now = Math.floor(Date.now() / 1000);
  if (now > claims.exp) throw new Error("expired");
  if (now < claims.nbf) throw new Error("not yet valid");
  if (body != null) {
    const hash = createHash("sha256").update(body).digest("base64url");
    if (claims.body.replace(/=+$/, "") !== hash) throw new Error("bad body");
  }
}

/** The guide's handler logic (its logging of the first failure left out: it would dominate). */
export function guideHandlerVerify(signature, currentSigningKey, nextSigningKey, body, url) {
  try {
    check(signature, currentSigningKey, body, url);
  } catch {
    check(signature, nextSigningKey, body, url);
  }
}
