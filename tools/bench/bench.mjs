// `make bench`: qstash-verifier against the guide's node:crypto code and @upstash/qstash's
// Receiver, side by side in one run, on the same inputs.
//
//   1. warm latency: medians over many interleaved batches, bodies of each size of lib.mjs's
//      SIZES, tokens signed by the current key and by the next key;
//   2. cold start: whole `node` processes loading a bundled Lambda handler and verifying one
//      request, alternated over many runs, against bare Node;
//   3. sizes: the .wasm and the Lambda bundles, raw and gzip, and where our bundle's bytes go
//      against its size target and a measured floor (tools/bench/budget.mjs);
//   4. memory: RSS and wasm memory along a long run of verifications (tools/bench/memory.mjs).
//
// Prints a table, writes docs/bench-report.md and docs/bench-latency.svg (and
// target/bench-out/results.json). `--smoke` only checks that every contender accepts the
// benchmark's inputs and refuses a tampered body (used by `make test`); `--quick` runs fewer rounds
// (its report stays in target/bench-out/); `--latency` only measures and prints the warm latency
// (`--latency-json`: as JSON, on the last line). With NODE16 set (make bench sets it), the warm latency is measured on Node 16
// too, the Node of the guide's Lambda: reported, not a target (the are on this Node).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleBudget } from "./budget.mjs";
import { guideHandlerVerify } from "./guide.mjs";
import { guideBundle } from "./guide-bundle.mjs";
import { gzipSize } from "./gzip-size.mjs";
import { qstashToken } from "../testing/qstash-token.mjs";
import { functionUrlEvent } from "../testing/lambda-events.mjs";
import { DOMAIN, KEYS, SIZES, TOKEN_TTL, URL, balancedOrder, jsonBody } from "./lib.mjs";
import { renderReport, renderSvg } from "./report.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "../..");
const out = join(root, "target/bench-out");
mkdirSync(out, { recursive: true });
const require = createRequire(import.meta.url);
const args = new Set(process.argv.slice(2));
const smoke = args.has("--smoke");
const quick = args.has("--quick");
const latencyJson = args.has("--latency-json");
const latencyOnly = args.has("--latency") || latencyJson;

const ours = await import(join(root, "js/dist/node.mjs"));
const { Receiver: SdkReceiver } = require("@upstash/qstash");
const sdk = new SdkReceiver(KEYS);
const receiver = new ours.Receiver(KEYS);

const CONTENDERS = [
  { id: "guide", name: "guide (node:crypto)", sync: true },
  { id: "sdk", name: "@upstash/qstash 2.12.0", sync: false },
  { id: "verifySync", name: "ours verifySync", sync: true },
  { id: "verify", name: "ours verify", sync: false },
];

function call(id, signature, body) {
  switch (id) {
    case "guide":
      return guideHandlerVerify(signature, KEYS.currentSigningKey, KEYS.nextSigningKey, body, URL);
    case "sdk":
      return sdk.verify({ signature, body, url: URL });
    case "verifySync":
      return receiver.verifySync({ signature, body, url: URL });
    default:
      return receiver.verify({ signature, body, url: URL });
  }
}

/** Each contender accepts every input and refuses a tampered body. */
async function check(cases) {
  let passed = 0;
  let failed = 0;
  const expect = async (what, run, ok) => {
    let accepted;
    try {
      await run();
      accepted = true;
    } catch {
      accepted = false;
    }
    if (accepted === ok) passed++;
    else {
      failed++;
      console.error(`  FAIL ${what}: ${accepted ? "accepted" : "refused"}`);
    }
  };
  for (const c of cases) {
    const tampered = `${c.body.slice(0, -2)}!}`;
    for (const k of CONTENDERS) {
      await expect(`${k.id} ${c.size} ${c.key}`, () => call(k.id, c.token, c.body), true);
      await expect(`${k.id} ${c.size} ${c.key} tampered`, () => call(k.id, c.token, tampered), false);
    }
  }
  return { passed, failed };
}

const hr = process.hrtime.bigint;

/** Mean µs per call of `n` calls in a row. */
async function batch(id, signature, body, n, sync) {
  const t0 = hr();
  if (sync) for (let i = 0; i < n; i++) call(id, signature, body);
  else for (let i = 0; i < n; i++) await call(id, signature, body);
  return Number(hr() - t0) / 1000 / n;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  return s[lo] + (s[Math.ceil(i)] - s[lo]) * (i - lo);
};

