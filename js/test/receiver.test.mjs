// The JS shim through the package's Node entry (js/dist/node.mjs): every vector, every body
// type, every argument error. Run by `make test` on Node 16, 20 and 22.
import assert from "node:assert/strict";
import test from "node:test";
import { inspect } from "node:util";
import { ERROR_CODES, MAX_TOKEN_LENGTH, Receiver, SignatureError, sign as packageSign } from "../dist/node.mjs";
import { qstashToken } from "../../tools/testing/qstash-token.mjs";
import { bodyOf, detached, requestOf, vectors } from "./helpers.mjs";

const byId = (id) => {
  const v = vectors.find((x) => x.id === id);
  assert.ok(v, `vector ${id}`);
  return v;
};

function receiverFor(v) {
  return new Receiver({ currentSigningKey: v.currentSigningKey, nextSigningKey: v.nextSigningKey });
}

/** The outcome of one vector through `run`, as `{ ok, key, claims }` or `{ code, message }`. */
function outcome(v, run) {
  try {
    const claims = run(receiverFor(v), requestOf(v));
    return { ok: true, claims };
  } catch (e) {
    if (!(e instanceof SignatureError)) throw e;
    return { ok: false, error: e };
  }
}

function check(v, got) {
  if (v.expect.ok) {
    assert.ok(got.ok, `${v.id}: refused with ${got.error?.code}: ${got.error?.message}`);
    const { key, ...claims } = got.claims;
    assert.equal(key, v.expect.key, `${v.id}: key`);
    assert.deepEqual(claims, v.expect.claims, `${v.id}: claims`);
  } else {
    assert.ok(!got.ok, `${v.id}: accepted, want ${v.expect.code}`);
    assert.equal(got.error.code, v.expect.code, `${v.id}: ${got.error.message}`);
    assert.equal(got.error.name, "SignatureError");
    assert.ok(got.error instanceof Error);
    for (const key of [v.currentSigningKey, v.nextSigningKey]) {
      if (key) assert.ok(!got.error.message.includes(key), `${v.id}: key in message`);
    }
  }
}

test("every vector through verifySync, every error code seen", () => {
  const seen = new Set();
  for (const v of vectors) {
    const got = outcome(v, (r, req) => r.verifySync(req));
    check(v, got);
    if (!got.ok) seen.add(got.error.code);
  }
  // All but body_too_large, which comes from a body's length against a limit (verify-request.test.mjs).
  assert.deepEqual([...seen].sort(), ERROR_CODES.filter((c) => c !== "body_too_large").sort());
});

test("every vector through the async verify: true or a rejected SignatureError", async () => {
  for (const v of vectors) {
    let receiver;
    try {
      receiver = receiverFor(v);
    } catch (e) {
      assert.equal(e.code, v.expect.code, v.id);
      continue;
    }
    const promise = receiver.verify(requestOf(v));
    assert.ok(promise instanceof Promise, v.id);
    if (v.expect.ok) {
      assert.equal(await promise, true, v.id);
    } else {
      await assert.rejects(promise, (e) => e instanceof SignatureError && e.code === v.expect.code, v.id);
    }
  }
});

test("ERROR_CODES and MAX_TOKEN_LENGTH", () => {
  assert.equal(ERROR_CODES.length, 13);
  assert.ok(Object.isFrozen(ERROR_CODES));
  assert.equal(MAX_TOKEN_LENGTH, 16384);
  const e = new SignatureError("body_mismatch", "m");
  assert.equal(e.code, "body_mismatch");
  assert.equal(e.name, "SignatureError");
});

test("every body type hashes the same bytes", () => {
  const v = byId("ok-binary-body");
  const bytes = Buffer.from(bodyOf(v));
  const r = receiverFor(v);
  const padded = new Uint8Array(bytes.length + 10);
  padded.set(bytes, 5);
  for (const body of [
    bytes, // Buffer
    new Uint8Array(bytes),
    new Uint8Array(bytes).buffer,
    new DataView(new Uint8Array(bytes).buffer),
    padded.subarray(5, 5 + bytes.length), // a view with an offset
  ]) {
    assert.equal(r.verifySync({ ...requestOf(v), body }).key, "current");
  }
  // The binary body is not valid UTF-8: as a string it is different bytes.
  assert.throws(
    () => r.verifySync({ ...requestOf(v), body: bytes.toString("latin1") }),
    (e) => e.code === "body_mismatch",
  );
});

test("an absent body is zero bytes, never skipped", () => {
  const v = byId("ok-absent-body");
  const r = receiverFor(v);
  for (const body of [undefined, null, "", new Uint8Array(0)]) {
    assert.equal(r.verifySync({ ...requestOf(v), body }).key, "current");
  }
  const m = byId("body-mismatch-absent");
  for (const body of [undefined, null, ""]) {
    assert.throws(
      () => receiverFor(m).verifySync({ ...requestOf(m), body }),
      (e) => e.code === "body_mismatch",
    );
  }
});

