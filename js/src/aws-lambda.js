// The AWS Lambda adapter, `qstash-verifier/aws-lambda`: takes a Lambda event (Function URL,
// API Gateway HTTP API payload 2.0, REST API payload 1.0), finds the signature, the raw body and
// the url the caller saw, and verifies them with a `Receiver`.
//
// Runtime-neutral (no `process`, no file system). The build (tools/build/js.mjs) does not
// bundle ./core.js into this file: it turns the import into one of the package itself
// ("qstash-verifier"), so that `qstash-verifier` and `qstash-verifier/aws-lambda` share one
// `SignatureError`, one `Receiver` and one copy of the wasm, under every runtime's conditions.
// Its types are structural, so that the events of `@types/aws-lambda` (LambdaFunctionURLEvent,
// APIGatewayProxyEventV2, APIGatewayProxyEvent) fit without this package depending on it.

/** @import { TokenRequest, VerifiedClaims, VerifyRequest } from "./core.js" */

/**
 * The parts of a Lambda HTTP event the adapter reads.
 * @typedef {object} LambdaHttpEvent
 * @property {{ [name: string]: string | undefined } | null} [headers] Header values by name, any
 *   case (Function URL and HTTP API lower-case them; REST keeps them).
 * @property {{ [name: string]: string[] | undefined } | null} [multiValueHeaders] REST API payload
 *   1.0: every value of each header. `headers` wins over it.
 * @property {string | null} [body] The raw body, or base64 when `isBase64Encoded`; absent means empty.
 * @property {boolean} [isBase64Encoded]
 * @property {string} [rawPath] Function URL and HTTP API payload 2.0: the path as the caller sent
 *   it, without the query.
 * @property {string} [path] REST API payload 1.0: the path without the stage
 *   (`requestContext.path` is used instead).
 * @property {{ domainName?: string, path?: string }} [requestContext] `domainName`, the host the
 *   caller used, e.g. `abc.lambda-url.us-east-1.on.aws`; `path`, in REST API payload 1.0, the
 *   path as the caller sent it, stage included.
 */

/**
 * @typedef {object} VerifyLambdaEventOptions
 * @property {string | readonly string[] | false} [url] The url the message was published to.
 *   Default: `https://` + `requestContext.domainName` + the path the caller saw (for the bare path
 *   `/`, both `https://host/` and `https://host`). A string or a list overrides it (e.g. behind a
 *   custom domain); `false` skips the url check.
 * @property {number} [clockTolerance] Seconds of clock skew tolerated on `exp` and `nbf`. Default 0.
 * @property {number} [now] The verification time in unix seconds, for tests. Default: `Date.now()`.
 */

/**
 * What the adapter needs of a receiver: qstash-verifier's `Receiver`.
 * @typedef {{ verifySync(request: VerifyRequest): VerifiedClaims }} SyncReceiver
 */

/**
 * @param {unknown} value
 * @returns {value is Record<string, any>}
 */
function isObject(value) {
  return value !== null && typeof value === "object";
}

/**
 * A header's value, whatever the case of its name. `headers` (a plain value per name) wins over
 * `multiValueHeaders` (a list per name, REST API payload 1.0), whose last value is taken, as API
 * Gateway does when it fills `headers`. An exact lower-case name wins over other spellings.
 * @param {Record<string, any>} event
 * @param {string} lowerName
 * @returns {any} the value as the event has it (the receiver checks its type).
 */
