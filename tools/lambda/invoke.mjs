// Invokes a Lambda function folder (index.handler) with the events of tools/testing/lambda-events.mjs
// through @vercel/fun, an AWS Lambda emulation: a Runtime API server, and the function in its own
// process (fun's `nodejs` runtime runs the `node` first on PATH; here the binary given with
// --node), initialised once and invoked warm, frozen between invocations with SIGSTOP. Prints the
// table event → expected → got and exits 1 on any mismatch.
//
//   node tools/lambda/invoke.mjs --dir FUNCTION_DIR --node NODE_BINARY
//
// fun itself needs Node >= 20: run this script with the machine's node.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { HEADER, KEYS, lambdaCases, row } from "../testing/lambda-events.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const arg = (name) => {
  const i = args.indexOf(name);
  if (i < 0 || i + 1 >= args.length) {
    console.error("usage: node tools/lambda/invoke.mjs --dir FUNCTION_DIR --node NODE_BINARY");
    process.exit(2);
  }
  return args[i + 1];
};
const dir = resolve(arg("--dir"));
const nodeArg = arg("--node"); // a path, or a name looked up on PATH
const nodeBin = nodeArg.includes("/")
  ? resolve(nodeArg)
  : execFileSync("sh", ["-c", 'command -v "$0"', nodeArg], { encoding: "utf8" }).trim();

const require = createRequire(join(here, "../setup/runtimes/vercel-fun/package.json"));
const { createFunction } = require("@vercel/fun");

const work = mkdtempSync(join(tmpdir(), "lambda-invoke-"));
const functions = [];
let failed = 0;
try {
  // The function's PATH starts with a folder holding only `node`, the binary under test.
  const bin = join(work, "bin");
  execFileSync("mkdir", [bin]);
  symlinkSync(nodeBin, join(bin, "node"));
  const PATH = `${bin}:${process.env.PATH}`;
  const create = (directory, variables) =>
    createFunction({
      Code: { Directory: directory },
      Handler: "index.handler",
      Runtime: "nodejs",
      MemorySize: 128,
      Timeout: 10,
      Environment: { Variables: { PATH, ...variables } },
    }).then((fn) => {
      functions.push(fn);
      return fn;
    });

  // Which Node the function process really runs: a probe function beside (not inside) it.
  const probeDir = join(work, "probe");
  execFileSync("mkdir", [probeDir]);
  writeFileSync(join(probeDir, "index.js"), "exports.handler = async () => process.version;\n");
  const ran = await (await create(probeDir, {}))({});
  const want = execFileSync(nodeBin, ["--version"], { encoding: "utf8" }).trim();
  if (ran !== want) throw new Error(`the function process ran Node ${ran}, not ${want}`);

  const files = readdirSync(dir).map((f) => `${f} (${statSync(join(dir, f)).size} bytes)`);
  console.log(`function: ${dir}: ${files.join(", ")}`);
  console.log(`emulator: @vercel/fun (Lambda Runtime API), function process on Node ${ran}`);

  const cases = lambdaCases();
  const withKeys = await create(dir, { ...KEYS });
  const withoutKeys = await create(dir, {});
  const lines = [];
  for (const c of cases) {
    const fn = c.keys === false ? withoutKeys : withKeys;
    let response;
    try {
      response = await fn(c.event);
    } catch (e) {
      response = `invocation failed: ${e?.message}`;
    }
    const r = row(c, response);
    failed += r.pass ? 0 : 1;
    lines.push(r.line);
  }
  console.log(`\n${HEADER}\n${lines.join("\n")}`);
  console.log(`\nnode ${ran}: ${cases.length - failed} passed, ${failed} failed`);
} catch (e) {
  console.error(`lambda-invoke: ${e?.stack ? e.stack : e}`);
  failed += 1;
} finally {
  // The function processes are our children (frozen between invocations): SIGKILL them first,
  // or they print ECONNRESET when fun closes their Runtime API while they wait for the next event.
  const children = execFileSync("ps", ["-o", "pid=", "--ppid", String(process.pid)], { encoding: "utf8" });
  for (const pid of children.split(/\s+/).filter(Boolean).map(Number)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone (or the ps itself)
    }
  }
  for (const fn of functions) await fn.destroy().catch(() => {});
  rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
