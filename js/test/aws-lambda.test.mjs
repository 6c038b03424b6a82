// The Lambda adapter, `qstash-verifier/aws-lambda`, through the package's own exports (a
// self-reference: the same resolution a user gets): each event shape (Function URL, HTTP API
// payload 2.0, REST API payload 1.0 with a stage), base64 bodies, header case, multiValueHeaders,
// the url rules, options, the Upstash-Region header, and one SignatureError for both entries.
// Run by `make test` on Node 16, 20 and 22.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import test from "node:test";
import { Receiver, SignatureError } from "qstash-verifier";
import { verifyLambdaEvent } from "qstash-verifier/aws-lambda";
import { functionUrlEvent, httpApiEvent, restApiEvent } from "../../tools/testing/lambda-events.mjs";
import { qstashToken } from "../../tools/testing/qstash-token.mjs";

const require = createRequire(import.meta.url);
const KEYS = { currentSigningKey: "sig_adapterCurrent3Fq8Lm", nextSigningKey: "sig_adapterNext7Xc2Pn" };
const receiver = new Receiver(KEYS);
const now = 1_750_000_000;
const HOST = "abcdefghij0123456789klmnopqrstuv.lambda-url.us-east-1.on.aws";
const API = "a1b2c3d4e5.execute-api.eu-central-1.amazonaws.com";

// Where and when the events of this file are delivered, and the body they carry unless one is given.
const AT = { host: HOST, now, body: '{"hello":"world"}' };
const AT_REST = { ...AT, host: API };

function codeOf(run) {
  try {
    run();
  } catch (e) {
    if (e instanceof SignatureError) return e.code;
    throw e;
  }
  return "ok";
}

/** A receiver that records the request the adapter builds. */
function recorder() {
  const seen = [];
  return {
    seen,
    verifySync: (request) => {
      seen.push(request);
      return { key: "current" };
    },
  };
}

test("import and require of both entries share one SignatureError", () => {
  const cjsMain = require("qstash-verifier");
  const cjsLambda = require("qstash-verifier/aws-lambda");
  assert.equal(cjsMain.SignatureError, SignatureError);
  assert.equal(cjsMain.Receiver, Receiver);
  const body = "{}";
  const tampered = functionUrlEvent({
    ...AT,
    signature: qstashToken({ key: KEYS.currentSigningKey, url: `https://${HOST}/`, body, iat: now }),
    body: "{ }",
  });
  for (const [adapter, entry] of [
    [verifyLambdaEvent, "import"],
    [cjsLambda.verifyLambdaEvent, "require"],
  ]) {
    for (const [event, code] of [
      [functionUrlEvent({ ...AT, headers: {} }), "missing_signature"],
      [tampered, "body_mismatch"],
    ]) {
      let thrown;
      try {
        adapter(event, receiver, { now });
      } catch (e) {
        thrown = e;
      }
      assert.ok(thrown instanceof SignatureError, `${entry}: ${code}: the SignatureError of import "qstash-verifier"`);
      assert.ok(thrown instanceof cjsMain.SignatureError, `${entry}: ${code}: and of require("qstash-verifier")`);
      assert.equal(thrown.code, code);
    }
  }
});

test("Function URL: the bare path accepts https://host/ and https://host", () => {
  const body = '{"hello":"world"}';
  for (const url of [`https://${HOST}/`, `https://${HOST}`]) {
    const claims = verifyLambdaEvent(
      functionUrlEvent({ ...AT, signature: qstashToken({ key: KEYS.currentSigningKey, url, body, iat: now }), body }),
      receiver,
      { now },
    );
    assert.equal(claims.sub, url);
    assert.equal(claims.key, "current");
  }
  const next = qstashToken({ key: KEYS.nextSigningKey, url: `https://${HOST}/`, body, iat: now });
  assert.equal(verifyLambdaEvent(functionUrlEvent({ ...AT, signature: next, body }), receiver, { now }).key, "next");
  // Another host, or a path, is another url.
  const other = qstashToken({
    key: KEYS.currentSigningKey,
    url: "https://zyxwvutsrq.lambda-url.us-east-1.on.aws/",
    body,
    iat: now,
  });
  assert.equal(
    codeOf(() => verifyLambdaEvent(functionUrlEvent({ ...AT, signature: other, body }), receiver, { now })),
    "url_mismatch",
  );
  const withPath = qstashToken({ key: KEYS.currentSigningKey, url: `https://${HOST}/hook`, body, iat: now });
  assert.equal(
    codeOf(() => verifyLambdaEvent(functionUrlEvent({ ...AT, signature: withPath, body }), receiver, { now })),
    "url_mismatch",
  );
  // The adapter asks for both spellings.
  const r = recorder();
  verifyLambdaEvent(functionUrlEvent({ ...AT, signature: "x" }), r);
  assert.deepEqual(r.seen[0].url, [`https://${HOST}/`, `https://${HOST}`]);
});

