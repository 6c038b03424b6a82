// qstash-verifier/hono: `verifySignature(config?)`, a Hono middleware (on Node.js, Workers, Bun,
// Deno). Imports no Hono code.
import { declaredLength, readWebBody, refusalOf, settingsOf, verifyDelivery } from "./deliveries.js";

/**
 * @typedef {import("./adapters.js").QStashDelivery} QStashDelivery
 * @typedef {import("./adapters.js").VerifySignatureConfig} VerifySignatureConfig
 */

/**
 * The variables the middleware sets: `c.get("qstash")`.
 * @typedef {object} QStashVariables
 * @property {QStashDelivery} qstash
 */

/**
 * A Hono middleware: `app.post("/api", verifySignature(), (c) => ...)`. On success
 * `c.get("qstash")` is `{ claims, body: { text, bytes } }`, and `c.req.text()`, `c.req.json()`
 * and `c.req.arrayBuffer()` still give the body (from Hono's body cache; the raw `c.req.raw`
 * stream is read). A refusal is answered 401 / 413 / 500 with `{"error": code}`.
 * @param {VerifySignatureConfig} [config]
 * @returns {(c: any, next: () => Promise<void>) => Promise<Response | void>}
 */
export function verifySignature(config) {
  const settings = settingsOf(config, "verifySignature");
  return async (c, next) => {
    const raw = c.req.raw;
    let verified;
    try {
      verified = await verifyDelivery(
        {
          header: (n) => raw.headers.get(n) ?? undefined,
          path: c.req.path,
          length: declaredLength(raw.headers.get("content-length")),
          read: (max) => readWebBody(raw.body, max),
        },
        settings,
      );
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal === undefined) throw error;
      return c.json(refusal.body, refusal.status);
    }
    const { bytes } = verified.body;
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    // Hono reads every later body call from its cache, converting from whichever form is there.
    if (c.req.bodyCache !== undefined) c.req.bodyCache.arrayBuffer = Promise.resolve(buffer);
    c.set("qstash", verified);
    await next();
  };
}