function header(event, lowerName) {
  /** @type {(map: unknown, pick: (value: any) => unknown) => unknown} */
  const fromMap = (map, pick) => {
    if (!isObject(map)) return undefined;
    // biome-ignore lint/suspicious/noPrototypeBuiltins: Object.hasOwn is missing before Node 16.9, which the package supports.
    if (Object.prototype.hasOwnProperty.call(map, lowerName) && map[lowerName] != null) {
      return pick(map[lowerName]);
    }
    for (const name of Object.keys(map)) {
      if (name.toLowerCase() === lowerName && map[name] != null) return pick(map[name]);
    }
    return undefined;
  };
  const single = fromMap(event.headers, (v) => v);
  if (single !== undefined) return single;
  return fromMap(event.multiValueHeaders, (v) => (Array.isArray(v) ? v[v.length - 1] : v));
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
/** @type {Int16Array | undefined} */
let b64Index;

/**
 * Standard base64 (as Lambda encodes bodies) to bytes; `Buffer` when the runtime has it.
 * @param {string} text
 */
function fromBase64(text) {
  if (typeof Buffer === "function" && typeof Buffer.from === "function") {
    const buf = Buffer.from(text, "base64");
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  if (!b64Index) {
    b64Index = new Int16Array(128).fill(-1);
    for (let i = 0; i < 64; i++) b64Index[B64.charCodeAt(i)] = i;
    b64Index[45] = 62; // "-" (base64url)
    b64Index[95] = 63; // "_"
  }
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? b64Index[c] : -1;
    if (v < 0) continue; // padding, whitespace
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, n);
}

/**
 * The event's body, checked but not decoded: the function returned decodes it into what the
 * receiver hashes (base64-decoded bytes when `isBase64Encoded`, else the string; none is empty).
 * @param {Record<string, any>} event
 * @returns {() => string | Uint8Array | undefined}
 */
function bodyOf(event) {
  const { body } = event;
  if (body !== undefined && body !== null && typeof body !== "string") {
    throw new TypeError("event.body must be a string, null or undefined");
  }
  const base64 = event.isBase64Encoded === true;
  return () => (body === undefined || body === null ? undefined : base64 ? fromBase64(body) : body);
}

/**
 * The url the caller saw: https:// + domainName + the path without the query string (payload
 * 2.0 and Function URLs: `rawPath`; payload 1.0: `requestContext.path`, which carries the
 * stage). A bare "/" path gives both spellings, with and without the slash.
 * @param {Record<string, any>} event
 * @returns {string | string[]}
 */
function urlOf(event) {
  const context = isObject(event.requestContext) ? event.requestContext : {};
  const domain = context.domainName;
  if (typeof domain !== "string" || domain === "") {
    throw new TypeError(
      "the event has no requestContext.domainName to build the url from: pass options.url (or false to skip the check)",
    );
  }
  let path;
  if (typeof event.rawPath === "string") path = event.rawPath;
  else if (typeof context.path === "string") path = context.path;
  else if (typeof event.path === "string") path = event.path;
  else path = "/";
  const query = path.indexOf("?");
  if (query >= 0) path = path.slice(0, query);
  if (path === "" || path === "/") return [`https://${domain}/`, `https://${domain}`];
  if (path[0] !== "/") path = `/${path}`;
  return `https://${domain}${path}`;
}

/**
 * Verifies a QStash delivery that reached a Lambda function (Function URL, API Gateway HTTP API
 * payload 2.0 or REST API payload 1.0): the `Upstash-Signature` header in any case, the body
 * base64-decoded when `isBase64Encoded`, the url the caller saw. The `Upstash-Region` header is
 * passed on to the receiver.
 *
 * @overload
 * @param {LambdaHttpEvent} event
 * @param {SyncReceiver} receiver
 * @param {VerifyLambdaEventOptions} [options]
 * @returns {VerifiedClaims} the verified claims and which key matched.
 * @throws SignatureError (`.code`) when the delivery is refused: `missing_signature` when the
 *   header is absent, else the receiver's code.
 * @throws TypeError for arguments of the wrong type, or an event without
 *   `requestContext.domainName` when `options.url` is not given.
 */
/**
 * options: `url` (a string or a list: overrides the url derived from the event, e.g. for a custom
 * domain; `false` skips the url check), `clockTolerance` and `now` as in `Receiver.verifySync`.
 * A receiver's `checkToken`, when it has one, runs first.
 * @param {unknown} event
 * @param {SyncReceiver & { checkToken?(request: TokenRequest): unknown }} receiver
 * @param {VerifyLambdaEventOptions | null} [options]
 * @returns {VerifiedClaims}
 */
export function verifyLambdaEvent(event, receiver, options) {
  if (!isObject(event)) throw new TypeError("verifyLambdaEvent needs the Lambda event object");
  if (!isObject(receiver) || typeof receiver.verifySync !== "function") {
    throw new TypeError("verifyLambdaEvent needs a Receiver from qstash-verifier");
  }
  const opts = options === undefined || options === null ? {} : options;
  if (!isObject(opts)) throw new TypeError("options must be an object");

  const signature = header(event, "upstash-signature");
  // No token: the core refuses it (missing_signature) before a url is derived or a body decoded.
  if (signature === undefined || signature === "") return receiver.verifySync({ signature: "" });
  let url;
  if (opts.url === false) url = undefined;
  else if (opts.url === undefined) url = urlOf(event);
  else if (typeof opts.url === "string" || Array.isArray(opts.url)) url = opts.url;
  else throw new TypeError("options.url must be a string, a list of strings, or false");

  const body = bodyOf(event);
  /** @type {VerifyRequest} */
  const request = { signature, url };
  if (opts.clockTolerance !== undefined) request.clockTolerance = opts.clockTolerance;
  if (opts.now !== undefined) request.now = opts.now;
  const region = header(event, "upstash-region");
  if (region !== undefined) request.upstashRegion = region;
  // Every check but the body's first, so that a forged token's body is never decoded.
  if (typeof receiver.checkToken === "function") receiver.checkToken(request);
  return receiver.verifySync({ ...request, body: body() });
}
