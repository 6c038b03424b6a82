// Vercel Edge: bundles route.js as Next.js does for the edge runtime (conditions edge-light /
// worker / browser; each `.wasm?module` import becomes a global binding holding a
// WebAssembly.Module that the host compiled, as next-middleware-wasm-loader and Next's sandbox do),
// runs it in Vercel's `edge-runtime` with wasm code generation disabled (as on Vercel: no compiling
// from bytes), serves it with its runServer and sends real HTTP POSTs. Node 22; env: ESBUILD,
// EDGE_RUNTIME, VECTORS.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { KEYS, runE2E } from "../shared/e2e.mjs";
import { report, reportHostile } from "../../tools/testing/vectors.mjs";
import { hostileFixtures } from "../shared/hostile-fixtures.mjs";

const { build } = await import(pathToFileURL(join(process.env.ESBUILD, "lib/main.js")).href);
const require = createRequire(join(process.env.EDGE_RUNTIME, "package.json"));
const { EdgeRuntime, runServer } = require(process.env.EDGE_RUNTIME);
const version = JSON.parse(readFileSync(join(process.env.EDGE_RUNTIME, "package.json"), "utf8")).version;

const bindings = new Map(); // global name → .wasm file
const result = await build({
  entryPoints: ["entry.js"],
  write: false,
  bundle: true,
  format: "iife",
  platform: "browser",
  target: "es2022",
  conditions: ["edge-light", "worker", "browser"],
  logLevel: "warning",
  plugins: [
    {
      name: "next-middleware-wasm",
      setup(b) {
        b.onResolve({ filter: /\.wasm\?module$/ }, (args) => ({
          path: join(args.resolveDir, args.path.replace(/\?module$/, "")),
          namespace: "edge-wasm",
        }));
        b.onLoad({ filter: /.*/, namespace: "edge-wasm" }, (args) => {
          const name = `wasm_${createHash("sha1").update(readFileSync(args.path)).digest("hex")}`;
          bindings.set(name, args.path);
          return { contents: `export default globalThis.${name};`, loader: "js" };
        });
      },
    },
  ],
});
const modules = {};
for (const [name, file] of bindings) modules[name] = await WebAssembly.compile(readFileSync(file));

const runtime = new EdgeRuntime({
  initialCode: result.outputFiles[0].text,
  codeGeneration: { strings: false, wasm: false },
  extend: (context) =>
    Object.assign(context, modules, {
      process: { env: { QSTASH_CURRENT_SIGNING_KEY: KEYS.current, QSTASH_NEXT_SIGNING_KEY: KEYS.next } },
    }),
});

// The route has read its keys (module scope). The vectors bring their own, and those without any
// must meet an environment without any too.
runtime.evaluate("delete process.env.QSTASH_CURRENT_SIGNING_KEY; delete process.env.QSTASH_NEXT_SIGNING_KEY");

let lines = [];
let passed = 0;
let failed = 0;
// The rule the entry must live with: this runtime refuses to compile wasm from bytes.
try {
  runtime.evaluate("new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))");
  lines.push("    FAILED this edge runtime compiles wasm from bytes: the test proves nothing");
  failed++;
} catch {
  passed++;
}
if (bindings.size !== 2) {
  lines.push(
    `    FAILED ${bindings.size} .wasm?module imports in the bundle, want 2 (the main .wasm, sign()'s tools .wasm)`,
  );
  failed++;
}

const server = await runServer({ runtime, host: "127.0.0.1", port: 0 });
const base = server.url.replace(/\/$/, "");
try {
  const res = await fetch(`${base}/vectors`, { method: "POST", body: readFileSync(process.env.VECTORS) });
  if (res.status !== 200) throw new Error(`/vectors answered ${res.status}: ${await res.text()}`);
  const v = report("edge-runtime", await res.json());
  const hostile = await fetch(`${base}/hostile-callers`, { method: "POST", body: JSON.stringify(hostileFixtures()) });
  if (hostile.status !== 200) throw new Error(`/hostile-callers answered ${hostile.status}: ${await hostile.text()}`);
  const h = reportHostile("edge-runtime", await hostile.json());
  const e = await runE2E(base);
  lines = [...lines, ...v.lines, ...h.lines, ...e.lines];
  passed += v.passed + h.passed + e.passed;
  failed += v.failed + h.failed + e.failed;
} catch (err) {
  lines.push(`    FAILED ${err.message}`);
  failed++;
} finally {
  await server.close();
}
console.log(lines.join("\n"));
console.log(
  `edge-runtime (edge-runtime ${version}, wasm codegen off, real HTTP POSTs): ${passed} passed, ${failed} failed`,
);
process.exitCode = failed === 0 ? 0 : 1;
