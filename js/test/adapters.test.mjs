// What the adapters share (js/src/deliveries.js, through qstash-verifier/node): a refusal's answer,
// whichever entry's Receiver threw it.
import assert from "node:assert/strict";
import test from "node:test";
import { SignatureError } from "../dist/node.mjs";
import { refusalOf } from "../dist/node-http.mjs";

test("a refusal's status and body, by its code, whichever copy of SignatureError threw it", () => {
  assert.deepEqual(refusalOf(new SignatureError("invalid_signature", "m")), {
    status: 401,
    body: { error: "invalid_signature" },
  });
  assert.deepEqual(refusalOf(new SignatureError("body_too_large", "m")), {
    status: 413,
    body: { error: "body_too_large" },
  });
  assert.deepEqual(refusalOf(new SignatureError("missing_signing_key", "m")), {
    status: 500,
    body: { error: "missing_signing_key" },
  });
  // Another entry's class (qstash-verifier/wasm bundles its own core).
  class SignatureErrorElsewhere extends Error {
    constructor(code) {
      super("m");
      this.name = "SignatureError";
      this.code = code;
    }
  }
  assert.deepEqual(refusalOf(new SignatureErrorElsewhere("token_expired")), {
    status: 401,
    body: { error: "token_expired" },
  });
  // Not refusals: they are the framework's to report.
  for (const e of [
    new TypeError("x"),
    new SignatureErrorElsewhere("not_a_code"),
    { name: "SignatureError", code: "token_expired" },
    undefined,
  ]) {
    assert.equal(refusalOf(e), undefined);
  }
});