async function latency(cases) {
  const rounds = quick ? 8 : 32; // multiples of 4, the length of balancedOrder's design for 4
  const target = 3000; // µs per batch
  const cells = [];
  for (const c of cases) {
    for (const k of CONTENDERS) {
      // Warm up first, then size the batch to take about `target`.
      let n = 1;
      let t = await batch(k.id, c.token, c.body, 1, k.sync);
      let spent = t;
      while (spent < 100_000) {
        t = await batch(k.id, c.token, c.body, n, k.sync);
        spent += t * n;
        n = Math.min(n * 2, 1 << 16);
      }
      cells.push({ ...c, contender: k, n: Math.max(1, Math.round(target / t)), samples: [] });
    }
  }
  for (let r = 0; r < rounds; r++) {
    // Same-input contenders run next to each other, in a balanced order (balancedOrder).
    const order = balancedOrder(CONTENDERS.length, r);
    for (let i = 0; i < cells.length; i += CONTENDERS.length) {
      for (const j of order) {
        const cell = cells[i + j];
        cell.samples.push(await batch(cell.contender.id, cell.token, cell.body, cell.n, cell.contender.sync));
      }
    }
    process.stderr.write(`\r  latency: round ${r + 1}/${rounds}`);
  }
  process.stderr.write("\n");
  return cells.map((c) => ({
    size: c.size,
    bytes: c.bytes,
    key: c.key,
    contender: c.contender.id,
    batch: c.n,
    median: median(c.samples),
    q1: quantile(c.samples, 0.25),
    q3: quantile(c.samples, 0.75),
  }));
}

/** The warm latency measured by `node` (another Node binary) running this file, as JSON. */
function latencyOn(node) {
  console.log(`\nthe same on ${node}`);
  const run = spawnSync(node, [join(here, "bench.mjs"), "--latency-json", ...(quick ? ["--quick"] : [])], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 1 << 24,
  });
  if (run.status !== 0) throw new Error(`the latency bench on ${node} failed (exit ${run.status})`);
  return JSON.parse(run.stdout.trim().split("\n").pop());
}

// ---- bundles, sizes, cold start ------------------------------------------------------------

/** The guide's build command (guide-bundle.mjs), with the package resolved as npm would install it. */
function bundle(entry, outfile) {
  return guideBundle(entry, outfile, [
    {
      name: "qstash-verifier", // resolves the package as npm would install it (exports → import)
      setup(b) {
        b.onResolve({ filter: /^qstash-verifier$/ }, () => ({ path: join(root, "js/dist/node.mjs") }));
      },
    },
  ]);
}

async function bundles() {
  const example = join(root, "examples/aws-lambda/dist/index.js");
  const oursBundle = existsSync(example)
    ? { file: example, source: "examples/aws-lambda/dist/index.js (the Lambda example's own build)" }
    : {
        file: await bundle(join(here, "handlers/ours.js"), join(out, "ours/index.js")),
        source: "tools/bench/handlers/ours.js, bundled by the guide's esbuild command",
      };
  return {
    ours: oursBundle,
    sdk: {
      file: await bundle(join(here, "handlers/sdk.js"), join(out, "sdk/index.js")),
      source: "tools/bench/handlers/sdk.js",
    },
    guide: {
      file: await bundle(join(here, "handlers/guide.js"), join(out, "guide/index.js")),
      source: "tools/bench/handlers/guide.js",
    },
  };
}

function sizeOf(file) {
  const bytes = readFileSync(file);
  return { raw: bytes.length, gzip: gzipSize(bytes) };
}

function coldStart(b) {
  const runs = quick ? 16 : 60; // multiples of 4, as above
  const token = qstashToken({ key: KEYS.currentSigningKey, url: URL, body: jsonBody(1024), ttl: TOKEN_TTL });
  const eventFile = join(out, "event.json");
  writeFileSync(eventFile, JSON.stringify(functionUrlEvent({ signature: token, body: jsonBody(1024), host: DOMAIN })));
  const runner = join(here, "cold-run.cjs");
  const env = {
    PATH: process.env.PATH,
    QSTASH_CURRENT_SIGNING_KEY: KEYS.currentSigningKey,
    QSTASH_NEXT_SIGNING_KEY: KEYS.nextSigningKey,
  };
  const variants = [
    { id: "bare", args: [runner] },
    { id: "guide", args: [runner, b.guide.file, eventFile] },
    { id: "sdk", args: [runner, b.sdk.file, eventFile] },
    { id: "ours", args: [runner, b.ours.file, eventFile] },
  ];
  const times = Object.fromEntries(variants.map((v) => [v.id, []]));
  const once = (v) => {
    const t0 = hr();
    const r = spawnSync(process.execPath, v.args, { env, encoding: "utf8" });
    const ms = Number(hr() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`cold start ${v.id} failed: ${r.stderr}`);
    return ms;
  };
  for (const v of variants) once(v); // file cache warm
  for (let r = 0; r < runs; r++) {
    for (const j of balancedOrder(variants.length, r)) {
      const v = variants[j];
      times[v.id].push(once(v));
    }
    process.stderr.write(`\r  cold start: round ${r + 1}/${runs}`);
  }
  process.stderr.write("\n");
  // Paired ratios: run r of one variant against run r of another (same round, same noise).
  const ratio = (a, b) => {
    const rs = times[a].map((t, i) => t / times[b][i]);
    return { median: median(rs), q1: quantile(rs, 0.25), q3: quantile(rs, 0.75) };
  };
  return {
    runs,
    ms: Object.fromEntries(
      variants.map((v) => [
        v.id,
        { median: median(times[v.id]), q1: quantile(times[v.id], 0.25), q3: quantile(times[v.id], 0.75) },
      ]),
    ),
    oursOverSdk: ratio("ours", "sdk"),
    oursOverBare: ratio("ours", "bare"),
    sdkOverBare: ratio("sdk", "bare"),
    guideOverBare: ratio("guide", "bare"),
  };
}

