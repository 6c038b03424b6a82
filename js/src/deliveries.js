// What every framework adapter does with one incoming delivery (js/src/nextjs.js, express.js, ...):
// the config, the keys per request, the url rule, the token checked before the body is read, the
// body read once with a limit, and the answer a refusal gets. Runtime-neutral and framework-free:
// each adapter only says how its framework gives headers, the path and the body.
//
// The build (tools/build/js.mjs) turns the import of ./core.js into one of the package itself,
// so an adapter shares the user's Receiver, SignatureError and wasm under every runtime.
import { ERROR_CODES, Receiver, SignatureError } from "./core.js";

/**
 * @import { QStashDelivery, Refusal, VerifySignatureConfig } from "./adapters.js"
 * @import { ErrorCode } from "./boundary.generated.js"
 * @import { ReceiverConfig, TokenRequest, VerifyRequest } from "./core.js"
 */

/**
 * What an adapter verifies with: a `Receiver` of any entry, or anything with its `verifySync`
 * (and `checkToken`, to check the token before the body is read).
 * @typedef {Pick<Receiver, "verifySync"> & Partial<Pick<Receiver, "checkToken">>} DeliveryReceiver
 */

/**
 * The adapter config as `settingsOf` read it, and `now` for verifyRequest's tests.
 * @typedef {object} Settings
 * @property {string | readonly string[] | undefined} url
 * @property {string | undefined} origin
 * @property {DeliveryReceiver | undefined} receiver
 * @property {number} maxBodyBytes
 * @property {number | undefined} clockTolerance
 * @property {ReceiverConfig} keys
 * @property {number} [now]
 */

/**
 * One delivery as an adapter reads it from its framework (see `verifyDelivery`).
 * @typedef {object} Incoming
 * @property {(lowerCaseName: string) => string | undefined} header
 * @property {string} path
 * @property {number | undefined} length
 * @property {(max: number) => Promise<Uint8Array>} read
 */

/**
 * A Node.js request as the adapters read it (`http.IncomingMessage`, or a framework's wrapper).
 * @typedef {import("node:http").IncomingMessage} NodeRequest
 */

/**
 * The default body limit: QStash's largest message, 50 MB on its Fixed plans
 * (https://upstash.com/pricing/qstash); give `maxBodyBytes` for an Enterprise plan's own limit.
 */
export const DEFAULT_MAX_BODY_BYTES = 50 * 1024 * 1024;

const CONFIG_KEYS = new Set([
  "currentSigningKey",
  "nextSigningKey",
  "url",
  "origin",
  "clockTolerance",
  "devMode",
  "receiver",
  "maxBodyBytes",
  "env",
]);

/**
 * The adapter config, read once: the SDK's `{ currentSigningKey?, nextSigningKey?, url?,
 * clockTolerance?, devMode? }` plus `receiver`, `origin`, `maxBodyBytes` and `env`. Nothing here
 * reads a key: loading a route (and `next build`) never needs one.
 * @param {(Omit<VerifySignatureConfig, "receiver"> & { receiver?: DeliveryReceiver }) | null | undefined} config
 * @param {string} name
 * @returns {Settings}
 */
export function settingsOf(config, name) {
  if (config === undefined || config === null) config = {};
  if (typeof config !== "object") throw new TypeError(`${name}: the config must be an object`);
  for (const key of Object.keys(config)) {
    if (!CONFIG_KEYS.has(key)) throw new TypeError(`${name}: unknown config option ${JSON.stringify(key)}`);
  }
  const { url, origin, receiver, maxBodyBytes = DEFAULT_MAX_BODY_BYTES } = config;
  if (url !== undefined && typeof url !== "string" && !Array.isArray(url)) {
    throw new TypeError(`${name}: url must be the route's full url (a string, or a list of them)`);
  }
  if (origin !== undefined && (typeof origin !== "string" || !/^https?:\/\/[^/]+$/.test(origin))) {
    throw new TypeError(`${name}: origin must be a scheme and host, such as "https://example.com", with no path`);
  }
  if (url !== undefined && origin !== undefined) throw new TypeError(`${name}: give url or origin, not both`);
  if (receiver !== undefined && (receiver === null || typeof receiver.verifySync !== "function")) {
    throw new TypeError(`${name}: receiver must be a Receiver from qstash-verifier`);
  }
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 0) {
    throw new TypeError(`${name}: maxBodyBytes must be a whole number of bytes`);
  }
  const keys = {
    currentSigningKey: config.currentSigningKey,
    nextSigningKey: config.nextSigningKey,
    devMode: config.devMode,
    env: config.env,
  };
  return { url, origin, receiver, maxBodyBytes, clockTolerance: config.clockTolerance, keys };
}

