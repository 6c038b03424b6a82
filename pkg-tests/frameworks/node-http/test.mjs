// qstash-verifier/node on a plain node:http server (server.mjs, in a child process): every case of
// cases.mjs, then the hostile senders: 256 MiB bodies, streamed by this client from a generator
// (never allocated at once), that the server must answer without keeping them, its RSS (asked on
// GET /rss) growing by less than 64 MiB:
//   - no Upstash-Signature, chunked (no Content-Length)  -> 401 missing_signature
//   - a forged token, Content-Length 256 MiB               -> 401 invalid_signature
//   - a genuine token, Content-Length 256 MiB              -> 413 body_too_large (from the header)
//   - a genuine token, chunked                             -> 413 body_too_large (after 4 KiB)
// Each sender goes on sending its whole body after the answer (as a hostile one would) unless the
// server closes the connection. (Node.js 20 and 22 read no more of an unread body once the answer
// is sent: the sender stalls on a full socket buffer, a few MiB in, and the server drops the idle
// connection at its keepAliveTimeout, ~5-6 s later; so each sender takes ~6 s.) The whole fixture
// is time-boxed to 60 s.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { request as httpRequest } from "node:http";
import { writeFileSync } from "node:fs";
import { KEYS, listeningPort, printCounts, runCases } from "../cases.mjs";
import { qstashToken } from "../../../tools/testing/qstash-token.mjs";

const started = Date.now();
const maxBodyBytes = 4096;
const HOSTILE_BYTES = 256 * 1024 * 1024;
const RSS_LIMIT = 64 * 1024 * 1024;
const MiB = (n) => `${(n / 1024 / 1024).toFixed(1)} MiB`;

let child;
const box = setTimeout(() => {
  console.log(`node-http: FAILED: over the 60 s time box`);
  child?.kill("SIGKILL");
  process.exit(1);
}, 60_000);

/** The hostile body: `total` bytes of "a", 64 KiB at a time, from one reused chunk. */
const CHUNK = Buffer.alloc(64 * 1024, 0x61);
function* hostileBody(total) {
  for (let sent = 0; sent < total; sent += CHUNK.length)
    yield total - sent >= CHUNK.length ? CHUNK : CHUNK.subarray(0, total - sent);
}

/**
 * POSTs the hostile body (Content-Length declared unless `chunked`) and goes on sending it after
 * the answer, until it is all sent or the server closes the connection. Resolves `{ status, json,
 * answeredMs, sent, endedMs, ended }`: the answer, when it came, how many bytes the client got to
 * send, and when and how the sending ended.
 */
function hostile(url, headers, { chunked }) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const h = { "content-type": "application/octet-stream", ...headers };
    if (!chunked) h["content-length"] = String(HOSTILE_BYTES);
    const req = httpRequest(url, { method: "POST", headers: h });
    const out = { status: "no answer", sent: 0 };
    let ended; // how the sending ended
    req.on("response", (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        out.status = res.statusCode;
        out.answeredMs = Date.now() - t0;
        try {
          out.json = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        } catch {}
      });
      res.on("error", () => {});
    });
    const closed = new Promise((r) => {
      const end = (why) => {
        ended ??= why;
        r(ended);
      };
      req.on("error", (e) => end(`closed by the server (${e.code ?? e.message})`));
      req.on("close", () => end("closed by the server"));
    });
    (async () => {
      for (const chunk of hostileBody(HOSTILE_BYTES)) {
        if (ended !== undefined) break;
        out.sent += chunk.length;
        if (!req.write(chunk)) await Promise.race([new Promise((r) => req.once("drain", r)), closed]);
      }
      if (ended === undefined) {
        req.end();
        ended = "all sent";
      }
      await closed;
      resolve({ ...out, ended, endedMs: Date.now() - t0 });
    })();
  });
}

const rssOf = async (base) => (await (await fetch(`${base}/rss`)).json()).rss;

let failed = 0;
const results = {};
try {
  child = spawn(process.execPath, ["server.mjs"], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await listeningPort(child, "server.mjs");
  const base = `http://127.0.0.1:${port}`;
  const url = `${base}/api/qstash`;

  console.log(`Node.js ${process.versions.node}`);
  const label = "node:http verifyNodeRequest /api/qstash";
  const rows = await runCases({ base, path: "/api/qstash", maxBodyBytes });
  results[label] = rows;
  failed += printCounts(label, rows);

  // The hostile senders, after the cases above (the wasm and the route are warm).
  const now = Math.floor(Date.now() / 1000);
  const digest = createHash("sha256");
  for (const chunk of hostileBody(HOSTILE_BYTES)) digest.update(chunk);
  // The genuine token signs the hostile body itself, by its hash (hashed as it streams, never held at once).
  const genuineToken = qstashToken({ key: KEYS.current, url, bodyHash: digest.digest("base64url"), iat: now });
  const forged = qstashToken({ key: "sig_not_the_key", url, body: Buffer.alloc(0), iat: now });

  const senders = [
    { name: "256 MiB, no Upstash-Signature (chunked)", headers: {}, chunked: true, want: [401, "missing_signature"] },
    {
      name: "256 MiB, forged token (Content-Length)",
      headers: { "upstash-signature": forged },
      chunked: false,
      want: [401, "invalid_signature"],
    },
    {
      name: "256 MiB, genuine token (Content-Length)",
      headers: { "upstash-signature": genuineToken },
      chunked: false,
      want: [413, "body_too_large"],
    },
    {
      name: "256 MiB, genuine token (chunked)",
      headers: { "upstash-signature": genuineToken },
      chunked: true,
      want: [413, "body_too_large"],
    },
  ];
  const hostileRows = [];
  const before = await rssOf(base);
  for (const s of senders) {
    const res = await hostile(url, s.headers, s);
    const grew = (await rssOf(base)) - before;
    const answered = res.status === s.want[0] && res.json?.error === s.want[1];
    const ok = answered && grew < RSS_LIMIT;
    hostileRows.push({
      name: s.name,
      // (The measured numbers beside, out of `got`: the docs' table is made from `got`.)
      want: `${s.want[0]} ${s.want[1]}, server RSS +< ${MiB(RSS_LIMIT)}`,
      got: `${res.status}${res.json?.error ? ` ${res.json.error}` : ""}${grew < RSS_LIMIT ? "" : `, server RSS +${MiB(grew)}`}`,
      ok,
      rssGrowth: grew,
      answeredMs: res.answeredMs,
      sent: res.sent,
      ended: res.ended,
      endedMs: res.endedMs,
    });
    console.log(
      `  ${s.name}: ${res.status} ${res.json?.error ?? ""} after ${res.answeredMs} ms; server RSS ${MiB(before)} +${MiB(grew)};` +
        ` the client sent ${MiB(res.sent)}, then ${res.ended} at ${res.endedMs} ms`,
    );
  }
  const hostileLabel = "node:http hostile senders (256 MiB bodies)";
  results[hostileLabel] = hostileRows;
  failed += printCounts(hostileLabel, hostileRows);
} catch (error) {
  console.log(`node-http: FAILED: ${error.message}`);
  failed++;
} finally {
  child?.kill("SIGTERM");
  clearTimeout(box);
}
console.log(`node-http: ${((Date.now() - started) / 1000).toFixed(1)} s`);
writeFileSync(`${process.env.RESULTS ?? "."}/node-http.json`, JSON.stringify(results, null, 1));
process.exit(failed === 0 ? 0 : 1);
