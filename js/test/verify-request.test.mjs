// verifyRequest (js/src/fetch.js) through the Node entry: the default (the path only), the url and
// origin options, the body read once (up to the limit) and handed back, and its argument errors. Node 16 has no `Request`: there the tests
// use a request-like object (all verifyRequest reads); from Node 18 the same tests also run on
// real `Request` objects.
import assert from "node:assert/strict";
import test from "node:test";
import { Receiver, SignatureError, verifyRequest } from "../dist/node.mjs";
import { qstashToken } from "../../tools/testing/qstash-token.mjs";

const key = "sig_verify_request_current";
const next = "sig_verify_request_next";
const now = 1767225600;
const receiver = new Receiver({ currentSigningKey: key, nextSigningKey: next });

/** Request-like: url, headers.get, bodyUsed, arrayBuffer; counts the reads. */
function requestLike(url, headers, body) {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  const r = {
    url,
    reads: 0,
    bodyUsed: false,
    headers: { get: (name) => lower[name.toLowerCase()] ?? null },
    async arrayBuffer() {
      if (r.bodyUsed) throw new TypeError("Body is unusable");
      r.bodyUsed = true;
      r.reads++;
      return (bytes ?? new Uint8Array(0)).slice().buffer;
    },
  };
  return r;
}

const makers = [["request-like", requestLike]];
if (typeof Request === "function") {
  makers.push(["Request", (url, headers, body) => new Request(url, { method: "POST", headers, body })]);
}

for (const [kind, make] of makers) {
  test(`${kind}: the default url is request.url without its query string and fragment`, async () => {
    const url = "https://example.com/api/webhook";
    const body = '{"hello":"world"}';
    const signature = qstashToken({ key, url, body, iat: now });
    for (const suffix of ["", "?a=1&b=2", "?", "#frag", "?q=1#frag"]) {
      const got = await verifyRequest(make(url + suffix, { "Upstash-Signature": signature }, body), receiver, { now });
      assert.equal(got.claims.sub, url, suffix);
      assert.equal(got.claims.key, "current");
      assert.equal(got.body.text, body);
      assert.deepEqual([...got.body.bytes], [...new TextEncoder().encode(body)]);
      assert.ok(got.body.bytes instanceof Uint8Array);
    }
  });

  test(`${kind}: by default only the path is checked; url and origin pin the host too`, async () => {
    const signed = "https://public.example.com/hook";
    const body = "payload";
    const signature = qstashToken({ key: next, url: signed, body, iat: now });
    // A proxy rewrote the host: the path still matches, and no Host header is trusted.
    const seen = "http://internal:3000/hook?x=1";
    const got = await verifyRequest(make(seen, { "upstash-signature": signature }, body), receiver, { now });
    assert.equal(got.claims.key, "next");
    // A token for another path of the account, whatever host the request claims.
    for (const other of [
      "https://public.example.com/hook2",
      "https://public.example.com/",
      "https://x.example/hook/",
    ]) {
      const forOther = qstashToken({ key, url: other, body, iat: now });
      await assert.rejects(
        verifyRequest(make(seen, { "upstash-signature": forOther }, body), receiver, { now }),
        (e) => e instanceof SignatureError && e.code === "url_mismatch",
        other,
      );
    }
    for (const url of [signed, ["https://other.example.com/hook", signed]]) {
      const pinned = await verifyRequest(make(seen, { "upstash-signature": signature }, body), receiver, { url, now });
      assert.equal(pinned.claims.key, "next");
    }
    const elsewhere = qstashToken({ key, url: "https://evil.example/hook", body, iat: now });
    for (const options of [{ url: signed }, { origin: "https://public.example.com" }]) {
      await assert.rejects(
        verifyRequest(make(seen, { "upstash-signature": elsewhere }, body), receiver, { ...options, now }),
        (e) => e instanceof SignatureError && e.code === "url_mismatch",
      );
    }
    const viaOrigin = await verifyRequest(make(seen, { "upstash-signature": signature }, body), receiver, {
      origin: "https://public.example.com",
      now,
    });
    assert.equal(viaOrigin.claims.sub, signed);
  });

  test(`${kind}: a body over maxBodyBytes is body_too_large; a forged one is refused unread`, async () => {
    const url = "https://example.com/big";
    const body = "x".repeat(1000);
    const signature = qstashToken({ key, url, body, iat: now });
    await assert.rejects(
      verifyRequest(make(url, { "upstash-signature": signature }, body), receiver, { now, maxBodyBytes: 999 }),
      (e) => e instanceof SignatureError && e.code === "body_too_large",
    );
    const got = await verifyRequest(make(url, { "upstash-signature": signature }, body), receiver, {
      now,
      maxBodyBytes: 1000,
    });
    assert.equal(got.body.text, body);
    await assert.rejects(
      verifyRequest(make(url, { "upstash-signature": `${signature}x` }, body), receiver, { now, maxBodyBytes: 10 }),
      (e) => e instanceof SignatureError && e.code === "invalid_signature",
    );
  });

  test(`${kind}: refusals reject with SignatureError codes`, async () => {
    const url = "https://example.com/x";
    const signature = qstashToken({ key, url, body: "a", iat: now });
    const cases = [
      [{}, "a", {}, "missing_signature"],
      [{ "upstash-signature": signature }, "b", {}, "body_mismatch"],
      [{ "upstash-signature": signature }, "a", { now: now + 301 }, "token_expired"],
      [{ "upstash-signature": signature }, "a", { now: now + 301, clockTolerance: 2 }, null],
    ];
    for (const [headers, body, options, code] of cases) {
      const promise = verifyRequest(make(url, headers, body), receiver, { now, ...options });
      if (code === null) assert.equal((await promise).claims.sub, url);
      else await assert.rejects(promise, (e) => e instanceof SignatureError && e.code === code);
    }
  });

  test(`${kind}: binary and empty bodies come back as the exact bytes`, async () => {
    const url = "https://example.com/bin";
    for (const body of [new Uint8Array([0, 0xff, 0xfe, 0x80, 10]), new Uint8Array(0)]) {
      const signature = qstashToken({ key, url, body, iat: now });
      const got = await verifyRequest(make(url, { "upstash-signature": signature }, body), receiver, { now });
      assert.deepEqual([...got.body.bytes], [...body]);
      assert.equal(got.body.text, new TextDecoder().decode(body)); // replacement characters, as request.text()
    }
  });
}

