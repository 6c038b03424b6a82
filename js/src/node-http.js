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
 * Reads and verifies `req` with `receiver`: resolves `{ claims, body: { text, bytes } }`; rejects
 * with `SignatureError` (`refusalOf(error)` gives its status and JSON body). `options`: `url` or
 * `origin`, `clockTolerance`, `maxBodyBytes`. Without `url` or `origin` the token's path is
 * checked against the request's.
 */
export function verifyNodeRequest(req, receiver, options) {
  if (req === null || typeof req !== "object" || typeof req.on !== "function" || typeof req.headers !== "object") {
    return Promise.reject(new TypeError("verifyNodeRequest needs a node:http IncomingMessage"));
  }
  if (receiver === null || typeof receiver !== "object" || typeof receiver.checkToken !== "function") {
    return Promise.reject(new TypeError("verifyNodeRequest needs a Receiver from qstash-verifier as its second argument"));
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
      read: (max) => readNodeBody(req, max),
    },
    settings,
  );
}
