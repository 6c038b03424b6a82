// The one builder of Lambda events (Function URL, HTTP API, REST API), for the JS tests of the
// Lambda adapter, the Lambda bundle's fixture and the benchmarks; and the events of `make
// demo-lambda` and `make test-lambda`, signed by ./qstash-token.mjs, each with the response the
// example function must give. Runs on Node 16 and later (node:crypto only).
import { randomBytes } from "node:crypto";
import { qstashToken } from "./qstash-token.mjs";

export const KEYS = Object.freeze({
  QSTASH_CURRENT_SIGNING_KEY: "sig_lambdaDemoCurrent5Rk2VmQ8xW",
  QSTASH_NEXT_SIGNING_KEY: "sig_lambdaDemoNext9Tb4LsZ1pC",
});

// Hosts as AWS names them: a Function URL, an HTTP API and a REST API.
export const FUNCTION_URL_HOST = "k3x7q2mz5w4v6b8n9c0d1f2g3h4j5k6l.lambda-url.us-east-1.on.aws";
const HTTP_API_HOST = "a1b2c3d4e5.execute-api.eu-central-1.amazonaws.com";
const REST_API_HOST = "f6g7h8i9j0.execute-api.eu-west-1.amazonaws.com";

/** The headers QStash sends, lower-cased as Function URLs and HTTP APIs deliver them. */
function qstashHeaders(signature, host, contentType) {
  return {
    "content-type": contentType,
    host,
    "upstash-message-id": `msg_${randomBytes(16).toString("hex")}`,
    "upstash-region": "eu-central-1",
    "upstash-retried": "0",
    "upstash-signature": signature,
    "user-agent": "Upstash-QStash",
    "x-amzn-trace-id": "Root=1-6740a1b2-0123456789abcdef01234567",
    "x-forwarded-for": "52.58.0.1",
    "x-forwarded-port": "443",
    "x-forwarded-proto": "https",
  };
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * A Lambda Function URL event (payload 2.0), as the guide's function receives it, for the
 * function at `host` (the demo's by default), delivered at `now` to `rawPath`; `headers`
 * replaces the ones QStash sends.
 */
export function functionUrlEvent({
  signature,
  body,
  base64 = false,
  contentType = "application/json",
  now = nowSeconds(),
  host = FUNCTION_URL_HOST,
  rawPath = "/",
  headers = qstashHeaders(signature, host, contentType),
}) {
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath,
    rawQueryString: "",
    headers,
    requestContext: {
      accountId: "anonymous",
      apiId: host.split(".")[0],
      domainName: host,
      domainPrefix: host.split(".")[0],
      http: { method: "POST", path: rawPath, protocol: "HTTP/1.1", sourceIp: "52.58.0.1", userAgent: "Upstash-QStash" },
      requestId: "8f2c1a7e-3b4d-4e5f-9a6b-7c8d9e0f1a2b",
      routeKey: "$default",
      stage: "$default",
      time: new Date(now * 1000).toUTCString(),
      timeEpoch: now * 1000,
    },
    body: base64 ? Buffer.from(body).toString("base64") : body,
    isBase64Encoded: base64,
  };
}

/** An API Gateway HTTP API event (payload 2.0), stage "prod", route POST /webhook, with `query`. */
export function httpApiEvent({
  signature,
  body,
  now = nowSeconds(),
  host = HTTP_API_HOST,
  query = { source: "qstash" },
}) {
  return {
    version: "2.0",
    routeKey: "POST /webhook",
    rawPath: "/prod/webhook",
    rawQueryString: new URLSearchParams(query).toString(),
    headers: qstashHeaders(signature, host, "application/json"),
    queryStringParameters: query,
    requestContext: {
      accountId: "123456789012",
      apiId: host.split(".")[0],
      domainName: host,
      domainPrefix: host.split(".")[0],
      http: {
        method: "POST",
        path: "/prod/webhook",
        protocol: "HTTP/1.1",
        sourceIp: "52.58.0.1",
        userAgent: "Upstash-QStash",
      },
      requestId: "JKJaXmPLvHcESHA=",
      routeKey: "POST /webhook",
      stage: "prod",
      time: new Date(now * 1000).toUTCString(),
      timeEpoch: now * 1000,
    },
    body,
    isBase64Encoded: false,
  };
}

/** The headers of a REST API event as QStash sends them: REST APIs keep their case. */
function restHeaders(signature, host) {
  return {
    "Content-Type": "application/json",
    Host: host,
    "Upstash-Message-Id": `msg_${randomBytes(16).toString("hex")}`,
    "Upstash-Region": "eu-central-1",
    "Upstash-Retried": "0",
    "Upstash-Signature": signature,
    "User-Agent": "Upstash-QStash",
    "X-Forwarded-Proto": "https",
  };
}

/** Each header's value as a list of one, as REST APIs hand them over beside `headers`. */
const multiValued = (headers) =>
  Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name, [value]]));

/**
 * An API Gateway REST API event (payload 1.0), stage "prod", resource /webhook; `headers` and
 * `multiValueHeaders` replace the ones QStash sends (null or undefined included).
 */
export function restApiEvent({ signature, body, now = nowSeconds(), host = REST_API_HOST, ...replaced }) {
  const headers = "headers" in replaced ? replaced.headers : restHeaders(signature, host);
  return {
    resource: "/webhook",
    path: "/webhook",
    httpMethod: "POST",
    headers,
    multiValueHeaders: "multiValueHeaders" in replaced ? replaced.multiValueHeaders : multiValued(headers),
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    requestContext: {
      accountId: "123456789012",
      apiId: host.split(".")[0],
      domainName: host,
      domainPrefix: host.split(".")[0],
      httpMethod: "POST",
      identity: { sourceIp: "52.58.0.1", userAgent: "Upstash-QStash" },
      path: "/prod/webhook",
      protocol: "HTTP/1.1",
      requestId: "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
      requestTimeEpoch: now * 1000,
      resourcePath: "/webhook",
      stage: "prod",
    },
    body,
    isBase64Encoded: false,
  };
}

