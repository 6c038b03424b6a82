// qstash-verifier/nextjs in a real Next.js app: `next build` with no QSTASH_* variable (loading a
// route never needs a key), then `next start` with the keys, and the deliveries of cases.mjs sent
// to our App Router routes (nodejs and edge runtimes) and Pages Router route, a Pages route left
// with the default body parser (a setup error, answered 500 with the fix), and the SDK's own
// wrappers on the same three kinds of route (recorded, not judged: they are expected to differ).
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { KEYS, post, printCounts, runCases } from "../cases.mjs";

const maxBodyBytes = 4096;
const next = "node_modules/next/dist/bin/next";
const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.includes("QSTASH")));
baseEnv.NEXT_TELEMETRY_DISABLED = "1";

/** Runs `next <args>`; resolves its exit code and output. */
function run(args, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [next, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    child.stderr.on("data", (c) => (out += c));
    child.on("close", (code) => resolve({ code, out }));
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const seconds = (t) => ((Date.now() - t) / 1000).toFixed(1);

// 1. The build, with no key in sight.
let t = Date.now();
const build = await run(["build"], baseEnv);
if (build.code !== 0) {
  console.log(build.out);
  console.log(`next build failed (exit ${build.code}) with no QSTASH_* variable set`);
  process.exit(1);
}
console.log(`next build (no QSTASH_* variables): ok in ${seconds(t)} s`);

// 2. The server, with the keys.
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const env = { ...baseEnv, QSTASH_CURRENT_SIGNING_KEY: KEYS.current, QSTASH_NEXT_SIGNING_KEY: KEYS.next };
// Its own process group, so that it (and anything it forks) is stopped by its id.
const server = spawn(process.execPath, [next, "start", "-p", String(port), "-H", "127.0.0.1"], {
  env,
  stdio: ["ignore", "pipe", "pipe"],
  detached: true,
});
let serverOut = "";
server.stdout.on("data", (c) => (serverOut += c));
server.stderr.on("data", (c) => (serverOut += c));
let exited = false;
server.on("exit", () => (exited = true));
const stop = () => {
  if (exited) return;
  try {
    process.kill(-server.pid, "SIGTERM");
  } catch {
    // already gone
  }
};
process.on("exit", stop);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(1)); // (run.sh's timeout)

let failed = 0;
const results = {};
try {
  t = Date.now();
  for (let up = false; !up; ) {
    if (exited) throw new Error(`next start exited:\n${serverOut}`);
    if (Date.now() - t > 60_000) throw new Error(`next start did not answer in 60 s:\n${serverOut}`);
    up = await post(`${base}/api/app-node`, {}, Buffer.alloc(0), "GET").then(
      (r) => typeof r.status === "number",
      () => false,
    );
    if (!up) await sleep(200);
  }
  console.log(`next start: answering in ${seconds(t)} s`);

  t = Date.now();
  const ours = [
    ["ours app router (nodejs)", "/api/app-node"],
    ["ours app router (edge)", "/api/app-edge"],
    ["ours pages router (bodyParser: false)", "/api/pages"],
  ];
  for (const [label, path] of ours) {
    const rows = await runCases({ base, path, maxBodyBytes });
    results[label] = rows;
    failed += printCounts(label, rows);
  }

  // The default body parser: 500 with the fix, never 401 to a genuine delivery (JSON and not).
  const label = "ours pages router (default body parser)";
  const rows = [];
  for (const [name, type] of [["genuine, current key (JSON)", "application/json"], ["genuine, binary body", "application/octet-stream"]]) {
    const row = (await runCases({ base, path: "/api/pages-parsed", maxBodyBytes, only: [name] }))[0];
    rows.push({ ...row, want: "500 (setup)", ok: row.got === "500 setup" });
    const res = await post(`${base}/api/pages-parsed`, { "content-type": type }, Buffer.from("{}"));
    const message = res.json?.message ?? "";
    rows.push({
      name: `${name.replace(/^genuine, current key |^genuine, /, "")}: the fix named`,
      want: "500 naming `bodyParser: false`",
      got: `${res.status} ${message}`,
      ok: res.status === 500 && res.json?.error === "setup" && message.includes("bodyParser: false"),
    });
  }
  results[label] = rows;
  failed += printCounts(label, rows);

  // The SDK's wrappers: recorded, not judged.
  const sdk = [
    ["sdk app router (nodejs)", "/api/sdk-app-node"],
    ["sdk app router (edge)", "/api/sdk-app-edge"],
    ["sdk pages router (bodyParser: false)", "/api/sdk-pages"],
  ];
  for (const [label, path] of sdk) {
    const rows = await runCases({ base, path, maxBodyBytes });
    results[label] = rows;
    for (const r of rows) if (!r.ok) console.log(`  (differs) ${label}: ${r.name}: ours ${r.want}, sdk ${r.got}`);
    console.log(`${label}: ${rows.filter((r) => r.ok).length} as ours, ${rows.filter((r) => !r.ok).length} differ (not judged)`);
  }
  console.log(`cases: ${seconds(t)} s`);
} catch (error) {
  console.log(String(error?.stack ?? error));
  failed += 1;
} finally {
  stop();
}
if (failed > 0 && /error/i.test(serverOut)) console.log(`next start output:\n${serverOut}`);
writeFileSync(`${process.env.RESULTS ?? "."}/nextjs.json`, JSON.stringify(results, null, 1));
process.exit(failed === 0 ? 0 : 1);
