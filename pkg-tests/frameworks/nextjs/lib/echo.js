// The echo every route answers (as ../cases.mjs's `echo`, which cannot be imported into the app):
// `{ key, sha256, length }` of the bytes the handler itself read. Web Crypto, so that the same
// code runs on the nodejs and the edge runtime.
export async function echo(bytes, key) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  const sha256 = Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
  return { key, sha256, length: bytes.byteLength };
}

/** What the SDK's Pages Router wrapper leaves the handler: `req.body` as a string or parsed JSON. */
export function bytesOfSdkBody(body) {
  if (body === undefined || body === null) return new Uint8Array(0);
  return new TextEncoder().encode(typeof body === "string" ? body : JSON.stringify(body));
}