test("the body is read exactly once, and a body already read is a clear TypeError", async () => {
  const url = "https://example.com/once";
  const signature = qstashToken({ key, url, body: "x", iat: now });
  const request = requestLike(url, { "upstash-signature": signature }, "x");
  await verifyRequest(request, receiver, { now });
  assert.equal(request.reads, 1);
  await assert.rejects(
    verifyRequest(request, receiver, { now }),
    (e) => e instanceof TypeError && /already read/.test(e.message),
  );
  assert.equal(request.reads, 1);
});

test("argument errors are TypeErrors", async () => {
  const request = requestLike("https://example.com/", {}, "");
  await assert.rejects(verifyRequest(undefined, receiver), TypeError);
  await assert.rejects(verifyRequest({ url: "https://example.com/" }, receiver), TypeError);
  await assert.rejects(verifyRequest(request, undefined), TypeError);
  await assert.rejects(verifyRequest(request, { verify() {} }), TypeError);
  await assert.rejects(verifyRequest(request, receiver, null), TypeError);
  await assert.rejects(
    verifyRequest(requestLike("https://example.com/", { "upstash-signature": "a.b.c" }, ""), receiver, { url: 42 }),
    TypeError,
  );
});

test("any object with the Receiver's verifySync works (a Receiver from another entry)", async () => {
  const url = "https://example.com/other";
  const signature = qstashToken({ key, url, body: "z", iat: now });
  const calls = [];
  const foreign = {
    verifySync: (req) => {
      calls.push(req);
      return receiver.verifySync(req);
    },
  };
  const got = await verifyRequest(requestLike(`${url}?x=1`, { "upstash-signature": signature }, "z"), foreign, { now });
  assert.equal(got.claims.sub, url);
  assert.equal(calls.length, 1);
  assert.equal(calls[0].path, "/other");
  assert.ok(calls[0].body instanceof Uint8Array);
});

test("nothing of the body is read before the header and the token are checked", async () => {
  const url = "https://example.com/stream";
  const signature = qstashToken({ key, url, body: "ok", iat: now });
  // A body of 256 MiB that would be made chunk by chunk: every pull is counted.
  const streamed = () => {
    let pulls = 0;
    const chunk = new Uint8Array(1 << 20);
    const body = new ReadableStream({
      pull(controller) {
        pulls++;
        if (pulls > 256) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const request = {
      url,
      bodyUsed: false,
      body,
      headers: { get: () => null },
      arrayBuffer: () => Promise.reject(new Error("not called")),
      pulls: () => pulls,
    };
    return request;
  };
  if (typeof ReadableStream !== "function") return;
  for (const [headers, code] of [
    [{}, "missing_signature"],
    [{ "upstash-signature": `${signature}x` }, "invalid_signature"],
    [{ "upstash-signature": qstashToken({ key, url, body: "ok", iat: now - 1000 }) }, "token_expired"],
    [{ "upstash-signature": signature, "content-length": String(256 << 20) }, "body_too_large"],
  ]) {
    const request = streamed();
    request.headers = { get: (n) => headers[n] ?? null };
    await assert.rejects(
      verifyRequest(request, receiver, { now, maxBodyBytes: 1 << 20 }),
      (e) => e instanceof SignatureError && e.code === code,
    );
    // ReadableStream pulls once ahead when it is made; nothing more was asked for.
    assert.ok(request.pulls() <= 1, `${code}: ${request.pulls()} chunks pulled`);
  }
  // Without a declared length, reading stops just past the limit.
  const request = streamed();
  request.headers = { get: (n) => (n === "upstash-signature" ? signature : null) };
  await assert.rejects(
    verifyRequest(request, receiver, { now, maxBodyBytes: 3 << 20 }),
    (e) => e instanceof SignatureError && e.code === "body_too_large",
  );
  assert.ok(request.pulls() <= 6, `${request.pulls()} chunks pulled`);
});
