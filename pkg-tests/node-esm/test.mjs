// Node.js, ES modules: import "qstash-verifier" from the installed tarball (dist/node.mjs).
// Usage: node test.mjs <label> <tests/vectors.json>. Where Node has Fetch (18+), the end-to-end
// requests go through verifyRequest with real Request objects; on Node 16, through node:http.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import * as pkg from "qstash-verifier";
import { runVectors, report, requestLike, fetchRequest } from "../../tools/testing/vectors.mjs";
import { serve, httpPost } from "../shared/node-http.mjs";
import { KEYS, runE2E } from "../shared/e2e.mjs";
import { makeHandler } from "../shared/handler.mjs";
import { reportHostile } from "../../tools/testing/vectors.mjs";
import { runHostileCallers } from "../shared/hostile-callers.mjs";
import { hostileFixtures } from "../shared/hostile-fixtures.mjs";

const [label, vectorsPath] = process.argv.slice(2);
const lines = [];
let passed = 0;
let failed = 0;

const names = ["Receiver", "SignatureError", "ERROR_CODES", "MAX_TOKEN_LENGTH", "verifyRequest"];
if (names.every((name) => name in pkg)) passed++;
else {
  failed++;
  lines.push(`    FAILED exports: ${Object.keys(pkg)}`);
}

const { vectors } = JSON.parse(readFileSync(vectorsPath, "utf8"));
const hasFetch = typeof Request === "function";
const v = report(label, await runVectors(pkg, vectors, hasFetch ? fetchRequest : requestLike));
lines.push(...v.lines);

/** Node's http server in front of the Fetch handler, as @hono/node-server and others do. */
function serveFetch(handle) {
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", async () => {
      const headers = Object.entries(req.headers).filter(([, value]) => typeof value === "string");
      const request = new Request(`http://${req.headers.host}${req.url}`, {
        method: req.method,
        headers,
        body: Buffer.concat(chunks),
      });
      const response = await handle(request);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      resolve({ base: `http://127.0.0.1:${server.address().port}`, close: () => server.close() });
    });
  });
}

// require and import share one module (one SignatureError class), so `instanceof` holds across.
const require = createRequire(import.meta.url);
if (require("qstash-verifier").SignatureError === pkg.SignatureError) passed++;
else {
  failed++;
  lines.push("    FAILED require and import load two copies of the package");
}

// qstash-verifier/wasm: nothing works before initWasm; then everything does.
const manual = await import("qstash-verifier/wasm");
try {
  new manual.Receiver({ currentSigningKey: "sig_x" });
  failed++;
  lines.push("    FAILED qstash-verifier/wasm built a Receiver before initWasm");
} catch (e) {
  if (/initWasm/.test(e.message)) passed++;
  else {
    failed++;
    lines.push(`    FAILED qstash-verifier/wasm before initWasm: ${e.message}`);
  }
}
// The tarball's .wasm exports `verify`, and every vector goes through it: the instance the glue
// makes is wrapped so that each call of the export is counted.
const wasmBytes = readFileSync(require.resolve("qstash-verifier/qstash_verifier_bg.wasm"));
const exported = WebAssembly.Module.exports(new WebAssembly.Module(wasmBytes)).map((e) => e.name);
if (exported.includes("verify")) passed++;
else {
  failed++;
  lines.push(`    FAILED the tarball's .wasm does not export verify: ${exported}`);
}
let verifyCalls = 0;
const instantiate = WebAssembly.instantiate;
WebAssembly.instantiate = async (...args) => {
  const made = await instantiate(...args);
  const exports = { ...made.instance.exports };
  const verify = exports.verify;
  exports.verify = (...a) => {
    verifyCalls++;
    return verify(...a);
  };
  return { module: made.module, instance: { exports } };
};
try {
  await manual.initWasm(wasmBytes);
} finally {
  WebAssembly.instantiate = instantiate;
}
const m = report(
  `${label}, qstash-verifier/wasm + initWasm`,
  await runVectors(manual, vectors, hasFetch ? fetchRequest : requestLike),
);
lines.push(...m.lines);
const each = m.passed + m.failed;
if (verifyCalls >= each && each >= vectors.length) passed++;
else {
  failed++;
  lines.push(`    FAILED ${verifyCalls} calls of the .wasm's verify for ${each} vector runs`);
}
// qstash-verifier/wasm hashes bodies in wasm: the hostile callers' cases through it.
const h = reportHostile(`${label}, qstash-verifier/wasm`, await runHostileCallers(manual, hostileFixtures()));
lines.push(...h.lines);
passed += h.passed;
failed += h.failed;
lines.push(
  `  ${label}: the tarball's .wasm exports ${exported.filter((n) => !n.startsWith("__")).join(", ")}; ` +
    `${vectors.length} vectors (${each} runs) made ${verifyCalls} calls of its verify export`,
);
passed += m.passed;
failed += m.failed;

const server = hasFetch ? await serveFetch(makeHandler(pkg, KEYS)) : await serve(pkg, KEYS);
const e = await runE2E(server.base, hasFetch ? undefined : httpPost);
server.close();
lines.push(...e.lines);

passed += v.passed + e.passed;
failed += v.failed + e.failed;
console.log(lines.join("\n"));
const via = hasFetch ? "verifyRequest over node:http" : "node:http";
console.log(
  `${label} (import, node ${process.version}, end-to-end through ${via}): ${passed} passed, ${failed} failed`,
);
process.exitCode = failed === 0 ? 0 : 1;
