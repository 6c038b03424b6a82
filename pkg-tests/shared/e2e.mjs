// End-to-end: real HTTP POSTs carrying Upstash-Signature to a served handler, each with the
// status (and code) it must answer. `post(url, headers, body)` resolves { status, text }; the
// default uses fetch (Node 18+, Deno, Bun); Node 16 passes one built on node:http.
import { qstashToken } from "../../tools/testing/qstash-token.mjs";

/** The keys every fixture's handler is configured with, and the e2e tokens are signed by. */
export const KEYS = Object.freeze({
  current: "sig_pkgTestsCurrentKey0000000000",
  next: "sig_pkgTestsNextKey000000000000000",
});

export async function fetchPost(url, headers, body) {
  const res = await fetch(url, { method: "POST", headers, body });
  return { status: res.status, text: await res.text() };
}

/** Runs the cases against `base` (e.g. http://127.0.0.1:8787). Resolves { passed, failed, lines }. */
export async function runE2E(base, post = fetchPost) {
  const url = `${base}/api/webhook`;
  const json = JSON.stringify({ hello: "world", n: 1 });
  const binary = new Uint8Array([0, 159, 146, 150, 255, 10, 13, 128]); // not UTF-8
  const now = Math.floor(Date.now() / 1000);
  const cases = [
    {
      name: "valid delivery",
      to: url,
      body: json,
      token: qstashToken({ key: KEYS.current, url, body: json }),
      status: 200,
      key: "current",
    },
    {
      name: "query string dropped",
      to: `${url}?retried=1`,
      body: json,
      token: qstashToken({ key: KEYS.current, url, body: json }),
      status: 200,
      key: "current",
    },
    {
      name: "signed by the next key",
      to: url,
      body: json,
      token: qstashToken({ key: KEYS.next, url, body: json }),
      status: 200,
      key: "next",
    },
    {
      name: "binary body",
      to: url,
      body: binary,
      token: qstashToken({ key: KEYS.current, url, body: binary }),
      status: 200,
      key: "current",
    },
    {
      name: "tampered body",
      to: url,
      body: `${json} `,
      token: qstashToken({ key: KEYS.current, url, body: json }),
      status: 401,
      code: "body_mismatch",
    },
    { name: "no Upstash-Signature", to: url, body: json, token: undefined, status: 401, code: "missing_signature" },
    {
      name: "another endpoint's token",
      to: url,
      body: json,
      token: qstashToken({ key: KEYS.current, url: `${base}/api/other`, body: json }),
      status: 401,
      code: "url_mismatch",
    },
    {
      name: "wrong key",
      to: url,
      body: json,
      token: qstashToken({ key: "sig_notTheKey000000000000000000", url, body: json }),
      status: 401,
      code: "invalid_signature",
    },
    {
      name: "expired",
      to: url,
      body: json,
      token: qstashToken({ key: KEYS.current, url, body: json, iat: now - 600 }),
      status: 401,
      code: "token_expired",
    },
  ];
  let passed = 0;
  let failed = 0;
  const lines = [];
  for (const c of cases) {
    const headers = { "content-type": typeof c.body === "string" ? "application/json" : "application/octet-stream" };
    if (c.token) headers["Upstash-Signature"] = c.token;
    let why = null;
    try {
      const res = await post(c.to, headers, c.body);
      if (res.status !== c.status) why = `status ${res.status} (${res.text.slice(0, 200)}), want ${c.status}`;
      else if (c.status === 401 && res.text !== c.code) why = `code ${res.text}, want ${c.code}`;
      else if (c.status === 200) {
        const got = JSON.parse(res.text);
        const sent = typeof c.body === "string" ? new TextEncoder().encode(c.body) : c.body;
        if (got.key !== c.key) why = `key ${got.key}, want ${c.key}`;
        else if (got.base64 !== btoa(String.fromCharCode(...sent))) why = "the body handed back differs";
        else if (typeof c.body === "string" && got.text !== c.body) why = "the text handed back differs";
      }
    } catch (e) {
      why = `${e?.name}: ${e?.message}`;
    }
    if (why === null) passed++;
    else {
      failed++;
      lines.push(`    FAILED e2e ${c.name}: ${why}`);
    }
  }
  lines.unshift(`  end-to-end HTTP POSTs: ${passed} passed, ${failed} failed`);
  return { passed, failed, lines };
}
