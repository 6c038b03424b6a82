// qstash-verifier's Receiver as the `receiver` of @upstash/workflow's `serve` (the plain one: a
// `(Request) => Response` handler, served here on node:http). The workflow's QStash client talks
// to a loopback stand-in for QStash's API, which records every call and answers as QStash does.
// Genuine deliveries (tokens minted on node:crypto) run the workflow: the trigger publishes the
// run's first call, the first workflow invocation runs the first step and publishes its result.
// Forged ones (wrong key, tampered body, no header) are refused: non-2xx, no step run, nothing
// published. Then `tsc --noEmit` on types.ts: `serve(fn, { receiver: new Receiver(...) })`.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { Client } from "@upstash/qstash";
import { serve } from "@upstash/workflow";
import { Receiver } from "qstash-verifier";
import { KEYS, printCounts } from "../cases.mjs";
import { qstashToken } from "../../../tools/testing/qstash-token.mjs";

const listen = (server) =>
  new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server.address().port)));
const readAll = async (req) => {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  return Buffer.concat(chunks);
};

// The stand-in for QStash's API: records each call; /v2/batch and /v2/publish answer as QStash.
const calls = [];
let messages = 0;
const api = createServer(async (req, res) => {
  const text = (await readAll(req)).toString("utf8");
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  calls.push({ method: req.method, path: req.url, authorization: req.headers.authorization, body });
  const message = (destination) => ({ messageId: `msg_standin_${++messages}`, url: destination });
  let answer;
  if (req.method === "POST" && req.url === "/v2/batch") answer = body.map((m) => message(m.destination));
  else if (req.method === "POST" && req.url.startsWith("/v2/publish/"))
    answer = message(decodeURIComponent(req.url.slice("/v2/publish/".length)));
  else answer = {};
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify(answer));
});
const apiPort = await listen(api);

// The workflow: one step, counted when it runs.
const ran = [];
const { handler } = serve(
  async (context) => {
    const greeting = await context.run("step-1", () => {
      ran.push(context.requestPayload);
      return `hello, ${context.requestPayload.name}`;
    });
    await context.run("step-2", () => greeting.toUpperCase());
  },
  {
    receiver: new Receiver({ currentSigningKey: KEYS.current, nextSigningKey: KEYS.next }),
    qstashClient: new Client({ baseUrl: `http://127.0.0.1:${apiPort}`, token: "test", retry: false }),
    disableTelemetry: true,
  },
);

// node:http → Request → the workflow's handler → Response → node:http.
const app = createServer(async (req, res) => {
  const body = await readAll(req);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers))
    headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  const request = new Request(`http://127.0.0.1:${app.address().port}${req.url}`, {
    method: req.method,
    headers,
    body: req.method === "GET" || req.method === "HEAD" ? undefined : body,
  });
  const response = await handler(request);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
});
const port = await listen(app);
const url = `http://127.0.0.1:${port}/api/workflow`;

const now = () => Math.floor(Date.now() / 1000);
const send = async (body, token, headers = {}) => {
  const h = { "content-type": "application/json", ...headers };
  if (token !== undefined) h["upstash-signature"] = token;
  const res = await fetch(url, { method: "POST", headers: h, body });
  return { status: res.status, text: await res.text() };
};
const payload = JSON.stringify({ name: "wörld" });
// What QStash sends for a run's first workflow invocation (after the trigger's publish): the
// workflow headers, and the steps so far, the initial payload only, base64.
const runId = "wfr_frameworks_test_run";
const firstInvocation = JSON.stringify([
  { messageId: "msg_initial", body: Buffer.from(payload).toString("base64"), callType: "step" },
]);
const runHeaders = {
  "upstash-workflow-sdk-version": "1",
  "upstash-workflow-runid": runId,
  "upstash-message-id": "msg_initial",
};

