// qstash-verifier/h3: `verifySignatureH3`, the name of `@upstash/qstash/h3`, for h3 1.x (Node.js
// requests, as Nuxt runs it) and h3 2.x (Fetch-API requests). Imports no h3 code: the handler it
// returns is marked as h3 1.x's `defineEventHandler` marks one.
import {
  declaredLength,
  nodeHeader,
  pathOf,
  readNodeBody,
  refusalOf,
  settingsOf,
  verifyDelivery,
  verifyFetch,
} from "./deliveries.js";

/**
 * @typedef {import("./adapters.js").QStashDelivery} QStashDelivery
 * @typedef {import("./adapters.js").VerifySignatureConfig} VerifySignatureConfig
 */

/** @import { Incoming } from "./deliveries.js" */

/**
 * How h3 1.x gives the request: Node.js's.
 * @param {any} event
 * @returns {Incoming}
 */
function nodeIncoming(event) {
  const req = event.node?.req;
  if (req === undefined) throw new TypeError("verifySignatureH3: the event has neither event.req nor event.node.req");
  return {
    header: (n) => nodeHeader(req, n),
    path: pathOf(event.path ?? req.url ?? "/"),
    length: declaredLength(nodeHeader(req, "content-length")),
    read: (max) => readNodeBody(req, max),
  };
}

/**
 * An h3 event handler (1.x and 2.x): the handler gets the event with `event.context.qstash` (the
 * verified delivery, `{ claims, body: { text, bytes } }`), and h3's `readBody` / `readRawBody`
 * (1.x) or `event.req` (2.x) still give the body. A refusal is answered with its status and
 * `{"error": code}`.
 * @template {{ context?: object }} E
 * @template T
 * @param {(event: E & { context: { qstash: QStashDelivery } }) => T} handler
 * @param {VerifySignatureConfig} [config]
 * @returns {((event: E) => Promise<T | { error: string } | Response>) & { __is_handler__: true }}
 */
export function verifySignatureH3(handler, config) {
  if (typeof handler !== "function")
    throw new TypeError("verifySignatureH3 needs the event handler as its first argument");
  const settings = settingsOf(config, "verifySignatureH3");
  /** @type {((event: any) => Promise<T | { error: string } | Response>) & { __is_handler__?: true }} */
  const wrapped = async (event) => {
    const web = event.req;
    let verified;
    if (web !== undefined && web !== null && typeof web.headers?.get === "function") {
      // h3 2.x: a Fetch-API request, read through a copy.
      const outcome = await verifyFetch(web, pathOf(event.url?.pathname ?? web.url), settings);
      if (outcome.response !== undefined) return outcome.response;
      verified = outcome.verified;
    } else {
      try {
        verified = await verifyDelivery(nodeIncoming(event), settings);
      } catch (error) {
        const refusal = refusalOf(error);
        if (refusal === undefined) throw error;
        const res = event.node.res;
        res.statusCode = refusal.status;
        res.setHeader("content-type", "application/json");
        if (refusal.status !== 500) res.setHeader("connection", "close");
        return refusal.body;
      }
      // h3 1.x reads a body it was given here (readBody, readRawBody) instead of the stream.
      event._requestBody = verified.body.bytes;
    }
    if (event.context !== undefined && event.context !== null) event.context.qstash = verified;
    return handler(event);
  };
  wrapped.__is_handler__ = true;
  return /** @type {((event: E) => Promise<T | { error: string } | Response>) & { __is_handler__: true }} */ (wrapped);
}
