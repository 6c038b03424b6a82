// Inputs shared by every part of `make bench`: keys, urls, bodies and tokens signed as QStash
// signs them (HS256 over the claims, `body` = base64url(SHA-256(body)) + "=").
import { build } from "esbuild";
import { functionUrlEvent as lambdaEvent } from "../scripts/lambda-events.mjs";
import { qstashToken } from "../pkg-tests/shared/qstash-token.mjs";

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

/** A token as QStash mints it (pkg-tests/shared/qstash-token.mjs), valid from `now` for `ttl` seconds. */
export function sign(key, body, { url = URL, now = Math.floor(Date.now() / 1000), ttl = 3600 } = {}) {
  return qstashToken({ key, url, body, iat: now, ttl, jti: "jwt_2RzXbZk6sN1qYtWm8cV4pL7hKd3J" });
}

/** A Lambda Function URL event (payload 2.0) carrying `body` and its signature, for DOMAIN. */
export function functionUrlEvent(signature, body) {
  return lambdaEvent({ signature, body, now: Math.floor(Date.now() / 1000), host: DOMAIN });
}

/**
 * Bundles a Lambda handler as the guide builds its function (`esbuild --bundle --minify
 * --sourcemap --platform=node --target=es2020`), for the bench and `make lambda-size`.
 */
export async function guideBundle(entry, outfile, plugins = []) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    minify: true,
    sourcemap: true,
    platform: "node",
    target: "es2020",
    logLevel: "error",
    plugins,
  });
  return outfile;
}