const ok = { status: 200, code: null };
const refused = (code) => ({ status: 401, code });

/** The rows on the Function URL with a JSON body: delivered, or refused for the token or the body. */
function functionUrlRows(usual) {
  const { body: json, iat: now } = usual;
  const next = KEYS.QSTASH_NEXT_SIGNING_KEY;
  return [
    {
      name: "Function URL POST, current key",
      event: functionUrlEvent({ signature: qstashToken(usual), body: json, now }),
      expect: ok,
    },
    {
      name: "Function URL POST, next key (no trailing /)",
      event: functionUrlEvent({
        signature: qstashToken({ ...usual, key: next, url: `https://${FUNCTION_URL_HOST}` }),
        body: json,
        now,
      }),
      expect: ok,
    },
    {
      name: "tampered body",
      event: functionUrlEvent({ signature: qstashToken(usual), body: json.replace("world", "w0rld"), now }),
      expect: refused("body_mismatch"),
    },
    {
      name: "signed with a wrong key",
      event: functionUrlEvent({ signature: qstashToken({ ...usual, key: "sig_notOurKeyQw3Er5Ty7" }), body: json, now }),
      expect: refused("invalid_signature"),
    },
    {
      name: "expired token (issued 10 min ago)",
      event: functionUrlEvent({ signature: qstashToken({ ...usual, iat: now - 600 }), body: json, now }),
      expect: refused("token_expired"),
    },
    {
      name: "signed for another url",
      event: functionUrlEvent({
        signature: qstashToken({
          ...usual,
          url: "https://zz9y8x7w6v5u4t3s2r1q0p9o8n7m6l5k.lambda-url.us-east-1.on.aws/",
        }),
        body: json,
        now,
      }),
      expect: refused("url_mismatch"),
    },
  ];
}

/** The rows of the other shapes (a binary body, the API Gateway events), and of what is missing. */
function otherRows(usual) {
  const { body: json, iat: now } = usual;
  // A gzip-looking binary body, with bytes that are not UTF-8.
  const binary = Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff, 0xfe, 0x00, 0x80]), randomBytes(200)]);
  return [
    {
      name: "binary body, isBase64Encoded",
      event: functionUrlEvent({
        signature: qstashToken({ ...usual, body: binary }),
        body: binary,
        base64: true,
        contentType: "application/octet-stream",
        now,
      }),
      expect: ok,
    },
    {
      name: "HTTP API 2.0, stage prod, query",
      event: httpApiEvent({
        signature: qstashToken({ ...usual, url: `https://${HTTP_API_HOST}/prod/webhook` }),
        body: json,
        now,
      }),
      expect: ok,
    },
    {
      name: "REST API 1.0, stage prod",
      event: restApiEvent({
        signature: qstashToken({ ...usual, url: `https://${REST_API_HOST}/prod/webhook` }),
        body: json,
        now,
      }),
      expect: ok,
    },
    {
      name: "no Upstash-Signature header",
      event: (() => {
        const e = functionUrlEvent({ signature: "", body: json, now });
        delete e.headers["upstash-signature"];
        return e;
      })(),
      expect: refused("missing_signature"),
    },
    {
      name: "function without signing keys",
      event: functionUrlEvent({ signature: qstashToken(usual), body: json, now }),
      expect: { status: 500, code: "missing_signing_key" },
      keys: false,
    },
  ];
}

/**
 * The rows of the table: `{ name, event, expect: { status, code } }` (code null for 200 "OK").
 * `keys: false` marks the row run by a function configured without signing keys.
 */
export function lambdaCases(now = nowSeconds()) {
  const fnUrl = `https://${FUNCTION_URL_HOST}/`; // as the Lambda console shows the Function URL
  const json = JSON.stringify({ hello: "world", sentAt: now });
  // What most rows sign: the JSON body, for the Function URL, with the current key, now.
  const usual = { key: KEYS.QSTASH_CURRENT_SIGNING_KEY, url: fnUrl, body: json, iat: now };
  return [...functionUrlRows(usual), ...otherRows(usual)];
}

/**
 * The code a response carries: null for 200 "OK", else the code of a body that is exactly
 * `{"error":"<code>"}` (anything more, such as a stack trace, shows as the body itself).
 */
export function codeOf(response) {
  if (!response || typeof response !== "object") return `(not a response: ${JSON.stringify(response)})`;
  const shown = `(body ${JSON.stringify(response.body)})`;
  if (response.statusCode === 200) return response.body === "OK" ? null : shown;
  try {
    const { error } = JSON.parse(response.body);
    return typeof error === "string" && response.body === JSON.stringify({ error }) ? error : shown;
  } catch {
    return shown;
  }
}

/** One table line: event → expected → got, and whether they match. */
export function row(c, response) {
  const show = (status, code) => (code ? `${status} ${code}` : `${status} OK`);
  const gotStatus = response && typeof response === "object" ? response.statusCode : "-";
  const got = show(gotStatus, codeOf(response));
  const want = show(c.expect.status, c.expect.code);
  const pass = got === want;
  return { pass, line: `${pass ? "✓" : "✗"} ${c.name.padEnd(44)} ${want.padEnd(24)} ${got}` };
}

export const HEADER = `  ${"event".padEnd(44)} ${"expected".padEnd(24)} got`;