test("Function URL with a path: rawPath, exactly one url", () => {
  const body = "{}";
  const url = `https://${HOST}/jobs/daily`;
  const event = functionUrlEvent({
    ...AT,
    signature: qstashToken({ key: KEYS.currentSigningKey, url, body, iat: now }),
    body,
    rawPath: "/jobs/daily",
  });
  assert.equal(verifyLambdaEvent(event, receiver, { now }).sub, url);
  const slash = functionUrlEvent({
    ...AT,
    signature: qstashToken({ key: KEYS.currentSigningKey, url: `${url}/`, body, iat: now }),
    body,
    rawPath: "/jobs/daily",
  });
  assert.equal(
    codeOf(() => verifyLambdaEvent(slash, receiver, { now })),
    "url_mismatch",
  );
  const r = recorder();
  verifyLambdaEvent(event, r);
  assert.equal(r.seen[0].url, url);
});

test("HTTP API payload 2.0: rawPath with the stage, without the query string", () => {
  const body = '{"n":1}';
  const url = `https://${API}/prod/webhook`;
  const event = httpApiEvent({
    ...AT_REST,
    signature: qstashToken({ key: KEYS.currentSigningKey, url, body, iat: now }),
    body,
    query: { a: "1", b: "2" },
  });
  assert.equal(verifyLambdaEvent(event, receiver, { now }).sub, url);
  // Signed for the url with its query: not the default url; options.url says it.
  const withQuery = `${url}?a=1&b=2`;
  event.headers["upstash-signature"] = qstashToken({ key: KEYS.currentSigningKey, url: withQuery, body, iat: now });
  assert.equal(
    codeOf(() => verifyLambdaEvent(event, receiver, { now })),
    "url_mismatch",
  );
  assert.equal(verifyLambdaEvent(event, receiver, { now, url: withQuery }).sub, withQuery);
});

test("REST API payload 1.0: requestContext.path (with the stage), mixed-case headers", () => {
  const body = '{"hello":"rest"}';
  const url = `https://${API}/prod/webhook`;
  const signature = qstashToken({ key: KEYS.currentSigningKey, url, body, iat: now });
  for (const name of ["Upstash-Signature", "upstash-signature", "UPSTASH-SIGNATURE", "uPsTaSh-SiGnAtUrE"]) {
    const event = restApiEvent({
      ...AT_REST,
      headers: { "Content-Type": "application/json", [name]: signature },
      body,
    });
    assert.equal(verifyLambdaEvent(event, receiver, { now }).sub, url, name);
  }
  // event.path lacks the stage: a token for it is another url.
  const noStage = restApiEvent({
    ...AT_REST,
    headers: {
      "Upstash-Signature": qstashToken({ key: KEYS.currentSigningKey, url: `https://${API}/webhook`, body, iat: now }),
    },
    body,
  });
  assert.equal(
    codeOf(() => verifyLambdaEvent(noStage, receiver, { now })),
    "url_mismatch",
  );
});

test("REST API: headers wins over multiValueHeaders; multiValueHeaders alone is read (last value)", () => {
  const body = "{}";
  const good = qstashToken({ key: KEYS.currentSigningKey, url: `https://${API}/prod/webhook`, body, iat: now });
  const both = restApiEvent({
    ...AT_REST,
    headers: { "Upstash-Signature": good },
    multiValueHeaders: { "Upstash-Signature": ["not.a.token"] },
    body,
  });
  assert.equal(
    codeOf(() => verifyLambdaEvent(both, receiver, { now })),
    "ok",
  );
  const headersWrong = restApiEvent({
    ...AT_REST,
    headers: { "Upstash-Signature": "not.a.token" },
    multiValueHeaders: { "Upstash-Signature": [good] },
    body,
  });
  assert.equal(
    codeOf(() => verifyLambdaEvent(headersWrong, receiver, { now })),
    "malformed_token",
  );
  const multiOnly = restApiEvent({
    ...AT_REST,
    headers: null,
    multiValueHeaders: { "upstash-signature": ["not.a.token", good] },
    body,
  });
  assert.equal(
    codeOf(() => verifyLambdaEvent(multiOnly, receiver, { now })),
    "ok",
  );
});