function memory() {
  const r = execFileSync(
    process.execPath,
    ["--expose-gc", join(here, "memory.mjs"), String(quick ? 100_000 : 1_000_000)],
    {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    },
  );
  return JSON.parse(r);
}

/** The last `cargo bench --bench verify` (Criterion's target/criterion/), if any: median ns. */
function criterion() {
  const dir = join(root, "target/criterion");
  const found = [];
  const walk = (d) => {
    for (const name of existsSync(d) ? readdirSync(d) : []) {
      const p = join(d, name);
      if (!statSync(p).isDirectory()) continue;
      const est = join(p, "new/estimates.json");
      const info = join(p, "new/benchmark.json");
      if (existsSync(est) && existsSync(info)) {
        const id = JSON.parse(readFileSync(info, "utf8")).full_id;
        const ns = JSON.parse(readFileSync(est, "utf8")).median.point_estimate;
        found.push({ id, ns, at: statSync(est).mtime.toISOString().slice(0, 16).replace("T", " ") });
      } else if (name !== "report") walk(p);
    }
  };
  walk(dir);
  return found.sort((a, b) => a.id.localeCompare(b.id));
}

// ---- main ----------------------------------------------------------------------------------

const cases = [];
for (const [size, bytes] of SIZES) {
  const body = jsonBody(bytes);
  cases.push({
    size,
    bytes,
    key: "current",
    body,
    token: qstashToken({ key: KEYS.currentSigningKey, url: URL, body, ttl: TOKEN_TTL }),
  });
  cases.push({
    size,
    bytes,
    key: "next",
    body,
    token: qstashToken({ key: KEYS.nextSigningKey, url: URL, body, ttl: TOKEN_TTL }),
  });
}

const checked = await check(cases);
console.log(`bench inputs: every contender accepts each signed body and refuses it tampered`);
console.log(`${checked.passed} passed, ${checked.failed} failed`);
if (smoke || checked.failed) process.exit(checked.failed ? 1 : 0);

const started = Date.now();
const env = {
  node: process.version,
  cpu: os.cpus()[0]?.model ?? "unknown",
  cores: os.cpus().length,
  platform: `${os.platform()} ${os.arch()}`,
  date: new Date().toISOString().slice(0, 10),
};
console.log(`\nNode ${env.node}, ${env.cpu}, ${env.cores} cores`);
const lat = await latency(cases);
if (latencyJson) {
  console.log(JSON.stringify({ env, latency: lat }));
  process.exit(0);
}
if (latencyOnly) {
  for (const c of lat)
    console.log(
      `${c.size.padEnd(6)} ${c.key.padEnd(8)} ${c.contender.padEnd(11)} ${c.median.toFixed(2).padStart(8)} µs`,
    );
  const at = (size, key, id) => lat.find((c) => c.size === size && c.key === key && c.contender === id).median;
  for (const size of ["1 KB", "1 MB"]) {
    for (const key of ["current", "next"]) {
      const g = at(size, key, "guide");
      console.log(
        `${size} ${key}: verifySync/guide ${(at(size, key, "verifySync") / g).toFixed(3)}  verify/guide ${(at(size, key, "verify") / g).toFixed(3)}`,
      );
    }
  }
  process.exit(0);
}
const node16 = process.env.NODE16 ? latencyOn(process.env.NODE16) : undefined;
const b = await bundles();
const wasmFile = join(root, "js/wasm/qstash_verifier_bg.wasm");
const sizes = {
  wasm: sizeOf(wasmFile),
  nodeCjs: sizeOf(join(root, "js/dist/node.cjs")),
  ours: { ...sizeOf(b.ours.file), source: b.ours.source },
  sdk: { ...sizeOf(b.sdk.file), source: b.sdk.source },
  guide: { ...sizeOf(b.guide.file), source: b.guide.source },
};
const cold = coldStart(b);
const mem = memory();
const results = {
  env,
  seconds: Math.round((Date.now() - started) / 1000),
  latency: lat,
  sizes,
  cold,
  memory: mem,
  criterion: criterion(),
  budget: await bundleBudget(),
  node16,
};
writeFileSync(join(out, "results.json"), JSON.stringify(results, null, 2));

const { text, markdown } = renderReport(results);
console.log(`\n${text}`);
// A --quick run is for trying things out: its report stays in target/bench-out/.
const dest = quick ? out : join(root, "docs");
writeFileSync(join(dest, "bench-report.md"), markdown);
writeFileSync(join(dest, "bench-latency.svg"), renderSvg(results));
console.log(`\nwrote ${quick ? "target/bench-out" : "docs"}/bench-report.md and bench-latency.svg`);
