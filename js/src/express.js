// qstash-verifier/express: `verifySignature(config?)`, a middleware for Express 4 and 5 (what
// the SDK lacks). It works as the first to read the body, or after `express.raw()` or a parser
// whose `verify` hook kept the raw bytes as `req.rawBody`. Imports no Express code.
import {
  declaredLength,
  nodeHeader,
  pathOf,
  readNodeBody,
  refusalOf,
  sendNode,
  settingsOf,
  setupError,
  verifyDelivery,
} from "./deliveries.js";

/**
 * @typedef {import("./adapters.js").QStashDelivery} QStashDelivery
 * @typedef {import("./adapters.js").VerifySignatureConfig} VerifySignatureConfig
 */

const PARSED =
  "a body parser read this request before qstash-verifier, and kept no raw bytes to verify: put " +
  "verifySignature() before express.json() on this route, or use express.raw({ type: '*/*' }), or " +
  "keep the bytes with express.json({ verify: (req, res, buf) => { req.rawBody = buf } })";

/**
 * The raw bytes a parser kept, undefined when no parser ran, or null when one ran and kept none.
 * @param {any} req
 * @returns {Uint8Array | null | undefined}
 */
function keptBytes(req) {
  const kept = req.rawBody ?? req.body;
  if (kept instanceof Uint8Array) return new Uint8Array(kept.buffer, kept.byteOffset, kept.byteLength);
  // body-parser 1 marks the requests it read; any reader leaves the stream ended (body-parser 2's
  // own test). A parser that skipped this content type leaves the stream unread, and it is read here.
  const parsed = req._body === true || req.readableEnded === true || (req.complete === true && req.readable === false);
  return parsed ? null : undefined;
}

/**
 * An Express 4 / 5 middleware: on success `req.qstash = { claims, body: { text, bytes } }` (the
 * verified delivery) and the next handler runs; a refusal is answered 401 / 413 / 500 with
 * `{"error": code}`.
 * @param {VerifySignatureConfig} [config]
 * @returns {(req: any, res: any, next: (error?: unknown) => void) => void}
 */
export function verifySignature(config) {
  const settings = settingsOf(config, "verifySignature");
  return (req, res, next) => {
    const kept = keptBytes(req);
    if (kept === null) return sendNode(res, setupError(PARSED));
    verifyDelivery(
      {
        header: (n) => nodeHeader(req, n),
        path: pathOf(req.originalUrl ?? req.url ?? "/"),
        length: kept === undefined ? declaredLength(nodeHeader(req, "content-length")) : kept.length,
        read: (max) =>
          kept === undefined ? readNodeBody(req, max) : Promise.resolve(/** @type {Uint8Array} */ (kept)),
      },
      settings,
    ).then(
      (verified) => {
        req.qstash = verified;
        next();
      },
      (error) => {
        const refusal = refusalOf(error);
        if (refusal === undefined) next(error);
        else sendNode(res, refusal);
      },
    );
  };
}
