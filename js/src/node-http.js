// qstash-verifier/node: `verifyNodeRequest(req, receiver, options?)`, for plain `node:http`
// servers (and anything that hands over an `IncomingMessage`).
import {
  declaredLength,
  nodeHeader,
  pathOf,
  readNodeBody,
  refusalOf,
  settingsOf,
  verifyDelivery,
} from "./deliveries.js";

export { refusalOf };

/**
 * @typedef {import("./adapters.js").QStashDelivery} QStashDelivery
 * @typedef {import("./adapters.js").Refusal} Refusal
 */

/** @import { VerifySignatureConfig } from "./adapters.js" */
/** @import { Receiver } from "./core.js" */

/**
 * Reads and verifies a `node:http` request, `req`, with `receiver`: resolves `{ claims, body: {
 * text, bytes } }`; rejects with `SignatureError` (`refusalOf(error)` gives its status and JSON
 * body). `options`: `url` or `origin`, `clockTolerance`, `maxBodyBytes`. Without `url` or
 * `origin` the token's path is checked against the request's.
 * @param {{ headers: Record<string, string | string[] | undefined>; url?: string; on(event: string, f: (...a: any[]) => void): unknown }} req
 * @param {Pick<Receiver, "verifySync" | "checkToken">} receiver
 * @param {Pick<VerifySignatureConfig, "url" | "origin" | "clockTolerance" | "maxBodyBytes">} [options]
 * @returns {Promise<QStashDelivery>}
 */
export function verifyNodeRequest(req, receiver, options) {
  if (req === null || typeof req !== "object" || typeof req.on !== "function" || typeof req.headers !== "object") {
    return Promise.reject(new TypeError("verifyNodeRequest needs a node:http IncomingMessage"));
  }
  if (receiver === null || typeof receiver !== "object" || typeof receiver.checkToken !== "function") {
    return Promise.reject(
      new TypeError("verifyNodeRequest needs a Receiver from qstash-verifier as its second argument"),
    );
  }
  let settings;
  try {
    settings = settingsOf({ ...(options ?? {}), receiver }, "verifyNodeRequest");
  } catch (error) {
    return Promise.reject(error);
  }
  return verifyDelivery(
    {
      header: (n) => nodeHeader(req, n),
      path: pathOf(req.url ?? "/"),
      length: declaredLength(nodeHeader(req, "content-length")),
      // The check above found `on`; readNodeBody reads any such stream.
      read: (max) => readNodeBody(/** @type {any} */ (req), max),
    },
    settings,
  );
}
