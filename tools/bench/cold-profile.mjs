// `make cold-profile`: where a cold start of the Lambda example goes on one Node binary (Node 16
// by default, the guide's runtime). Fresh processes run tools/bench/cold-profile.cjs, which times each
// phase of loading examples/aws-lambda/dist/index.js and verifying one Function URL event. The
// background TurboFan CPU (Node 16 recompiles every wasm function on background threads) is the
// paired difference in whole-process CPU, measured by bash's `times` until the process exits,
// between a run as it is and one with V8's --liftoff-only. V8 flags are used here only, for
// profiling; the package sets none. COLD_PROFILE_RUNS sets the samples per variant (default 30).
//
//   node tools/bench/cold-profile.mjs NODE_BINARY
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { qstashToken } from "../testing/qstash-token.mjs";
import { FUNCTION_URL_HOST, KEYS, functionUrlEvent } from "../testing/lambda-events.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const node = process.argv[2] ? resolve(process.argv[2]) : process.execPath;
const runs = Number(process.env.COLD_PROFILE_RUNS || 30);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const work = mkdtempSync(join(tmpdir(), "cold-profile-"));
try {
  copyFileSync(join(root, "examples/aws-lambda/dist/index.js"), join(work, "index.js"));
  const now = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({ hello: "world", sentAt: now });
  const signature = qstashToken({
    key: KEYS.QSTASH_CURRENT_SIGNING_KEY,
    url: `https://${FUNCTION_URL_HOST}`,
    body,
    iat: now,
  });
  writeFileSync(join(work, "event.json"), JSON.stringify(functionUrlEvent({ signature, body, now })));
  const env = { ...process.env, ...KEYS };
  const profile = join(root, "tools/bench/cold-profile.cjs");
  // The CPU to exit is bash's `times` for its one child: every thread, until the process is gone.
  const seconds = (t) => {
    const [, min, sec] = t.match(/(\d+)m([\d.]+)s/);
    return Number(min) * 60 + Number(sec);
  };
  const one = (flags) => {
    const script =
      'start=$(date +%s%N); out=$("$@"); s=$?; end=$(date +%s%N); echo "$out"; echo "WALL $(( (end - start) / 1000 ))"; times; exit $s';
    const r = spawnSync("bash", ["-c", script, "bash", node, ...flags, profile, "index.js", "event.json"], {
      cwd: work,
      env,
      encoding: "utf8",
    });
    if (r.status !== 0) throw new Error(`cold-profile.cjs on ${node} failed: ${r.error || r.stderr}`);
    const lines = r.stdout.trim().split("\n");
    const [user, sys] = lines[lines.length - 1].trim().split(/\s+/).map(seconds);
    const wall = Number(lines.find((l) => l.startsWith("WALL ")).slice(5)) / 1000;
    const json = lines.find((l) => l.startsWith("{"));
    return { ...JSON.parse(json), exitCpu: (user + sys) * 1000, exitWall: wall };
  };
  const plain = [];
  const liftoff = [];
  for (let i = 0; i < runs + 2; i++) {
    // Alternated, each first in turn; the first two rounds warm the page cache.
    const pair =
      i % 2
        ? [
            ["liftoff", ["--liftoff-only"]],
            ["plain", []],
          ]
        : [
            ["plain", []],
            ["liftoff", ["--liftoff-only"]],
          ];
    for (const [kind, flags] of pair) {
      const r = one(flags);
      if (i >= 2) (kind === "plain" ? plain : liftoff).push(r);
    }
  }
  const version = spawnSync(node, ["--version"], { encoding: "utf8" }).stdout.trim();
  const m = (key, rows = plain) => median(rows.map((r) => r[key]));
  const ms = (x) => `${x.toFixed(1).padStart(7)} ms`;
  console.log(`cold start of examples/aws-lambda/dist/index.js on Node ${version}, medians of ${runs} fresh processes`);
  console.log(`  boot (process start to the first line of JS)   ${ms(m("boot"))}`);
  console.log(`  parse (V8 compiles the bundle's source)         ${ms(m("parse"))}`);
  console.log(`  hex decode of the inlined .wasm                 ${ms(m("hex"))}`);
  console.log(`  compile (WebAssembly.Module: Liftoff)           ${ms(m("compile"))}`);
  console.log(`  instantiate                                     ${ms(m("instantiate"))}`);
  console.log(`  glue start-up (the rest of the evaluation)      ${ms(m("glue"))}`);
  console.log(`  first verification (one Function URL event)     ${ms(m("first"))}`);
  console.log(`  CPU at the first response (all threads)         ${ms(m("cpu"))}`);
  const diff = median(plain.map((r, i) => r.exitCpu - liftoff[i].exitCpu));
  console.log(`  background TurboFan CPU (CPU to exit, minus the same with --liftoff-only, paired)  ${ms(diff)}`);
  console.log(
    `  CPU to exit: ${ms(m("exitCpu"))} as it is, ${ms(m("exitCpu", liftoff))} with --liftoff-only; wall to exit ${ms(m("exitWall"))}`,
  );
  if (Number(version.slice(1).split(".")[0]) >= 18) {
    console.log("  (Node 18 and later compile wasm lazily and optimise only hot functions: that difference is noise)");
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