test("an exact lower-case header name wins over other spellings", () => {
  const r = recorder();
  verifyLambdaEvent(functionUrlEvent({ ...AT, headers: { "Upstash-Signature": "A", "upstash-signature": "B" } }), r);
  assert.equal(r.seen[0].signature, "B");
});

test("no Upstash-Signature header → missing_signature", () => {
  const events = [
    functionUrlEvent({ ...AT, headers: {} }),
    functionUrlEvent({ ...AT, headers: { "upstash-signature": "" } }),
    { ...functionUrlEvent({ ...AT, headers: {} }), headers: undefined },
    restApiEvent({ ...AT_REST, headers: null, multiValueHeaders: null }),
    restApiEvent({ ...AT_REST, headers: { Host: API }, multiValueHeaders: { "Upstash-Signature": [] } }),
  ];
  for (const event of events) {
    assert.equal(
      codeOf(() => verifyLambdaEvent(event, receiver, { now })),
      "missing_signature",
    );
  }
});

test("base64-encoded bodies are decoded to bytes before hashing", () => {
  const url = `https://${HOST}/`;
  const binary = Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff, 0xfe, 0x00]), randomBytes(1000)]);
  const event = functionUrlEvent({
    ...AT,
    signature: qstashToken({ key: KEYS.currentSigningKey, url, body: binary, iat: now }),
    body: binary,
    base64: true,
  });
  assert.equal(
    codeOf(() => verifyLambdaEvent(event, receiver, { now })),
    "ok",
  );
  // The same base64 text taken as the body is another body.
  assert.equal(
    codeOf(() => verifyLambdaEvent({ ...event, isBase64Encoded: false }, receiver, { now })),
    "body_mismatch",
  );
  // A JSON body delivered base64-encoded (API Gateway does so for binary media types).
  const json = '{"héllo":"wörld"}';
  const encoded = functionUrlEvent({
    ...AT,
    signature: qstashToken({ key: KEYS.currentSigningKey, url, body: json, iat: now }),
    body: json,
    base64: true,
  });
  assert.equal(
    codeOf(() => verifyLambdaEvent(encoded, receiver, { now })),
    "ok",
  );
  const r = recorder();
  verifyLambdaEvent(event, r);
  assert.ok(r.seen[0].body instanceof Uint8Array);
  assert.deepEqual(Buffer.from(r.seen[0].body), binary);
});

test("base64 bodies decode without Buffer too (runtime-neutral path)", () => {
  const url = `https://${HOST}/`;
  const cases = [];
  for (let n = 0; n < 40; n++) {
    const bytes = randomBytes(n);
    cases.push(
      functionUrlEvent({
        ...AT,
        signature: qstashToken({ key: KEYS.currentSigningKey, url, body: bytes, iat: now }),
        body: bytes,
        base64: true,
      }),
    );
  }
  const saved = globalThis.Buffer;
  let codes;
  try {
    globalThis.Buffer = undefined;
    codes = cases.map((event) => codeOf(() => verifyLambdaEvent(event, receiver, { now })));
  } finally {
    globalThis.Buffer = saved;
  }
  assert.deepEqual(
    codes,
    cases.map(() => "ok"),
  );
});

test("a missing body is an empty one", () => {
  const url = `https://${HOST}/`;
  const signature = qstashToken({ key: KEYS.currentSigningKey, url, body: "", iat: now });
  for (const body of [undefined, null, ""]) {
    for (const base64 of [false, true]) {
      const event = { ...functionUrlEvent({ ...AT, signature }), body, isBase64Encoded: base64 };
      assert.equal(
        codeOf(() => verifyLambdaEvent(event, receiver, { now })),
        "ok",
        `${body} ${base64}`,
      );
    }
  }
  const event = { ...functionUrlEvent({ ...AT, signature }), body: "x" };
  assert.equal(
    codeOf(() => verifyLambdaEvent(event, receiver, { now })),
    "body_mismatch",
  );
});