const scenarios = [
  {
    name: "genuine trigger (a plain delivery): the run's first call published",
    body: payload,
    token: () => qstashToken({ key: KEYS.current, url, body: payload, iat: now() }),
    want: {
      ok: true,
      stepRuns: 0,
      published: (c) => c.path === "/v2/batch" && c.body[0]?.headers?.["upstash-workflow-init"] === "true",
    },
  },
  {
    name: "genuine first workflow invocation, next key: step-1 runs, its result published",
    body: firstInvocation,
    headers: runHeaders,
    token: () => qstashToken({ key: KEYS.next, url, body: firstInvocation, iat: now() }),
    want: {
      ok: true,
      stepRuns: 1,
      published: (c) =>
        c.path === "/v2/batch" &&
        c.body[0]?.headers?.["upstash-workflow-runid"] === runId &&
        JSON.parse(c.body[0]?.body ?? "{}").stepName === "step-1",
    },
  },
  {
    name: "forged trigger (wrong key)",
    body: payload,
    token: () => qstashToken({ key: "sig_not_the_key", url, body: payload, iat: now() }),
    want: { ok: false },
  },
  {
    name: "forged first workflow invocation (wrong key)",
    body: firstInvocation,
    headers: runHeaders,
    token: () => qstashToken({ key: "sig_not_the_key", url, body: firstInvocation, iat: now() }),
    want: { ok: false },
  },
  {
    name: "first workflow invocation, tampered body",
    body: firstInvocation.replace("msg_initial", "msg_forged_"),
    headers: runHeaders,
    token: () => qstashToken({ key: KEYS.current, url, body: firstInvocation, iat: now() }),
    want: { ok: false },
  },
  {
    name: "first workflow invocation, expired token",
    body: firstInvocation,
    headers: runHeaders,
    token: () => qstashToken({ key: KEYS.current, url, body: firstInvocation, iat: now() - 3600 }),
    want: { ok: false },
  },
  {
    name: "first workflow invocation, no Upstash-Signature",
    body: firstInvocation,
    headers: runHeaders,
    token: () => undefined,
    want: { ok: false },
  },
];

// The workflow logs each refusal with console.error: kept out of the output (each row says why).
const consoleError = console.error;
console.error = (...args) => void (String(args[0]).startsWith("  [Upstash Workflow]") || consoleError(...args));
const rows = [];
for (const s of scenarios) {
  const before = { calls: calls.length, ran: ran.length };
  const res = await send(s.body, s.token(), s.headers);
  const made = calls.slice(before.calls);
  const stepRuns = ran.length - before.ran;
  const statusOk = s.want.ok ? res.status >= 200 && res.status < 300 : !(res.status >= 200 && res.status < 300);
  let ok = statusOk;
  if (s.want.ok) ok &&= stepRuns === s.want.stepRuns && made.length === 1 && s.want.published(made[0]);
  else ok &&= stepRuns === 0 && made.length === 0;
  const why = (JSON.parse(res.text || "{}").message ?? "")
    .split("\n")[0]
    .replace(/^Failed to verify that the Workflow request comes from QStash: /, "")
    // Times change from run to run; the docs' table must not.
    .replace(/\d{9,}/g, "<time>");
  const detail = s.want.ok ? "" : ` (${why})`;
  rows.push({
    name: s.name,
    want: s.want.ok ? `2xx, ${s.want.stepRuns} step run, 1 call to QStash` : "non-2xx, no step run, no call to QStash",
    got: `${res.status}, ${stepRuns} step run, ${made.length} call(s) to QStash${made.length ? ` (${made.map((c) => `${c.method} ${c.path}`).join(", ")})` : ""}${detail}`,
    ok,
  });
}
console.error = consoleError;
let failed = printCounts("workflow serve + Receiver", rows);
for (const r of rows) console.log(`  ${r.ok ? "ok" : "FAIL"}: ${r.name}: ${r.got}`);

// The types: our Receiver where serve's `receiver` is, checked by tsc.
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
let typeRow;
try {
  execFileSync(process.execPath, [tsc, "--noEmit", "-p", "tsconfig.json"], { encoding: "utf8", stdio: "pipe" });
  typeRow = { name: "tsc --noEmit types.ts", want: "no errors", got: "no errors", ok: true };
} catch (e) {
  typeRow = { name: "tsc --noEmit types.ts", want: "no errors", got: `${e.stdout}${e.stderr}`.trim(), ok: false };
}
failed += printCounts("workflow types (tsc --noEmit)", [typeRow]);

app.close();
api.close();
writeFileSync(
  `${process.env.RESULTS ?? "."}/workflow.json`,
  JSON.stringify({ "workflow serve + Receiver": rows, "workflow types": [typeRow] }, null, 1),
);
process.exit(failed === 0 ? 0 : 1);
