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
    // The copy is made only when the body is read: a request refused on its token or declared
    // length is never teed (a teed body left unread can reset the connection before the answer
    // is read, under srvx on Node.js).
    const incoming = {
      web: true,
      copy: undefined,
      header: (n) => web.headers.get(n) ?? undefined,
      path: pathOf(event.url?.pathname ?? web.url),
      length: declaredLength(web.headers.get("content-length")),
      read: (max) => {
        incoming.copy = web.clone();
        return readWebBody(incoming.copy.body, max);
      },
    };
    return incoming;
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
        const headers = { "content-type": "application/json" };
        // A body teed and left unread: the connection is not kept alive (srvx on Node.js drops it
        // after the answer, and a client reusing it would be reset).
        if (incoming.copy !== undefined) headers.connection = "close";
        incoming.copy?.body?.cancel().catch(() => {});
        return new Response(JSON.stringify(refusal.body), { status: refusal.status, headers });
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
