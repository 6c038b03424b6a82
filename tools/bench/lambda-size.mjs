// `make lambda-size`: the example function's bundle size, and its cold-start cost over bare Node and
// against the same handler on @upstash/qstash, as the README quotes them. Each sample is a fresh
// process of a given Node binary running:
//   bare            an empty script
//   require         require("./index.js") alone in its folder (module evaluation, wasm compile,
//                   the Receiver built from the environment)
//   first response  the same, then one Function URL event verified by the handler (200 expected)
//   SDK             the same event through the same handler on @upstash/qstash's Receiver
//                   (tools/bench/handlers/sdk.js), bundled by the guide's esbuild command
// Each prints performance.now() (ms since its process started) and its CPU time (all threads) at
// its end point: a Lambda process does not exit after its first response, so these are the
// cold-start figures (CPU time is the steadier one on a busy machine). The wall clock until
// the process exits is printed too (Node 16 then also waits for V8's background tier-up of the
// wasm). The variants run alternately, in a balanced order (tools/bench/lib.mjs, balancedOrder: each
// right after every other equally often), so drifts of the machine and what one variant leaves
// behind hit them alike; medians are printed. Needs examples/aws-lambda/dist (make
// lambda-example). LAMBDA_SIZE_RUNS sets the samples per variant (default 40, a multiple of 4,
// the length of balancedOrder's design for four variants).
//
//   node tools/bench/lambda-size.mjs NODE_BINARY...
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { guideBundle } from "./guide-bundle.mjs";
import { gzipSize } from "./gzip-size.mjs";
import { balancedOrder } from "./lib.mjs";
import { qstashToken } from "../testing/qstash-token.mjs";
import { FUNCTION_URL_HOST, KEYS, functionUrlEvent } from "../testing/lambda-events.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const dist = join(root, "examples/aws-lambda/dist");
const runs = Number(process.env.LAMBDA_SIZE_RUNS || 40);
const nodes = process.argv.slice(2).map((n) => (n.includes("/") ? resolve(n) : n));
if (nodes.length === 0) {
  console.error("usage: node tools/bench/lambda-size.mjs NODE_BINARY...");
  process.exit(2);
}

const js = readFileSync(join(dist, "index.js"));
console.log(
  `examples/aws-lambda/dist/index.js: ${js.length} bytes (gzip -9: ${gzipSize(js)}); ` +
    `dist/index.zip (index.js and its source map, as the guide zips them): ${statSync(join(dist, "index.zip")).size} bytes`,
);