test("options.url: a string, a list, or false", () => {
  const body = "{}";
  const custom = "https://hooks.example.com/qstash";
  const event = functionUrlEvent({
    ...AT,
    signature: qstashToken({ key: KEYS.currentSigningKey, url: custom, body, iat: now }),
    body,
  });
  assert.equal(
    codeOf(() => verifyLambdaEvent(event, receiver, { now })),
    "url_mismatch",
  );
  assert.equal(
    codeOf(() => verifyLambdaEvent(event, receiver, { now, url: custom })),
    "ok",
  );
  assert.equal(
    codeOf(() => verifyLambdaEvent(event, receiver, { now, url: ["https://a.example", custom] })),
    "ok",
  );
  assert.equal(
    codeOf(() => verifyLambdaEvent(event, receiver, { now, url: ["https://a.example"] })),
    "url_mismatch",
  );
  assert.equal(
    codeOf(() => verifyLambdaEvent(event, receiver, { now, url: false })),
    "ok",
  );
  const r = recorder();
  verifyLambdaEvent(event, r, { url: false });
  assert.equal(r.seen[0].url, undefined);
  // No domainName: the url must be given (or skipped).
  const bare = { ...event, requestContext: {} };
  assert.throws(() => verifyLambdaEvent(bare, receiver, { now }), TypeError);
  assert.equal(
    codeOf(() => verifyLambdaEvent(bare, receiver, { now, url: custom })),
    "ok",
  );
  for (const url of [null, 42, true, {}]) {
    assert.throws(() => verifyLambdaEvent(event, receiver, { now, url }), TypeError, String(url));
  }
});

test("clockTolerance and now are passed on", () => {
  const body = "{}";
  const event = functionUrlEvent({
    ...AT,
    signature: qstashToken({ key: KEYS.currentSigningKey, url: `https://${HOST}/`, body, iat: now }),
    body,
  });
  assert.equal(
    codeOf(() => verifyLambdaEvent(event, receiver, { now: now + 300 })),
    "token_expired",
  );
  assert.equal(
    codeOf(() => verifyLambdaEvent(event, receiver, { now: now + 300, clockTolerance: 5 })),
    "ok",
  );
  assert.equal(
    codeOf(() => verifyLambdaEvent(event, receiver)),
    "token_expired",
  ); // the real clock
});

test("the Upstash-Region header is passed on as upstashRegion", () => {
  const r = recorder();
  verifyLambdaEvent(
    functionUrlEvent({ ...AT, headers: { "upstash-signature": "t", "upstash-region": "us-east-1" } }),
    r,
  );
  verifyLambdaEvent(
    restApiEvent({ ...AT_REST, headers: { "Upstash-Signature": "t", "Upstash-Region": "eu-central-1" } }),
    r,
  );
  verifyLambdaEvent(
    restApiEvent({
      ...AT_REST,
      headers: {},
      multiValueHeaders: { "Upstash-Signature": ["t"], "UPSTASH-REGION": ["ap-south-1"] },
    }),
    r,
  );
  verifyLambdaEvent(functionUrlEvent({ ...AT, headers: { "upstash-signature": "t" } }), r);
  assert.deepEqual(
    r.seen.map((q) => q.upstashRegion),
    ["us-east-1", "eu-central-1", "ap-south-1", undefined],
  );
  assert.ok(!("upstashRegion" in r.seen[3]));
  // And the real receiver accepts the request with it.
  const body = "{}";
  const event = functionUrlEvent({
    ...AT,
    body,
    headers: {
      "upstash-signature": qstashToken({ key: KEYS.currentSigningKey, url: `https://${HOST}/`, body, iat: now }),
      "upstash-region": "eu-central-1",
    },
  });
  assert.equal(
    codeOf(() => verifyLambdaEvent(event, receiver, { now })),
    "ok",
  );
});

test("arguments of the wrong type are TypeErrors", () => {
  const event = functionUrlEvent({ ...AT, signature: "t" });
  assert.throws(() => verifyLambdaEvent(null, receiver), TypeError);
  assert.throws(() => verifyLambdaEvent("event", receiver), TypeError);
  assert.throws(() => verifyLambdaEvent(event, null), TypeError);
  assert.throws(() => verifyLambdaEvent(event, {}), TypeError);
  assert.throws(() => verifyLambdaEvent(event, receiver, "https://x"), TypeError);
  assert.throws(() => verifyLambdaEvent({ ...event, body: 42 }, receiver), TypeError);
  assert.throws(
    () => verifyLambdaEvent(functionUrlEvent({ ...AT, headers: { "upstash-signature": 7 } }), receiver),
    TypeError,
  );
});
