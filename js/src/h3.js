// qstash-verifier/h3: `verifySignatureH3`, the name of `@upstash/qstash/h3`, for h3 1.x (Node.js
// requests, as Nuxt runs it) and h3 2.x (Fetch-API requests). Imports no h3 code: the handler it
// returns is marked as h3 1.x's `defineEventHandler` marks one.
import {
  declaredLength,
  nodeHeader,
  pathOf,
  readNodeBody,
  readWebBody,
  refusalOf,
  settingsOf,
  verifyDelivery,
} from "./deliveries.js";

/** How an h3 event gives the request: a Fetch-API one (h3 2.x) or Node.js's (h3 1.x). */
function incomingOf(event) {
  const web = event.req;
  if (web !== undefined && web !== null && typeof web.headers?.get === "function") {
    const copy = web.clone();
    return {
      web: true,
      copy,
      header: (n) => web.headers.get(n) ?? undefined,
      path: pathOf(event.url?.pathname ?? web.url),
      length: declaredLength(web.headers.get("content-length")),
      read: (max) => readWebBody(copy.body, max),
    };
  }
  const req = event.node?.req;
  if (req === undefined) throw new TypeError("verifySignatureH3: the event has neither event.req nor event.node.req");
  return {
    web: false,
    header: (n) => nodeHeader(req, n),
    path: pathOf(event.path ?? req.url ?? "/"),
    length: declaredLength(nodeHeader(req, "content-length")),
    read: (max) => readNodeBody(req, max),
  };
}

/**
 * The handler gets the event with `event.context.qstash` (`{ claims, body: { text, bytes } }`),
 * and h3's `readBody` / `readRawBody` (1.x) or `event.req` (2.x) still give the body. A refusal
 * is answered with its status and `{"error": code}`.
 */
export function verifySignatureH3(handler, config) {
  if (typeof handler !== "function") throw new TypeError("verifySignatureH3 needs the event handler as its first argument");
  const settings = settingsOf(config, "verifySignatureH3");
  const wrapped = async (event) => {
    const incoming = incomingOf(event);
    let verified;
    try {
      verified = await verifyDelivery(incoming, settings);
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal === undefined) throw error;
      if (incoming.web) {
        incoming.copy.body?.cancel().catch(() => {});
        return new Response(JSON.stringify(refusal.body), {
          status: refusal.status,
          headers: { "content-type": "application/json" },
        });
      }
      const res = event.node.res;
      res.statusCode = refusal.status;
      res.setHeader("content-type", "application/json");
      if (refusal.status !== 500) res.setHeader("connection", "close");
      return refusal.body;
    }
    // h3 1.x reads a body it was given here (readBody, readRawBody) instead of the stream.
    if (!incoming.web) event._requestBody = verified.body.bytes;
    if (event.context !== undefined && event.context !== null) event.context.qstash = verified;
    return handler(event);
  };
  wrapped.__is_handler__ = true;
  return wrapped;
}
