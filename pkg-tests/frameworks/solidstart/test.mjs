// qstash-verifier/solidjs in a real SolidStart 2 app (vite with nitro's node-server preset):
// `vite build` on Node 24 (SolidStart 2 wants >= 24) with no QSTASH_* variable (loading a route
// never needs a key), then `node .output/server/index.mjs` with the keys in its environment, and
// the deliveries of cases.mjs sent to our API route and to the SDK's verifySignatureSolidjs beside
// it (recorded, not judged: it is expected to differ). Node 24 is scripts/runtimes/node24
// ($NODE24, exported by run.sh).
import { spawn } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { KEYS, post, printCounts, runCases } from "../cases.mjs";

const maxBodyBytes = 4096;
const node = process.env.NODE24;
if (node === undefined || !existsSync(node)) {
  console.log(`no Node 24 at ${node}: run npm ci in scripts/runtimes/node24 (or set NODE24)`);
  console.log("solidstart: 0 passed, 1 failed");
  process.exit(1);
}
const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.includes("QSTASH")));

/** Runs `node <args>` on Node 24; resolves its exit code and output. */
function run(args, env) {
  return new Promise((resolve) => {
    const child = spawn(node, args, { env, stdio: ["ignore", "pipe", "pipe"] });
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
const version = (await run(["--version"], baseEnv)).out.trim();
let t = Date.now();
const build = await run(["node_modules/vite/bin/vite.js", "build"], baseEnv);
if (build.code !== 0) {
  console.log(build.out);
  console.log(`vite build failed (exit ${build.code}) on Node ${version} with no QSTASH_* variable set`);
  process.exit(1);
}
console.log(`vite build on Node ${version} (no QSTASH_* variables): ok in ${seconds(t)} s`);

// 2. The server (nitro's node-server reads PORT and HOST), with the keys.
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const env = {
  ...baseEnv,
  PORT: String(port),
  HOST: "127.0.0.1",
  QSTASH_CURRENT_SIGNING_KEY: KEYS.current,
  QSTASH_NEXT_SIGNING_KEY: KEYS.next,
};
// Its own process group, so that it is stopped by its id.
const server = spawn(node, [".output/server/index.mjs"], { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
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

let failed = 0;
const results = {};
try {
  t = Date.now();
  for (let up = false; !up; ) {
    if (exited) throw new Error(`node .output/server/index.mjs exited:\n${serverOut}`);
    if (Date.now() - t > 30_000) throw new Error(`node .output/server/index.mjs did not answer in 30 s:\n${serverOut}`);
    up = await post(`${base}/api/qstash`, {}, Buffer.alloc(0), "GET").then(
      (r) => typeof r.status === "number",
      () => false,
    );
    if (!up) await sleep(100);
  }
  console.log(`node .output/server/index.mjs: answering in ${seconds(t)} s`);

  t = Date.now();
  const label = "ours API route";
  const rows = await runCases({ base, path: "/api/qstash", maxBodyBytes });
  results[label] = rows;
  failed += printCounts(label, rows);

  // The SDK's wrapper: recorded, not judged.
  const sdkLabel = "sdk API route";
  const sdkRows = await runCases({ base, path: "/sdk/api/qstash", maxBodyBytes });
  results[sdkLabel] = sdkRows;
  for (const r of sdkRows) if (!r.ok) console.log(`  (differs) ${sdkLabel}: ${r.name}: ours ${r.want}, sdk ${r.got}`);
  console.log(`${sdkLabel}: ${sdkRows.filter((r) => r.ok).length} as ours, ${sdkRows.filter((r) => !r.ok).length} differ (not judged)`);
  console.log(`cases: ${seconds(t)} s`);
} catch (error) {
  console.log(String(error?.stack ?? error));
  failed += 1;
} finally {
  stop();
}
if (failed > 0 && /error/i.test(serverOut)) console.log(`node .output/server/index.mjs output:\n${serverOut}`);
writeFileSync(`${process.env.RESULTS ?? "."}/solidstart.json`, JSON.stringify(results, null, 1));
process.exit(failed === 0 ? 0 : 1);
