// Cloudflare workerd: bundles worker.js as wrangler does (esbuild, conditions workerd / worker /
// browser, each .wasm import kept as a separate module), serves it with `workerd serve`, and
// sends it real HTTP POSTs. Run with Node 22; env: ESBUILD, WORKERD, VECTORS.
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { KEYS, runE2E } from "../shared/e2e.mjs";
import { report, reportHostile } from "../../tools/testing/vectors.mjs";
import { hostileFixtures } from "../shared/hostile-fixtures.mjs";

const { build } = await import(pathToFileURL(join(process.env.ESBUILD, "lib/main.js")).href);
const out = join(process.cwd(), "out");
mkdirSync(out, { recursive: true });

// wrangler's module rules: `*.wasm` and `*.wasm?module` become CompiledWasm modules, uploaded
// beside the bundle under their own name.
const wasmModules = [];
await build({
  entryPoints: ["worker.js"],
  outfile: join(out, "worker.mjs"),
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  conditions: ["workerd", "worker", "browser"],
  logLevel: "warning",
  plugins: [
    {
      name: "wasm-modules",
      setup(b) {
        b.onResolve({ filter: /\.wasm(\?module)?$/ }, async (args) => {
          const file = join(args.resolveDir, args.path.replace(/\?module$/, ""));
          wasmModules.push(file);
          return { path: `./${basename(file)}`, external: true };
        });
      },
    },
  ],
});
for (const file of wasmModules) copyFileSync(file, join(out, basename(file)));

const capnpString = (s) => JSON.stringify(s);
writeFileSync(
  "config.capnp",
  `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [
    (name = "worker.mjs", esModule = embed "out/worker.mjs"),
${[...new Set(wasmModules.map((f) => basename(f)))].map((n) => `    (name = ${capnpString(n)}, wasm = embed ${capnpString(`out/${n}`)}),`).join("\n")}
  ],
  compatibilityDate = "2025-09-01",
  bindings = [
    (name = "QSTASH_CURRENT_SIGNING_KEY", text = ${capnpString(KEYS.current)}),
    (name = "QSTASH_NEXT_SIGNING_KEY", text = ${capnpString(KEYS.next)}),
  ],
);
`,
);

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const version = readFileSync(join(process.env.WORKERD, "../../workerd/package.json"), "utf8").match(
  /"version": "([^"]+)"/,
)[1];
const child = spawn(process.env.WORKERD, ["serve", "config.capnp", `--socket-addr=http=127.0.0.1:${port}`], {
  stdio: ["ignore", "inherit", "inherit"],
});
let exited = false;
child.on("exit", () => (exited = true));

let lines = [];
let passed = 0;
let failed = 0;
try {
  // Up within 20 s, or fail.
  let up = false;
  for (let i = 0; i < 200 && !up && !exited; i++) {
    try {
      await fetch(`${base}/codegen`, { method: "POST" });
      up = true;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  if (!up) throw new Error("workerd did not start");

  // The rule the entry must live with: no compiling wasm from bytes during a request.
  const codegen = await (await fetch(`${base}/codegen`, { method: "POST" })).text();
  if (codegen === "refused") passed++;
  else {
    failed++;
    lines.push(`    FAILED workerd compiled wasm from bytes during a request (${codegen}): the test proves nothing`);
  }

  const res = await fetch(`${base}/vectors`, { method: "POST", body: readFileSync(process.env.VECTORS) });
  if (res.status !== 200) throw new Error(`/vectors answered ${res.status}: ${await res.text()}`);
  const v = report("workerd", await res.json());
  const hostile = await fetch(`${base}/hostile-callers`, { method: "POST", body: JSON.stringify(hostileFixtures()) });
  if (hostile.status !== 200) throw new Error(`/hostile-callers answered ${hostile.status}: ${await hostile.text()}`);
  const h = reportHostile("workerd", await hostile.json());
  const e = await runE2E(base);
  lines = [...lines, ...v.lines, ...h.lines, ...e.lines];
  passed += v.passed + h.passed + e.passed;
  failed += v.failed + h.failed + e.failed;
} catch (err) {
  lines.push(`    FAILED ${err.message}`);
  failed++;
} finally {
  child.kill("SIGTERM");
}
console.log(lines.join("\n"));
console.log(`workerd (workerd ${version}, workerd serve, real HTTP POSTs): ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
