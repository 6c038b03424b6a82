// Shared by the JS tests: the one vectors file, and a minimal QStash-style signer on node:crypto
// (for cases the vectors file does not carry, such as multi-megabyte bodies).
import { createHash, createHmac } from "node:crypto";
import { readFileSync } from "node:fs";

const vectorsUrl = new URL("../../tests/vectors.json", import.meta.url);
const vectorsFile = JSON.parse(readFileSync(vectorsUrl, "utf8"));
export const vectors = vectorsFile.vectors;
/** The tokens sign() must mint for given inputs (minted independently by scripts/gen-vectors.mjs). */
export const signCases = vectorsFile.sign;

export function bodyOf(v) {
  if ("body" in v) return v.body;
  if ("bodyBase64" in v) return Buffer.from(v.bodyBase64, "base64");
  return undefined;
}

export function requestOf(v) {
  const request = { signature: v.token, body: bodyOf(v), now: v.now, clockTolerance: v.clockTolerance };
  if (v.url !== null) request.url = v.url;
  return request;
}

const b64url = (buf) => Buffer.from(buf).toString("base64url");

export function sign({ key, url, body, now, ttl = 300 }) {
  const header = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const claims = {
    aud: "",
    body: createHash("sha256").update(body).digest("base64url") + "=",
    exp: now + ttl,
    iat: now,
    iss: "Upstash",
    jti: "jwt_test",
    nbf: now,
    sub: url,
  };
  const input = `${header}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${createHmac("sha256", key).update(input).digest("base64url")}`;
}
