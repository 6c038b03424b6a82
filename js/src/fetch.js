// verifyRequest: the Fetch-API face (Cloudflare Workers, Vercel Edge / Next.js route handlers,
// Hono, Deno, Bun, Node 18+). It works with a Receiver from any entry of this package (or
// anything with the same `checkToken` / `verifySync`).
//
// The token is checked first (`checkToken`), then the body is read once, as bytes, up to the
// limit: the caller gets it back as text and as bytes and never touches a consumed stream (the
// usual failure when a framework wrapper reads the body to verify it and the handler then reads
// it again).
import { declaredLength, pathOf, readWebBody, settingsOf, verifyDelivery } from "./deliveries.js";

/** @import { Receiver, VerifiedClaims } from "./core.js" */

/**
 * What `verifyRequest` reads: any Fetch-API `Request` fits (Workers, Next.js, Hono's `c.req.raw`,
 * Deno, Bun, undici). The body stream, when there is one, is read up to `maxBodyBytes`; else
 * `arrayBuffer()` is used.
 * @typedef {{
 *   readonly url: string;
 *   readonly headers: { get(name: string): string | null };
 *   readonly bodyUsed?: boolean;
 *   readonly body?: { getReader(): unknown } | null;
 *   arrayBuffer(): Promise<ArrayBuffer>;
 * }} FetchRequestLike
 */

/**
 * @typedef {object} VerifyRequestOptions
 * @property {string | readonly string[]} [url] The url QStash signed for (a string or a list):
 *   `sub` must equal it. Set it in production. Default (since 0.2.0): only the path of `sub` is
 *   checked, against `request.url`'s path; the host of `request.url` comes from the sender's
 *   `Host` header and is never trusted.
 * @property {string} [origin] A trusted scheme and host (`https://example.com`): `sub` must equal
 *   it plus the request's path.
 * @property {number} [maxBodyBytes] The longest body accepted, in bytes. Default 50 MiB (QStash's
 *   largest message).
 * @property {number} [clockTolerance] Seconds of clock skew tolerated on `exp` and `nbf`. Default 0.
 * @property {number} [now] The verification time in unix seconds, for tests. Default: `Date.now()`.
 */

/**
 * A verified request: the claims, and the body that was read to verify it.
 * @typedef {object} VerifiedRequest
 * @property {VerifiedClaims} claims
 * @property {{ text: string, bytes: Uint8Array }} body `text`, the body decoded as UTF-8 (as
 *   `request.text()` would), and `bytes`, the raw body bytes, as hashed.
 */

/**
 * Reads the body once, verifies the `Upstash-Signature` header against it and the url, and
 * resolves the claims and the body; rejects with `SignatureError` (`.code`), or `TypeError` for
 * arguments of the wrong type or a body already read. Works with a `Receiver` from any entry.
 *
 * `options`: `url` (a string or a list) pins the url `sub` must equal; `origin` (a trusted
 * scheme and host) is joined with the request's path; with neither, only the path of `sub` is
 * checked against the request's (`request.url`'s host is the sender's `Host` header).
 * `maxBodyBytes`, `clockTolerance` and `now` go to the receiver.
 * @param {FetchRequestLike} request
 * @param {Pick<Receiver, "verifySync"> & Partial<Pick<Receiver, "checkToken">>} receiver
 * @param {VerifyRequestOptions} [options]
 * @returns {Promise<VerifiedRequest>}
 */
export async function verifyRequest(request, receiver, options = {}) {
  if (request === null || typeof request !== "object" || typeof request.arrayBuffer !== "function") {
    throw new TypeError("verifyRequest needs a Fetch-API Request (url, headers.get, arrayBuffer)");
  }
  if (receiver === null || typeof receiver !== "object" || typeof receiver.verifySync !== "function") {
    throw new TypeError("verifyRequest needs a Receiver from qstash-verifier as its second argument");
  }
  if (options === null || typeof options !== "object") {
    throw new TypeError(
      "verifyRequest options must be an object: { url?, origin?, maxBodyBytes?, clockTolerance?, now? }",
    );
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
        request.body !== undefined
          ? readWebBody(/** @type {ReadableStream<Uint8Array> | null} */ (request.body), max)
          : request.arrayBuffer().then((b) => new Uint8Array(b)),
    },
    settings,
  );
}