test("the url: absent is not checked, a list accepts any member, query strings are not in messages", () => {
  const v = byId("ok-current-key");
  const r = receiverFor(v);
  const { url, ...rest } = requestOf(v);
  assert.equal(r.verifySync(rest).sub, url);
  assert.equal(r.verifySync({ ...rest, url: ["https://other.example/", url] }).sub, url);
  assert.throws(
    () => r.verifySync({ ...rest, url: "https://other.example/hook?secret=abc" }),
    (e) =>
      e.code === "url_mismatch" && !e.message.includes("secret") && e.message.includes("https://other.example/hook"),
  );
});

test("bodies of many megabytes verify, across chunk boundaries", () => {
  const key = "sig_large_body_key";
  const url = "https://example.com/big";
  const now = 1767225600;
  const r = new Receiver({ currentSigningKey: key });
  for (const size of [0, 1, 65535, 65536, 65537, 5 * 1024 * 1024 + 3]) {
    const body = new Uint8Array(size).map((_, i) => (i * 31) & 0xff);
    const signature = qstashToken({ key, url, body, iat: now });
    assert.equal(r.verifySync({ signature, body, url, now }).key, "current", `size ${size}`);
    body[size >> 1] ^= size ? 1 : 0;
    if (size)
      assert.throws(
        () => r.verifySync({ signature, body, url, now }),
        (e) => e.code === "body_mismatch",
      );
  }
});

test("the time comes from Date.now() unless `now` is given", () => {
  const key = "sig_clock_key";
  const url = "https://example.com/clock";
  const r = new Receiver({ currentSigningKey: key });
  const fresh = qstashToken({ key, url, body: "x", iat: Math.floor(Date.now() / 1000) - 5 });
  assert.equal(r.verifySync({ signature: fresh, body: "x", url }).key, "current");
  const old = qstashToken({ key, url, body: "x", iat: 1_000_000_000 });
  assert.throws(
    () => r.verifySync({ signature: old, body: "x", url }),
    (e) => e.code === "token_expired",
  );
  assert.equal(r.verifySync({ signature: old, body: "x", url, now: 1_000_000_010 }).key, "current");
});

test("one key suffices; keys absent or empty are missing_signing_key", () => {
  const v = byId("ok-current-key");
  const r = new Receiver({ currentSigningKey: v.currentSigningKey });
  assert.equal(r.verifySync(requestOf(v)).key, "current");
  // (No QSTASH_* variables in the test environment: `new Receiver()` reads them, as the SDK does.)
  for (const config of [
    undefined,
    null,
    {},
    { currentSigningKey: "" },
    { currentSigningKey: null, nextSigningKey: "k" },
  ]) {
    assert.throws(
      () => new Receiver(config),
      (e) => e instanceof SignatureError && e.code === "missing_signing_key",
    );
  }
});

test("tokens over the cap are refused before they reach wasm", () => {
  const r = new Receiver({ currentSigningKey: "k" });
  const at = (n) => r.verifySync({ signature: "a".repeat(n), body: "" });
  assert.throws(
    () => at(MAX_TOKEN_LENGTH + 1),
    (e) => e.code === "token_too_large",
  );
  assert.throws(
    () => at(MAX_TOKEN_LENGTH),
    (e) => e.code === "malformed_token",
  );
  assert.throws(
    () => at(50 * 1024 * 1024),
    (e) => e.code === "token_too_large",
  );
  for (const signature of [undefined, null, ""]) {
    assert.throws(
      () => r.verifySync({ signature, body: "" }),
      (e) => e.code === "missing_signature",
    );
  }
});

test("arguments of the wrong type are TypeErrors", () => {
  const v = byId("ok-current-key");
  const r = receiverFor(v);
  const good = requestOf(v);
  const bad = [
    undefined,
    null,
    "token",
    { ...good, signature: 42 },
    { ...good, signature: ["a"] },
    { ...good, url: 42 },
    { ...good, url: null },
    { ...good, url: [good.url, 1] },
    { ...good, url: new URL(good.url) },
    { ...good, clockTolerance: -1 },
    { ...good, clockTolerance: 1.5 },
    { ...good, clockTolerance: "5" },
    { ...good, clockTolerance: Number.NaN },
    { ...good, now: "1767225600" },
    { ...good, now: 1.5 },
    { ...good, now: Infinity },
    { ...good, body: 42 },
    { ...good, body: { a: 1 } },
    { ...good, body: [1, 2] },
  ];
  for (const request of bad) {
    assert.throws(() => r.verifySync(request), TypeError, JSON.stringify(request));
  }
  for (const config of ["key", { currentSigningKey: 42 }, { currentSigningKey: "k", nextSigningKey: 1 }]) {
    assert.throws(() => new Receiver(config), TypeError);
  }
  // After all that, the receiver still works.
  assert.equal(r.verifySync(good).key, "current");
});

