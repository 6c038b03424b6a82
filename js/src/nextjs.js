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
  setupError,
  settingsOf,
  verifyDelivery,
  wrapFetch,
} from "./deliveries.js";

/** App Router route handlers, on the nodejs and on the edge runtime. */
export function verifySignatureAppRouter(handler, config) {
  return wrapFetch("verifySignatureAppRouter", handler, config, (request) => request);
}

/** The SDK's `(request, nfe)` edge form. */
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
 */
export function verifySignature(handler, config) {
  if (typeof handler !== "function") throw new TypeError("verifySignature needs the API route handler as its first argument");
  const settings = settingsOf(config, "verifySignature");
  return async (req, res) => {
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
