// qstash-verifier/nextjs: the names of `@upstash/qstash/nextjs`, so that switching is a change of
// import. App Router routes (nodejs and edge runtimes), the `(req, nfe)` edge form, and Pages
// Router API routes with `bodyParser: false`. Imports no Next.js code.
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
  wrapFetch,
} from "./deliveries.js";

/**
 * @typedef {import("./adapters.js").QStashDelivery} QStashDelivery
 * @typedef {import("./adapters.js").VerifySignatureConfig} VerifySignatureConfig
 */

/**
 * A Fetch-API request as the handler gets it: unread, with the verified delivery.
 * @template {Request} [R=Request]
 * @typedef {R & { readonly qstash: QStashDelivery }} VerifiedRequest
 */

/**
 * App Router route handlers (nodejs and edge runtimes): `export const POST = verifySignatureAppRouter(handler)`.
 * @template {Request} R
 * @template {unknown[]} A
 * @param {(request: VerifiedRequest<R>, ...rest: A) => Response | Promise<Response>} handler
 * @param {VerifySignatureConfig} [config]
 * @returns {(request: R, ...rest: A) => Promise<Response>}
 */
export function verifySignatureAppRouter(handler, config) {
  return wrapFetch("verifySignatureAppRouter", handler, config, (request) => request);
}

/**
 * The SDK's `(request, nfe)` edge form.
 * @template {Request} R
 * @template {unknown[]} A
 * @param {(request: VerifiedRequest<R>, ...rest: A) => Response | Promise<Response>} handler
 * @param {VerifySignatureConfig} [config]
 * @returns {(request: R, ...rest: A) => Promise<Response>}
 */
export function verifySignatureEdge(handler, config) {
  return wrapFetch("verifySignatureEdge", handler, config, (request) => request);
}

const PARSED =
  "the body was already parsed by Next.js, so its raw bytes are gone: add " +
  "`export const config = { api: { bodyParser: false } }` to this API route";

/**
 * Pages Router API routes (`export const config = { api: { bodyParser: false } }`). On success
 * `req.body` is the parsed JSON (for `application/json`) or the text, as the SDK sets it, and
 * `req.qstash` has the claims and the raw bytes.
 * @template {object} Q
 * @template S
 * @param {(req: Q & { body: unknown; readonly qstash: QStashDelivery }, res: S) => unknown} handler
 * @param {VerifySignatureConfig} [config]
 * @returns {(req: Q, res: S) => Promise<unknown>}
 */
export function verifySignature(handler, config) {
  if (typeof handler !== "function")
    throw new TypeError("verifySignature needs the API route handler as its first argument");
  const settings = settingsOf(config, "verifySignature");
  return async (/** @type {any} */ req, /** @type {any} */ res) => {
    // Next.js's parser sets req.body (to {} or "" even for an empty body) and drains the stream.
    if (req.body !== undefined) return sendNode(res, setupError(PARSED));
    let verified;
    try {
      verified = await verifyDelivery(
        {
          header: (n) => nodeHeader(req, n),
          path: pathOf(req.url ?? "/"),
          length: declaredLength(nodeHeader(req, "content-length")),
          read: (max) => readNodeBody(req, max),
        },
        settings,
      );
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal === undefined) throw error;
      return sendNode(res, refusal);
    }
    const { text } = verified.body;
    let body = text;
    if (/^application\/json\b/i.test(nodeHeader(req, "content-type") ?? "")) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    req.body = body;
    Object.defineProperty(req, "qstash", { value: verified, configurable: true });
    return handler(req, res);
  };
}
