// qstash-verifier/h3 in h3 1.x (Node.js requests, served with toNodeListener on node:http) and
// h3 2.x (Fetch-API requests, served with h3's own `serve`, srvx on Node.js). The handler reads
// the body h3's way after the check: readRawBody (1.x; and readBody on the JSON cases) or
// event.req.arrayBuffer() (2.x). Beside them, on h3 1.x, the SDK's own verifySignatureH3 from
// @upstash/qstash/h3: its rows are recorded, not judged (it hashes JSON.stringify of the body and
// answers a refusal as a 200 `{ status: 403 }` body).
import { writeFileSync } from "node:fs";
import { Agent, createServer, request as httpRequest } from "node:http";
import * as h3v1 from "h3v1";
import * as h3v2 from "h3v2";
import { verifySignatureH3 } from "qstash-verifier/h3";
import { cases, echo, judge, KEYS, post, printCounts, runCases } from "../cases.mjs";
import { qstashToken } from "../../../tools/testing/qstash-token.mjs";

const maxBodyBytes = 4096;
const config = { currentSigningKey: KEYS.current, nextSigningKey: KEYS.next, maxBodyBytes };
const JSON_CASES = [
  "genuine, current key (JSON)",
  "genuine, next key (JSON)",
  "tampered body",
  "wrong key",
  "missing header",
];

// The SDK reads its keys from the environment when its wrapper is made.
process.env.QSTASH_CURRENT_SIGNING_KEY = KEYS.current;
process.env.QSTASH_NEXT_SIGNING_KEY = KEYS.next;
const sdk = await import("@upstash/qstash/h3");

// h3 1.x: an app, a router, node:http.
const router1 = h3v1.createRouter();
router1.post(
  "/api/qstash",
  verifySignatureH3(
    async (event) => echo(await h3v1.readRawBody(event, false), event.context.qstash.claims.key),
    config,
  ),
);
// readBody (parsed JSON) after the check: re-serialised, the JSON cases' bodies are byte-identical.
router1.post(
  "/api/qstash-json",
  verifySignatureH3(async (event) => {
    const parsed = await h3v1.readBody(event);
    return { ...echo(Buffer.from(JSON.stringify(parsed)), event.context.qstash.claims.key), parsed };
  }, config),
);
router1.post(
  "/sdk/api/qstash",
  sdk.verifySignatureH3(async (event) => echo((await h3v1.readRawBody(event, false)) ?? Buffer.alloc(0), undefined)),
);
// What an SDK route threw (h3 answers it 500 and logs it; the log is kept out of the output).
let thrown;
const app1 = h3v1.createApp({
  onError: (error) => {
    thrown = error.cause?.message ?? error.message;
  },
});
app1.use(router1);
const server1 = createServer(h3v1.toNodeListener(app1));
await new Promise((resolve) => server1.listen(0, "127.0.0.1", resolve));
const base1 = `http://127.0.0.1:${server1.address().port}`;

// h3 2.x: new H3(), h3's serve() (srvx).
const app2 = new h3v2.H3();
app2.post(
  "/api/qstash",
  verifySignatureH3(
    async (event) => echo(new Uint8Array(await event.req.arrayBuffer()), event.context.qstash.claims.key),
    config,
  ),
);
const server2 = h3v2.serve(app2, { port: 0, hostname: "127.0.0.1", silent: true, gracefulShutdown: false });
await server2.ready();
const base2 = new URL(server2.url).origin;

/**
 * POSTs on `agent` (declared with Content-Length, or chunked with none): resolves the status and
 * `error` code the client read, or "closed" when the connection was reset before an answer.
 */
function postOn(agent, url, headers, body, chunked) {
  return new Promise((resolve) => {
    const h = { ...headers, ...(chunked ? {} : { "content-length": String(body.length) }) };
    const req = httpRequest(url, { method: "POST", headers: h, agent }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        let code;
        try {
          code = JSON.parse(Buffer.concat(chunks).toString("utf8")).error;
        } catch {}
        resolve(`${res.statusCode}${code ? ` ${code}` : ""}`);
      });
    });
    req.on("error", () => resolve("closed"));
    if (!chunked) return req.end(body);
    for (let at = 0; at < body.length; at += 64 * 1024) req.write(body.subarray(at, at + 64 * 1024));
    req.end();
  });
}

