// verifyRequest: the Fetch-API face (Cloudflare Workers, Vercel Edge / Next.js route handlers,
// Hono, Deno, Bun, Node 18+). It works with a Receiver from any entry of this package (or
// anything with the same `checkToken` / `verifySync`).
//
// The token is checked first (`checkToken`), then the body is read once, as bytes, up to the
// limit: the caller gets it back as text and as bytes and never touches a consumed stream (the
// usual failure when a framework wrapper reads the body to verify it and the handler then reads
// it again).
import { declaredLength, pathOf, readWebBody, settingsOf, verifyDelivery } from "./deliveries.js";

/**
 * Verifies a Fetch-API `Request` carrying an `Upstash-Signature` header.
 *
 * Resolves `{ claims, body: { text, bytes } }`; rejects with the receiver's `SignatureError`
 * (`.code`), or a `TypeError` for arguments of the wrong type or a body already read.
 *
 * `options`: `url` (a string or a list) pins the url `sub` must equal; `origin` (a trusted
 * scheme and host) is joined with the request's path; with neither, only the path of `sub` is
 * checked against the request's (`request.url`'s host is the sender's `Host` header).
 * `maxBodyBytes`, `clockTolerance` and `now` go to the receiver.
 */
export async function verifyRequest(request, receiver, options = {}) {
  if (request === null || typeof request !== "object" || typeof request.arrayBuffer !== "function") {
    throw new TypeError("verifyRequest needs a Fetch-API Request (url, headers.get, arrayBuffer)");
  }
  if (receiver === null || typeof receiver !== "object" || typeof receiver.verifySync !== "function") {
    throw new TypeError("verifyRequest needs a Receiver from qstash-verifier as its second argument");
  }
  if (options === null || typeof options !== "object") {
    throw new TypeError("verifyRequest options must be an object: { url?, origin?, maxBodyBytes?, clockTolerance?, now? }");
  }
  if (request.bodyUsed === true) {
    throw new TypeError(
      "verifyRequest: the request body was already read; call verifyRequest first, it returns the body",
    );
  }
  if (typeof request.url !== "string") throw new TypeError("request.url must be a string");
  const { now, ...config } = options;
  const settings = settingsOf({ ...config, receiver }, "verifyRequest");
  if (now !== undefined) settings.now = now;
  return verifyDelivery(
    {
      header: (n) => request.headers.get(n) ?? undefined,
      path: pathOf(request.url),
      length: declaredLength(request.headers.get("content-length")),
      read: (max) =>
        request.body !== undefined ? readWebBody(request.body, max) : request.arrayBuffer().then((b) => new Uint8Array(b)),
    },
    settings,
  );
}