test("a Receiver shows nothing of its keys: no own enumerable property, not in inspect or JSON", () => {
  const current = "sig_receiverShowsNothingCurrent";
  const next = "sig_receiverShowsNothingNext";
  const r = new Receiver({ currentSigningKey: current, nextSigningKey: next });
  assert.deepEqual(Object.keys(r), []);
  assert.equal(JSON.stringify(r), "{}");
  for (const shown of [inspect(r), inspect(r, { showHidden: true, depth: 10 })]) {
    assert.ok(!shown.includes(current) && !shown.includes(next), shown);
  }
  // and the instance still verifies after all that
  const token = qstashToken({ key: next, url: "https://example.com/", body: "x", iat: Math.floor(Date.now() / 1000) });
  assert.equal(r.verifySync({ signature: token, body: "x", url: "https://example.com/" }).key, "next");
});

test("a body whose buffer was detached is a TypeError, not an empty body (verify, verifySync, sign)", async () => {
  const now = Math.floor(Date.now() / 1000);
  const url = "https://example.com/";
  const r = new Receiver({ currentSigningKey: "sig_detachedBodies" });
  // Signed for the empty body: a detached body must not pass for it.
  const token = qstashToken({ key: "sig_detachedBodies", url, body: "", iat: now });
  const bodies = {
    Uint8Array: () => detached(new Uint8Array(16)),
    "a subarray": () => detached(new Uint8Array(16).subarray(4, 8)),
    Buffer: () => detached(Buffer.from(new Uint8Array(16).buffer)),
    ArrayBuffer: () => detached(new Uint8Array(16)).buffer,
    DataView: () => detached(new DataView(new ArrayBuffer(16))),
  };
  const ours = (e) => e instanceof TypeError && /detached/.test(e.message);
  for (const [what, body] of Object.entries(bodies)) {
    assert.throws(() => r.verifySync({ signature: token, body: body(), url }), ours, what);
    await assert.rejects(r.verify({ signature: token, body: body(), url }), ours, what);
    assert.throws(() => packageSign({ signingKey: "k", url, body: body() }), ours, what);
  }
  // Empty bodies that are not detached are still empty bodies.
  for (const body of [
    "",
    new Uint8Array(0),
    new Uint8Array(8).subarray(3, 3),
    Buffer.alloc(0),
    new ArrayBuffer(0),
    undefined,
  ]) {
    assert.equal(r.verifySync({ signature: token, body, url }).key, "current");
  }
});

test("every field of a request is read once, path and the body limit included", () => {
  const key = "sig_read_once";
  const url = "https://example.com/api/once";
  const now = 1767225600;
  const body = "abc";
  const signature = qstashToken({ key, url, body, iat: now });
  const receiver = new Receiver({ currentSigningKey: key });
  const counted = (fields) => {
    const reads = {};
    const request = {};
    for (const [name, value] of Object.entries(fields)) {
      Object.defineProperty(request, name, {
        enumerable: true,
        get() {
          reads[name] = (reads[name] ?? 0) + 1;
          return value;
        },
      });
    }
    return { request, reads };
  };
  const full = { signature, body, path: "/api/once", maxBodyBytes: 3, clockTolerance: 0, now, upstashRegion: null };
  const sync = counted(full);
  assert.equal(receiver.verifySync(sync.request).sub, url);
  assert.deepEqual(
    Object.values(sync.reads),
    Object.keys(full).map(() => 1),
    JSON.stringify(sync.reads),
  );
  const { body: _, ...withoutBody } = full;
  const token = counted({ ...withoutBody, bodyLength: 3 });
  assert.deepEqual(receiver.checkToken(token.request), { key: "current" });
  assert.ok(
    Object.values(token.reads).every((n) => n === 1),
    JSON.stringify(token.reads),
  );
  // The limit is the core's: one byte over is body_too_large, before and after the body is read.
  assert.throws(
    () => receiver.checkToken({ ...withoutBody, bodyLength: 4 }),
    (e) => e.code === "body_too_large",
  );
  assert.throws(
    () => receiver.verifySync({ ...full, maxBodyBytes: 2 }),
    (e) => e.code === "body_too_large",
  );
  for (const bad of [-1, 1.5, "3", 2 ** 53]) {
    assert.throws(() => receiver.verifySync({ ...full, maxBodyBytes: bad }), TypeError, String(bad));
  }
  assert.throws(() => receiver.verifySync({ ...full, url }), TypeError); // url and path: one or the other
});