/**
 * Large refused deliveries, `times` each, on one kept-alive connection as a sender reuses it, each
 * followed by a genuine small delivery: every refusal must be answered, and the delivery after it
 * too (a connection dropped after the answer resets the next request sent on it).
 */
async function largeRefusals(url, times) {
  const body = Buffer.alloc(1 << 20, 0x61);
  const small = Buffer.from('{"after":"a refusal"}');
  const iat = () => Math.floor(Date.now() / 1000);
  const kinds = [
    { name: "1 MiB, wrong key", key: "sig_not_the_key", chunked: false, want: "401 invalid_signature" },
    { name: "1 MiB declared, over the limit", key: KEYS.current, chunked: false, want: "413 body_too_large" },
    { name: "1 MiB chunked (no length), over the limit", key: KEYS.current, chunked: true, want: "413 body_too_large" },
  ];
  const rows = [];
  for (const k of kinds) {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const tally = {};
    let ok = true;
    for (let i = 0; i < times; i++) {
      const sig = (key, b) => ({
        "content-type": "application/octet-stream",
        "upstash-signature": qstashToken({ key, url, body: b, iat: iat() }),
      });
      const refused = await postOn(agent, url, sig(k.key, body), body, k.chunked);
      const next = await postOn(agent, url, sig(KEYS.current, small), small, false);
      tally[`${refused} / then ${next}`] = (tally[`${refused} / then ${next}`] ?? 0) + 1;
      ok &&= refused === k.want && next === "200";
    }
    agent.destroy();
    const got = Object.entries(tally)
      .map(([answer, n]) => `${n}× ${answer}`)
      .join(", ");
    rows.push({ name: `${k.name}, then a genuine delivery (x${times})`, want: `${k.want} / then 200`, got, ok });
  }
  return rows;
}

let failed = 0;
const results = {};
const judged = async (label, base, path, only) => {
  const rows = await runCases({ base, path, maxBodyBytes, only });
  results[label] = rows;
  failed += printCounts(label, rows);
};
await judged("h3 1.x /api/qstash (readRawBody)", base1, "/api/qstash");
await judged("h3 1.x /api/qstash-json (readBody)", base1, "/api/qstash-json", JSON_CASES);
await judged("h3 2.x /api/qstash (event.req.arrayBuffer)", base2, "/api/qstash");
for (const [label, base] of [
  ["h3 1.x", base1],
  ["h3 2.x", base2],
]) {
  const rows = await largeRefusals(`${base}/api/qstash`, 10);
  results[`${label} /api/qstash large refusals`] = rows;
  failed += printCounts(`${label} /api/qstash large refusals`, rows);
}

// The SDK, side by side: recorded, not judged.
// Sent as runCases sends them, with what it answered kept beside each row.
const sdkRows = [];
const consoleError = console.error;
console.error = (...args) => void (args[0] === "[h3]" || consoleError(...args));
for (const c of cases({ url: `${base1}/sdk/api/qstash`, maxBodyBytes })) {
  const headers = { "content-type": c.type };
  if (c.token !== undefined) headers["upstash-signature"] = c.token;
  if (c.host !== undefined) headers.host = c.host;
  thrown = undefined;
  const res = await post(`${base1}/sdk/api/qstash`, headers, c.body);
  // What it threw (h3's 500), up to the first comma; else the status and the body it answered.
  const answer =
    thrown !== undefined ? `${res.status} (threw: ${thrown.split(",")[0]})` : `${res.status} ${res.text ?? ""}`;
  sdkRows.push({ ...judge(c, res), got: answer });
}
console.error = consoleError;
results["SDK @upstash/qstash/h3 on h3 1.x /sdk/api/qstash"] = sdkRows;
console.log("SDK @upstash/qstash/h3 on h3 1.x (recorded, not judged):");
for (const r of sdkRows) console.log(`  ${r.ok ? "same" : "differs"}: ${r.name}: want ${r.want}, got ${r.got}`);

server1.close();
await server2.close(true);
writeFileSync(`${process.env.RESULTS ?? "."}/h3.json`, JSON.stringify(results, null, 1));
process.exit(failed === 0 ? 0 : 1);