/**
 * The Receiver for one request: the config's, else one from the config's keys or the environment.
 * @param {Settings} settings
 * @returns {DeliveryReceiver}
 */
function receiverOf(settings) {
  return settings.receiver ?? new Receiver(settings.keys);
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/**
 * Verifies one delivery. `incoming` is what the adapter read from its framework:
 * `header(lowerCaseName)` (a string or undefined), `path` (the request's path, without the query),
 * `length` (the declared Content-Length, or undefined) and `read(max)`, which resolves the body's
 * bytes, or stops once it has more than `max` and resolves what it has (the core then refuses it).
 * Resolves `{ claims, body: { text, bytes } }`; throws `SignatureError`.
 * @param {Incoming} incoming
 * @param {Settings} settings
 * @returns {Promise<QStashDelivery>}
 */
export async function verifyDelivery(incoming, settings) {
  const receiver = receiverOf(settings);
  /** @type {TokenRequest} */
  const token = {
    signature: incoming.header("upstash-signature") ?? "",
    clockTolerance: settings.clockTolerance,
    upstashRegion: incoming.header("upstash-region"),
    maxBodyBytes: settings.maxBodyBytes,
  };
  if (settings.now !== undefined) token.now = settings.now;
  if (settings.url !== undefined) token.url = settings.url;
  else if (settings.origin !== undefined) token.url = settings.origin + incoming.path;
  else token.path = incoming.path;
  // Everything but the body first (the declared length included): a forged or expired token, or
  // a body declared too large, is refused before a byte of the body is read.
  // (A receiver without checkToken is verified in one step, after the read.)
  if (typeof receiver.checkToken === "function") receiver.checkToken({ ...token, bodyLength: incoming.length });
  const bytes = await incoming.read(settings.maxBodyBytes);
  const claims = receiver.verifySync({ ...token, body: bytes });
  return { claims, body: { text: decoder.decode(bytes), bytes } };
}

/**
 * The status and JSON body a refusal gets, or undefined for an error that is not one. A
 * `SignatureError` is known by its name and code, so that one from a Receiver of another entry of
 * the package (another copy of the class) is answered the same.
 * @param {unknown} error
 * @returns {Refusal | undefined}
 */
export function refusalOf(error) {
  const isRefusal =
    error instanceof SignatureError ||
    (error instanceof Error &&
      error.name === "SignatureError" &&
      ERROR_CODES.includes(/** @type {{ code?: any }} */ (error).code));
  if (!isRefusal) return undefined;
  // A SignatureError, or one of another copy of the class: its `code` is one of ERROR_CODES.
  const code = /** @type {SignatureError} */ (error).code;
  const status = code === "missing_signing_key" ? 500 : code === "body_too_large" ? 413 : 401;
  return { status, body: { error: code } };
}

/**
 * Verifies a Fetch-API request whose path is `path`: resolves `{ verified }`, or `{ response }`,
 * the refusal's answer; throws what is not a refusal. The check reads a copy of the body (a tee
 * of the same bytes), so the request stays unread for the handler.
 * @param {Request} request
 * @param {string} path
 * @param {Settings} settings
 * @returns {Promise<{ verified: QStashDelivery, response?: undefined } | { verified?: undefined, response: Response }>}
 */
export async function verifyFetch(request, path, settings) {
  // The copy is made only when the body is read: a request refused on its token or declared
  // length is never teed (a teed body left unread can reset the connection before the answer
  // is read, as under srvx on Node.js).
  /** @type {Request | undefined} */
  let copy;
  try {
    const verified = await verifyDelivery(
      {
        header: (n) => request.headers.get(n) ?? undefined,
        path,
        length: declaredLength(request.headers.get("content-length")),
        read: (max) => {
          copy = request.clone();
          return readWebBody(copy.body, max);
        },
      },
      settings,
    );
    return { verified };
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal === undefined) throw error;
    copy?.body?.cancel().catch(() => {});
    /** @type {Record<string, string>} */
    const headers = { "content-type": "application/json" };
    // A body teed and left unread: the connection is not kept alive.
    if (copy !== undefined) headers.connection = "close";
    return { response: new Response(JSON.stringify(refusal.body), { status: refusal.status, headers }) };
  }
}

/**
 * Wraps a handler that takes a Fetch-API request (`requestOf(...args)` finds it in the handler's
 * arguments): the handler gets its arguments unchanged, the request still unread, with
 * `request.qstash` set.
 * @template H
 * @param {string} name
 * @param {(...args: any[]) => H | PromiseLike<H>} handler
 * @param {VerifySignatureConfig | undefined} config
 * @param {(...args: any[]) => Request} requestOf
 * @returns {(...args: any[]) => Promise<H | Response>}
 */
