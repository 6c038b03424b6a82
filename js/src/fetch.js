// verifyRequest: the Fetch-API face (Cloudflare Workers, Vercel Edge / Next.js route handlers,
// Hono, Deno, Bun, Node 18+). Runtime-neutral: it imports nothing, so it works with a Receiver
// from any entry of this package (or anything with the same `verifySync`).
//
// The token is checked first (`checkToken`), then the body is read once, as bytes: the caller
// gets it back as text and as bytes and never touches a consumed stream (the usual failure when a framework wrapper reads the
// body to verify it and the handler then reads it again).

const decoder = new TextDecoder(); // UTF-8, replacement characters, BOM dropped: as request.text()

/** `request.url` as QStash signs it: without the query string and the fragment. */
function withoutQuery(url) {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

/**
 * Verifies a Fetch-API `Request` carrying an `Upstash-Signature` header.
 *
 * Resolves `{ claims, body: { text, bytes } }`; rejects with the receiver's `SignatureError`
 * (`.code`), or a `TypeError` for arguments of the wrong type or a body already read.
 *
 * `options.url` (a string or a list) replaces the default, `request.url` without its query string,
 * for proxies that rewrite the scheme or the host; `clockTolerance` and `now` go to the receiver.
 */
export async function verifyRequest(request, receiver, options = {}) {
  if (request === null || typeof request !== "object" || typeof request.arrayBuffer !== "function") {
    throw new TypeError("verifyRequest needs a Fetch-API Request (url, headers.get, arrayBuffer)");
  }
  if (receiver === null || typeof receiver !== "object" || typeof receiver.verifySync !== "function") {
    throw new TypeError("verifyRequest needs a Receiver from qstash-verifier as its second argument");
  }
  if (options === null || typeof options !== "object") {
    throw new TypeError("verifyRequest options must be an object: { url?, clockTolerance?, now? }");
  }
  if (request.bodyUsed === true) {
    throw new TypeError(
      "verifyRequest: the request body was already read; call verifyRequest first, it returns the body",
    );
  }
  let url = options.url;
  if (url === undefined) {
    if (typeof request.url !== "string") throw new TypeError("request.url must be a string");
    url = withoutQuery(request.url);
  }
  const token = {
    signature: request.headers.get("upstash-signature"),
    url,
    clockTolerance: options.clockTolerance,
    now: options.now,
    upstashRegion: request.headers.get("upstash-region"),
  };
  // Every check but the body's first, so that a forged or expired token is refused before the
  // body is read (a receiver without checkToken is verified in one step, after the read).
  if (typeof receiver.checkToken === "function") receiver.checkToken(token);
  const bytes = new Uint8Array(await request.arrayBuffer());
  const claims = receiver.verifySync({ ...token, body: bytes });
  return { claims, body: { text: decoder.decode(bytes), bytes } };
}
