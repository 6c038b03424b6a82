// The deliveries every framework fixture is sent, over real HTTP on loopback, and what each must
// get: one list, so that every adapter (and the SDK's wrappers, side by side) is judged alike.
//
//   import { runCases, printCounts } from "../cases.mjs";
//   const rows = await runCases({ base: "http://127.0.0.1:PORT", path: "/api/qstash", keys, maxBodyBytes });
//
// A route under test echoes what its handler received: `{ key, sha256, length }` as JSON, with
// `key` the matching key ("current" / "next") where the adapter reports it, and `sha256` the hex
// SHA-256 of the body bytes the handler read (so "the body intact" is checked, not assumed).
// Tokens are minted on node:crypto (../../tools/testing/qstash-token.mjs), never by the package.
import { createHash } from "node:crypto";
import { request as httpRequest } from "node:http";
import { qstashToken } from "../../tools/testing/qstash-token.mjs";

export const KEYS = Object.freeze({ current: "sig_frameworks_current_7d1c", next: "sig_frameworks_next_94ab" });

const hex = (bytes) => createHash("sha256").update(bytes).digest("hex");
const now = () => Math.floor(Date.now() / 1000);

/** POSTs `body` with `headers` to `url`; resolves `{ status, json, text }` (json undefined unless JSON). */
export function post(url, headers, body, method = "POST") {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers: { ...headers, "content-length": String(body.length) } }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let json;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode, json, text });
      });
    });
    // A server may answer (413, 401) and close before the whole body is sent.
    req.on("error", (e) => (e.code === "EPIPE" || e.code === "ECONNRESET" ? resolve({ status: "closed" }) : reject(e)));
    req.end(body);
  });
}

/** The port a child server prints as "listening <port>" on its stdout; rejects if it exits first. */
export function listeningPort(child, what) {
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/listening (\d+)/);
      if (m) resolve(Number(m[1]));
    });
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`${what} exited (${code})`)));
  });
}

/**
 * The cases: each `{ name, expect: { status, code? } }` plus how to build its request from the
 * route's public url. `maxBodyBytes` is the limit the route was configured with.
 */
export function cases({ url, maxBodyBytes }) {
  const json = Buffer.from(JSON.stringify({ hello: "wörld", n: 1 }));
  const binary = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
  const text = Buffer.from("plain text, ünïcode\n");
  const other = new URL(url);
  other.pathname = `${other.pathname.replace(/\/$/, "")}-other`;
  // Another endpoint of the same account, on another host: its Host header is the sender's to set.
  const elsewhere = new URL(other.href);
  elsewhere.host = "other-app.example:8443";
  // The same path on another host: what the path-only default does not stop (url or origin does).
  const samePath = new URL(url);
  samePath.host = "other-app.example:8443";
  return [
    {
      name: "genuine, current key (JSON)",
      body: json,
      type: "application/json",
      token: qstashToken({ key: KEYS.current, url, body: json }),
      expect: { status: 200, key: "current" },
    },
    {
      name: "genuine, next key (JSON)",
      body: json,
      type: "application/json",
      token: qstashToken({ key: KEYS.next, url, body: json }),
      expect: { status: 200, key: "next" },
    },
    {
      name: "genuine, binary body",
      body: binary,
      type: "application/octet-stream",
      token: qstashToken({ key: KEYS.current, url, body: binary }),
      expect: { status: 200, key: "current" },
    },
    {
      name: "genuine, text/plain",
      body: text,
      type: "text/plain",
      token: qstashToken({ key: KEYS.current, url, body: text }),
      expect: { status: 200, key: "current" },
    },
    {
      name: "tampered body",
      body: Buffer.from('{"hello":"world","n":2}'),
      type: "application/json",
      token: qstashToken({ key: KEYS.current, url, body: json }),
      expect: { status: 401, code: "body_mismatch" },
    },
    {
      name: "wrong key",
      body: json,
      type: "application/json",
      token: qstashToken({ key: "sig_not_the_key", url, body: json }),
      expect: { status: 401, code: "invalid_signature" },
    },
    {
      name: "token for another path",
      body: json,
      type: "application/json",
      token: qstashToken({ key: KEYS.current, url: other.href, body: json }),
      expect: { status: 401, code: "url_mismatch" },
    },
    {
      name: "another endpoint, Host header set to its host",
      body: json,
      type: "application/json",
      host: elsewhere.host,
      token: qstashToken({ key: KEYS.current, url: elsewhere.href, body: json }),
      expect: { status: 401, code: "url_mismatch" },
    },
    {
      name: "same path, another host (path-only default: accepted)",
      body: json,
      type: "application/json",
      host: samePath.host,
      token: qstashToken({ key: KEYS.current, url: samePath.href, body: json }),
      expect: { status: 200, key: "current" },
    },
    {
      name: "expired token",
      body: json,
      type: "application/json",
      token: qstashToken({ key: KEYS.current, url, body: json, iat: now() - 3600 }),
      expect: { status: 401, code: "token_expired" },
    },
    {
      name: "missing header",
      body: json,
      type: "application/json",
      token: undefined,
      expect: { status: 401, code: "missing_signature" },
    },
    {
      name: "body over the limit",
      body: Buffer.alloc(maxBodyBytes + 1, 0x61),
      type: "application/octet-stream",
      token: qstashToken({ key: KEYS.current, url, body: Buffer.alloc(maxBodyBytes + 1, 0x61) }),
      expect: { status: 413, code: "body_too_large" },
    },
  ];
}

/** What a case got, judged: `{ name, want, got, ok }`. */
export function judge(c, res) {
  const want = c.expect;
  let ok = res.status === want.status;
  if (ok && want.status === 200)
    ok = res.json?.sha256 === hex(c.body) && (res.json?.key === undefined || res.json.key === want.key);
  if (ok && want.code !== undefined) ok = res.json?.error === want.code;
  const got =
    res.status === 200
      ? `200${res.json?.sha256 === hex(c.body) ? "" : " (body changed)"}`
      : `${res.status}${res.json?.error ? ` ${res.json.error}` : ""}`;
  return { name: c.name, want: `${want.status}${want.code ? ` ${want.code}` : ""}`, got, ok };
}

/**
 * Sends every case to `base + path` (the route's public url is `publicUrl`, default the same) and
 * judges it. `only` limits the cases by name.
 */
export async function runCases({ base, path, publicUrl = base + path, maxBodyBytes, only }) {
  const rows = [];
  for (const c of cases({ url: publicUrl, maxBodyBytes })) {
    if (only !== undefined && !only.includes(c.name)) continue;
    const headers = { "content-type": c.type };
    if (c.token !== undefined) headers["upstash-signature"] = c.token;
    if (c.host !== undefined) headers.host = c.host;
    const res = await post(base + path, headers, c.body);
    rows.push(judge(c, res));
  }
  return rows;
}

/** Prints `label: N passed, M failed` and each failure; returns the number failed. */
export function printCounts(label, rows) {
  const failed = rows.filter((r) => !r.ok);
  for (const r of failed) console.log(`  FAIL ${label}: ${r.name}: want ${r.want}, got ${r.got}`);
  console.log(`${label}: ${rows.length - failed.length} passed, ${failed.length} failed`);
  return failed.length;
}

/** The echo a route under test answers with, from the bytes its handler read. */
export function echo(bytes, key) {
  return { key, sha256: hex(bytes), length: bytes.length };
}
