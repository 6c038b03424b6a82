// qstash-verifier/hono in Hono 4, one app (app.mjs) on three runtimes, each served over real HTTP
// on loopback and sent every case of cases.mjs: Node.js with @hono/node-server (which builds
// `request.url` from the Host header, so "another endpoint, Host header set to its host" is the
// Host-header attack on it: our default checks the path only), Bun (`Bun.serve`, in a child
// process, $BUN) and workerd (`workerd serve`, $WORKERD, the app bundled as wrangler bundles a
// Worker). The SDK has no Hono verifier (@upstash/qstash/hono has only `serve`, for workflows).
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { basename, join } from "node:path";
import { serve } from "@hono/node-server";
import { build } from "esbuild";
import { KEYS, listeningPort, printCounts, runCases } from "../cases.mjs";
import { makeApp, maxBodyBytes } from "./app.mjs";

const version = (name) => JSON.parse(readFileSync(`node_modules/${name}/package.json`, "utf8")).version;
console.log(`hono ${version("hono")}, @hono/node-server ${version("@hono/node-server")}`);

let failed = 0;
const results = {};
async function judged(label, base) {
  const rows = await runCases({ base, path: "/api/qstash", maxBodyBytes });
  results[label] = rows;
  failed += printCounts(label, rows);
}
/** A runtime that could not be set up: one failed row, so that it is never silently skipped. */
function broken(label, error) {
  results[label] = [{ name: "served", want: "up", got: `not up: ${error.message}`, ok: false }];
  failed += printCounts(label, results[label]);
}
const within = (ms, what, promise) =>
  Promise.race([
    promise,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms)),
  ]);

// Node.js: @hono/node-server.
{
  const label = "hono 4 on Node.js (@hono/node-server)";
  console.log(`Node.js ${process.versions.node}`);
  const server = await new Promise((resolve) => {
    const s = serve({ fetch: makeApp(KEYS).fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  await judged(label, `http://127.0.0.1:${server.address().port}`);
  await new Promise((resolve) => server.close(resolve));
}

// Bun: Bun.serve in a child process; the test drives it over HTTP.
{
  const bunVersion = await new Promise((resolve) => {
    const p = spawn(process.env.BUN, ["--version"], { stdio: ["ignore", "pipe", "ignore"] });
    let out = "";
    p.stdout.on("data", (d) => (out += d));
    p.on("error", () => resolve("?"));
    p.on("close", () => resolve(out.trim() || "?"));
  });
  const label = "hono 4 on Bun (Bun.serve)";
  console.log(`Bun ${bunVersion}`);
  const child = spawn(process.env.BUN, ["bun-server.mjs"], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    const port = await within(20000, "bun bun-server.mjs", listeningPort(child, "bun"));
    await judged(label, `http://127.0.0.1:${port}`);
  } catch (error) {
    broken(label, error);
  } finally {
    child.kill("SIGTERM");
  }
}

// workerd: worker.mjs bundled as wrangler bundles it (conditions workerd / worker / browser, each
// .wasm import kept as a module of its own, uploaded beside the bundle), served by `workerd serve`.
{
  const workerdVersion = readFileSync(join(process.env.WORKERD, "../../workerd/package.json"), "utf8").match(
    /"version": "([^"]+)"/,
  )?.[1];
  const label = "hono 4 on workerd (workerd serve)";
  console.log(`workerd ${workerdVersion}`);
  let child;
  try {
    const out = join(process.cwd(), "out");
    mkdirSync(out, { recursive: true });
    const wasmModules = [];
    await build({
      entryPoints: ["worker.mjs"],
      outfile: join(out, "worker.mjs"),
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      conditions: ["workerd", "worker", "browser"],
      define: { __QSTASH_TEST_KEYS__: JSON.stringify(KEYS) },
      logLevel: "warning",
      plugins: [
        {
          name: "wasm-modules",
          setup(b) {
            b.onResolve({ filter: /\.wasm(\?module)?$/ }, (args) => {
              const file = join(args.resolveDir, args.path.replace(/\?module$/, ""));
              wasmModules.push(file);
              return { path: `./${basename(file)}`, external: true };
            });
          },
        },
      ],
    });
    for (const file of wasmModules) copyFileSync(file, join(out, basename(file)));
    const q = (s) => JSON.stringify(s);
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
${[...new Set(wasmModules.map((f) => basename(f)))].map((n) => `    (name = ${q(n)}, wasm = embed ${q(`out/${n}`)}),`).join("\n")}
  ],
  compatibilityDate = "2025-09-01",
);
`,
    );
    const port = await new Promise((resolve) => {
      const s = createServer().listen(0, "127.0.0.1", () => {
        const { port } = s.address();
        s.close(() => resolve(port));
      });
    });
    child = spawn(process.env.WORKERD, ["serve", "config.capnp", `--socket-addr=http=127.0.0.1:${port}`], {
      stdio: ["ignore", "inherit", "inherit"],
    });
    let exited = false;
    child.on("exit", () => (exited = true));
    const base = `http://127.0.0.1:${port}`;
    let up = false;
    for (let i = 0; i < 200 && !up && !exited; i++) {
      try {
        await fetch(`${base}/`);
        up = true;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    if (!up) throw new Error(exited ? "workerd exited" : "workerd did not start in 20 s");
    await judged(label, base);
  } catch (error) {
    broken(label, error);
  } finally {
    child?.kill("SIGTERM");
  }
}

// The SDK's Hono support is `serve` for workflows only: no verifier to put beside ours.
results["SDK @upstash/qstash/hono: no SDK wrapper (only serve, for workflows)"] = [];
console.log("SDK @upstash/qstash/hono: no SDK wrapper (it has only serve, for workflows)");

writeFileSync(`${process.env.RESULTS ?? "."}/hono.json`, JSON.stringify(results, null, 1));
process.exit(failed === 0 ? 0 : 1);
