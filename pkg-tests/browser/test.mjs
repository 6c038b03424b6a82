// A real browser: headless Chromium (Debian's chromium-headless-shell) loads index.html from a
// local HTTP server, imports the installed package through an import map, runs the shared
// vectors there and posts the counts back. Run with Node 22 from the fixture folder;
// env: CHROMIUM, VECTORS.
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { report, reportHostile } from "../../tools/testing/vectors.mjs";
import { hostileFixtures } from "../shared/hostile-fixtures.mjs";

const types = {
  ".html": "text/html",
  ".mjs": "text/javascript",
  ".js": "text/javascript",
  ".json": "application/json",
  ".wasm": "application/wasm",
};
const here = process.cwd();
let resolveResult;
const result = new Promise((resolve) => (resolveResult = resolve));

const server = createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (req.method === "POST" && path === "/results") {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    res.end("ok");
    resolveResult(JSON.parse(Buffer.concat(chunks).toString("utf8")));
    return;
  }
  if (path === "/hostile-fixtures.json") {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(hostileFixtures()));
    return;
  }
  let file;
  if (path === "/" || path === "/index.html") file = join(here, "index.html");
  else if (path === "/vectors.json") file = process.env.VECTORS;
  else if (path.startsWith("/fixture/")) file = join(here, normalize(path.slice("/fixture/".length)));
  else if (path.startsWith("/shared/")) file = join(here, "../shared", normalize(path.slice("/shared/".length)));
  else if (path.startsWith("/testing/"))
    file = join(here, "../../tools/testing", normalize(path.slice("/testing/".length)));
  try {
    if (!file) throw new Error("not found");
    const body = await readFile(file);
    res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end();
  }
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const url = `http://127.0.0.1:${server.address().port}/index.html`;

let log = "";
const browser = spawn(
  process.env.CHROMIUM,
  [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    `--user-data-dir=${mkdtempSync(join(tmpdir(), "chromium-"))}`,
    url,
  ],
  { stdio: ["ignore", "pipe", "pipe"], detached: true },
); // its own process group, killed whole
browser.stdout.on("data", (d) => (log += d));
browser.stderr.on("data", (d) => (log += d));
const exited = new Promise((r) =>
  browser.on("exit", (code) => r({ error: `chromium exited (${code}) before posting results` })),
);
const timeout = new Promise((r) =>
  setTimeout(() => r({ error: "no results from the page within 60 s" }), 60000).unref(),
);

const got = await Promise.race([result, exited, timeout]);
try {
  process.kill(-browser.pid, "SIGKILL"); // chromium and the zygote, GPU and renderer processes it started
} catch {}
server.closeAllConnections();
server.close();

let lines = [];
let passed = 0;
let failed = 0;
if (got.error) {
  failed = 1;
  lines = [
    `    FAILED ${got.error}`,
    ...log
      .split("\n")
      .filter((l) => /error|Uncaught/i.test(l))
      .slice(0, 20)
      .map((l) => `    ${l}`),
  ];
} else {
  const a = report("browser, qstash-verifier (browser.mjs)", got.main);
  const b = report("browser, qstash-verifier/wasm + initWasm(fetch)", got.byHand);
  const h = reportHostile("browser", got.hostile);
  lines = [...a.lines, ...b.lines, ...h.lines];
  passed = a.passed + b.passed + h.passed;
  failed = a.failed + b.failed + h.failed;
}
const version = (got.userAgent ?? "").match(/(HeadlessChrome|Chrome)\/[\d.]+/)?.[0] ?? "unknown";
console.log(lines.join("\n"));
console.log(`browser (${version}, import map, no bundler): ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
