// Inputs shared by every part of `make bench`: keys, urls, bodies and tokens signed as QStash
// signs them (HS256 over the claims, `body` = base64url(SHA-256(body)) + "=").
import { createHash, createHmac } from "node:crypto";

export const KEYS = {
  currentSigningKey: "sig_benchCurrent7dPq2Lx9VbN4rT6wZ3kM8sHfJ",
  nextSigningKey: "sig_benchNext3hWk5Qz8RcY2uPm7Gv4nXa9LdBt",
};
export const DOMAIN = "abcdefghij0123456789.lambda-url.us-east-1.on.aws";
export const URL = `https://${DOMAIN}`;

export const SIZES = [
  ["100 B", 100],
  ["1 KB", 1024],
  ["64 KB", 64 * 1024],
  ["1 MB", 1024 * 1024],
];

/** A JSON text of exactly `size` bytes (ASCII), the same for every run. */
export function jsonBody(size) {
  const head = '{"event":"order.created","data":"';
  const tail = '"}';
  let fill = "";
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 ";
  for (let i = 0; fill.length < size - head.length - tail.length; i++) fill += alphabet[(i * 7) % alphabet.length];
  return head + fill + tail;
}

const b64url = (b) => Buffer.from(b).toString("base64url");

/** A token as QStash mints it, valid from `now` for `ttl` seconds. */
export function sign(key, body, { url = URL, now = Math.floor(Date.now() / 1000), ttl = 3600 } = {}) {
  const claims = {
    aud: "",
    body: createHash("sha256").update(body).digest("base64url") + "=",
    exp: now + ttl,
    iat: now,
    iss: "Upstash",
    jti: "jwt_2RzXbZk6sN1qYtWm8cV4pL7hKd3J",
    nbf: now,
    sub: url,
  };
  const input = `${b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }))}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${createHmac("sha256", key).update(input).digest("base64url")}`;
}

/** A Lambda Function URL event (payload 2.0) carrying `body` and its signature. */
export function functionUrlEvent(signature, body) {
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: "/",
    rawQueryString: "",
    headers: {
      "content-type": "application/json",
      "upstash-signature": signature,
      host: DOMAIN,
    },
    requestContext: {
      accountId: "anonymous",
      apiId: DOMAIN.split(".")[0],
      domainName: DOMAIN,
      domainPrefix: DOMAIN.split(".")[0],
      http: { method: "POST", path: "/", protocol: "HTTP/1.1", sourceIp: "203.0.113.7", userAgent: "Upstash-QStash" },
      requestId: "bench-request",
      routeKey: "$default",
      stage: "$default",
      time: "01/Jan/2026:00:00:00 +0000",
      timeEpoch: 1767225600000,
    },
    body,
    isBase64Encoded: false,
  };
}