const work = mkdtempSync(join(tmpdir(), "lambda-size-"));
try {
  copyFileSync(join(dist, "index.js"), join(work, "index.js"));
  // The SDK's handler, built as the guide builds its function.
  await guideBundle(join(root, "tools/bench/handlers/sdk.js"), join(work, "sdk/index.js"));
  // The event is signed now, and verified within its lifetime: with the current key, for the
  // Function URL without a trailing "/", which both handlers expect.
  const now = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({ hello: "world", sentAt: now });
  const url = `https://${FUNCTION_URL_HOST}`;
  const signature = qstashToken({ key: KEYS.QSTASH_CURRENT_SIGNING_KEY, url, body, iat: now });
  writeFileSync(join(work, "event.json"), JSON.stringify(functionUrlEvent({ signature, body, now })));
  // Each script prints performance.now() (ms since the process started) at its end point: a
  // Lambda process does not exit after the first response, so that is the cold-start figure;
  // the wall clock to the process's exit is printed too.
  const stamp =
    "{ const c = process.cpuUsage(); " +
    "process.stdout.write(require('perf_hooks').performance.now() + ' ' + (c.user + c.system) / 1000); }\n";
  const verified = (bundle) =>
    `const { handler } = require("${bundle}");\n` +
    'const event = JSON.parse(require("fs").readFileSync(__dirname + "/event.json", "utf8"));\n' +
    "handler(event, { awsRequestId: 'cold' }).then((r) => {\n" +
    "  if (r.statusCode !== 200) { console.error(r); process.exit(1); }\n" +
    `  ${stamp}});\n`;
  writeFileSync(join(work, "bare.js"), stamp);
  writeFileSync(join(work, "require.js"), `require("./index.js");\n${stamp}`);
  writeFileSync(join(work, "verified.js"), verified("./index.js"));
  writeFileSync(join(work, "sdk.js"), verified("./sdk/index.js"));
  const variants = ["bare", "require", "verified", "sdk"];
  const env = { ...process.env, ...KEYS };

  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  const ms = (x, width = 8) => x.toFixed(1).padStart(width);

  console.log(`\ncold start on ${runs} fresh processes per column, run alternately; medians in ms`);
  console.log("  bare: an empty script; require: index.js loaded and the Receiver built; first: one Function");
  console.log("  URL event verified (200); SDK: the same with the handler on @upstash/qstash, bundled alike;");
  console.log("  /SDK: the median of the paired ratios first / SDK. ready: ms from process start to that");
  console.log("  point; cpu: the process's CPU time (all threads) at that point; exit: wall clock until the");
  console.log("  process has exited.\n");
  console.log(
    `  ${"node".padEnd(9)}  ${"ready: bare".padStart(11)} ${"require".padStart(7)} ${"first".padStart(6)} ${"(+cost)".padStart(8)} ${"SDK".padStart(6)} ${"/SDK".padStart(6)}` +
      `   ${"cpu: bare".padStart(9)} ${"first".padStart(6)} ${"(+cost)".padStart(8)} ${"SDK".padStart(6)} ${"/SDK".padStart(6)}` +
      `   ${"exit: bare".padStart(10)} ${"first".padStart(6)} ${"SDK".padStart(6)}`,
  );
  for (const node of nodes) {
    const ready = Object.fromEntries(variants.map((v) => [v, []]));
    const wall = Object.fromEntries(variants.map((v) => [v, []]));
    const cpu = Object.fromEntries(variants.map((v) => [v, []]));
    for (let i = 0; i < runs + 2; i++) {
      for (const k of balancedOrder(variants.length, i)) {
        const v = variants[k];
        const start = process.hrtime.bigint();
        const r = spawnSync(node, [join(work, `${v}.js`)], { cwd: work, env, encoding: "utf8" });
        const took = Number(process.hrtime.bigint() - start) / 1e6;
        if (r.status !== 0) throw new Error(`${v} on ${node} failed: ${r.error || r.stderr}`);
        if (i < 2) continue; // the first two rounds warm the page cache
        const [at, cpuMs] = r.stdout.trim().split(" ").map(Number);
        ready[v].push(at);
        cpu[v].push(cpuMs);
        wall[v].push(took);
      }
    }
    const [bare, req, first, sdk] = variants.map((v) => median(ready[v]));
    const [cpuBare, , cpuFirst, cpuSdk] = variants.map((v) => median(cpu[v]));
    const version = spawnSync(node, ["--version"], { encoding: "utf8" }).stdout.trim();
    const plus = (x) => `(+${x.toFixed(1)})`.padStart(8);
    // Paired: the two ran in the same round, one right after the other.
    const vsSdk = (xs) => `${median(xs.verified.map((x, i) => x / xs.sdk[i])).toFixed(2)}x`.padStart(6);
    console.log(
      `  ${version.padEnd(9)}  ${ms(bare, 11)} ${ms(req, 7)} ${ms(first, 6)} ${plus(first - bare)} ${ms(sdk, 6)} ${vsSdk(ready)}` +
        `   ${ms(cpuBare, 9)} ${ms(cpuFirst, 6)} ${plus(cpuFirst - cpuBare)} ${ms(cpuSdk, 6)} ${vsSdk(cpu)}` +
        `   ${ms(median(wall.bare), 10)} ${ms(median(wall.verified), 6)} ${ms(median(wall.sdk), 6)}`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
