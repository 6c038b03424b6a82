// What the fixtures of built apps (Next.js, SvelteKit, SolidStart) share: the build with no key in
// its environment (loading a route never needs one), the server started with the keys, its own
// process group stopped on every way out, and the SDK's routes recorded beside ours.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { basename } from "node:path";
import { KEYS, post, printCounts, runCases } from "./cases.mjs";

/** The environment with every QSTASH_* variable removed. */
export const withoutKeys = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.includes("QSTASH")));

export const seconds = (t) => ((Date.now() - t) / 1000).toFixed(1);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Runs `node <args>`; resolves its exit code and output. */
export function run(node, args, env = withoutKeys) {
  return new Promise((resolve) => {
    const child = spawn(node, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    child.stderr.on("data", (c) => (out += c));
    child.on("close", (code) => resolve({ code, out }));
  });
}

/** Builds with no key in sight; exits the fixture when the build fails. */
export async function buildWithoutKeys(node, args, what) {
  const version = (await run(node, ["--version"])).out.trim();
  const t = Date.now();
  const build = await run(node, args);
  if (build.code !== 0) {
    console.log(build.out);
    console.log(`${what} failed (exit ${build.code}) on Node ${version} with no QSTASH_* variable set`);
    process.exit(1);
  }
  console.log(`${what} on Node ${version} (no QSTASH_* variables): ok in ${seconds(t)} s`);
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

/**
 * Starts `node <args(port)>` with the keys (and PORT, HOST) in its environment, in its own process
 * group, and waits until `probe` answers; resolves `{ base, stop, output }`.
 */
async function serveWithKeys(node, args, { name, probe, timeoutMs = 60_000 }) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...withoutKeys,
    PORT: String(port),
    HOST: "127.0.0.1",
    QSTASH_CURRENT_SIGNING_KEY: KEYS.current,
    QSTASH_NEXT_SIGNING_KEY: KEYS.next,
  };
  const server = spawn(node, args(port), { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let out = "";
  server.stdout.on("data", (c) => (out += c));
  server.stderr.on("data", (c) => (out += c));
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
  const t = Date.now();
  for (let up = false; !up; ) {
    if (exited) throw new Error(`${name} exited:\n${out}`);
    if (Date.now() - t > timeoutMs) throw new Error(`${name} did not answer in ${timeoutMs / 1000} s:\n${out}`);
    up = await post(`${base}${probe}`, {}, Buffer.alloc(0), "GET").then(
      (r) => typeof r.status === "number",
      () => false,
    );
    if (!up) await sleep(100);
  }
  console.log(`${name}: answering in ${seconds(t)} s`);
  return { base, stop, output: () => out };
}

/** Runs every case against our routes (judged: returns how many failed) and the SDK's (recorded). */
async function judgeRoutes(base, { ours, sdk, maxBodyBytes, results }) {
  let failed = 0;
  for (const [label, path] of ours) {
    const rows = await runCases({ base, path, maxBodyBytes });
    results[label] = rows;
    failed += printCounts(label, rows);
  }
  for (const [label, path] of sdk) {
    const rows = await runCases({ base, path, maxBodyBytes });
    results[label] = rows;
    for (const r of rows) if (!r.ok) console.log(`  (differs) ${label}: ${r.name}: ours ${r.want}, sdk ${r.got}`);
    console.log(
      `${label}: ${rows.filter((r) => r.ok).length} as ours, ${rows.filter((r) => !r.ok).length} differ (not judged)`,
    );
  }
  return failed;
}

/**
 * Serves the built app with the keys (`node <args(port)>`), judges our routes and records the
 * SDK's; `extra(base, results)`, if given, runs a fixture's own checks and returns how many failed.
 * Then stops the server, writes the results under the name of the fixture's folder (run.sh's copy:
 * `nextjs`, or `nextjs-next16` for a variant) and exits, non-zero when one of ours failed.
 */
export async function serveAndJudge(node, args, { name, probe, ours, sdk, maxBodyBytes, extra }) {
  let failed = 0;
  const results = {};
  let server;
  try {
    server = await serveWithKeys(node, args, { name, probe });
    const t = Date.now();
    failed += await judgeRoutes(server.base, { ours, sdk, maxBodyBytes, results });
    if (extra !== undefined) failed += await extra(server.base, results);
    console.log(`cases: ${seconds(t)} s`);
  } catch (error) {
    console.log(String(error?.stack ?? error));
    failed += 1;
  } finally {
    server?.stop();
  }
  if (failed > 0 && server && /error/i.test(server.output())) console.log(`${name} output:\n${server.output()}`);
  writeFileSync(`${process.env.RESULTS ?? "."}/${basename(process.cwd())}.json`, JSON.stringify(results, null, 1));
  process.exit(failed === 0 ? 0 : 1);
}