export function wrapFetch(name, handler, config, requestOf) {
  if (typeof handler !== "function") throw new TypeError(`${name} needs the route handler as its first argument`);
  const settings = settingsOf(config, name);
  return async (...args) => {
    const request = requestOf(...args);
    const { verified, response } = await verifyFetch(request, pathOf(request.url), settings);
    if (response !== undefined) return response;
    Object.defineProperty(request, "qstash", { value: verified, configurable: true });
    return handler(...args);
  };
}

/**
 * A 500 for a setup mistake the user must fix, with the fix in the message.
 * @param {string} message
 * @returns {{ status: 500, body: { error: string, message: string } }}
 */
export function setupError(message) {
  return { status: 500, body: { error: "setup", message } };
}

/**
 * Concatenates chunks into one Uint8Array.
 * @param {Uint8Array[]} chunks
 * @param {number} total
 * @returns {Uint8Array}
 */
function concat(chunks, total) {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * Reads a Fetch-API body stream (`request.body`, or null) up to `max` bytes: resolves the bytes,
 * or, once more than `max` have come, cancels the stream and resolves what came.
 * @param {ReadableStream<Uint8Array | ArrayBuffer> | null | undefined} stream
 * @param {number} max
 * @returns {Promise<Uint8Array>}
 */
export async function readWebBody(stream, max) {
  if (stream === null || stream === undefined) return new Uint8Array(0);
  const reader = stream.getReader();
  /** @type {Uint8Array[]} */
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const chunk = value instanceof Uint8Array ? value : new Uint8Array(value);
    chunks.push(chunk);
    total += chunk.length;
    if (total > max) {
      reader.cancel().catch(() => {});
      break;
    }
  }
  return concat(chunks, total);
}

/**
 * Reads a Node.js request stream (`http.IncomingMessage`) up to `max` bytes, as `readWebBody`
 * does. Past the limit nothing more is kept: what arrives while the adapter answers is dropped,
 * and the connection is not reset (a reset can lose the 413 on its way to the sender).
 * @param {import("node:stream").Readable} req
 * @param {number} max
 * @returns {Promise<Uint8Array>}
 */
export function readNodeBody(req, max) {
  return new Promise((resolve, reject) => {
    /** @type {Uint8Array[]} */
    const chunks = [];
    let total = 0;
    /** @type {(value: Uint8Array | undefined, error?: unknown) => void} */
    const done = (value, error) => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      if (error) reject(error);
      else resolve(/** @type {Uint8Array} */ (value));
    };
    /** @param {string | Uint8Array} chunk */
    const onData = (chunk) => {
      const bytes = typeof chunk === "string" ? encoder.encode(chunk) : chunk;
      chunks.push(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      total += bytes.byteLength;
      if (total > max) {
        done(concat(chunks, total));
        req.resume();
      }
    };
    const onEnd = () => done(concat(chunks, total));
    const onError = (/** @type {unknown} */ error) => done(undefined, error);
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.resume();
  });
}

/**
 * The declared Content-Length, or undefined when it is absent or not a plain number.
 * @param {unknown} value
 */
export function declaredLength(value) {
  if (typeof value !== "string" || !/^\d{1,15}$/.test(value)) return undefined;
  return Number(value);
}

/**
 * The path of a request url (absolute or origin-form), without its query string or fragment.
 * @param {string} url
 */
export function pathOf(url) {
  const end = url.search(/[?#]/);
  const target = end === -1 ? url : url.slice(0, end);
  const scheme = target.indexOf("://");
  if (scheme === -1) return target === "" ? "/" : target;
  const slash = target.indexOf("/", scheme + 3);
  return slash === -1 ? "/" : target.slice(slash);
}

/**
 * A Node.js request's header (`IncomingMessage.headers`): the last of repeated values.
 * @param {{ headers: Record<string, string | string[] | undefined> }} req
 * @param {string} name
 */
export function nodeHeader(req, name) {
  const value = req.headers[name];
  return Array.isArray(value) ? value[value.length - 1] : value;
}

/**
 * Sends a `{ status, body }` answer on a Node.js `ServerResponse`.
 * @param {import("node:http").ServerResponse} res
 * @param {{ status: number, body: object }} answer
 */
export function sendNode(res, { status, body }) {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader("content-type", "application/json");
  res.setHeader("content-length", String(encoder.encode(text).length));
  // A body left unread is never kept: Node.js stops reading it, and closes the idle connection.
  res.end(text);
}
