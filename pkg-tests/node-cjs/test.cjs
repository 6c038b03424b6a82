// Node.js, CommonJS: require("qstash-verifier") from the installed tarball (dist/node.cjs).
// Usage: node test.cjs <label> <tests/vectors.json>. The shared helpers are ES modules, loaded
// with import(); the package itself only through require.
const { readFileSync } = require("node:fs");
const pkg = require("qstash-verifier");

async function main() {
  const [label, vectorsPath] = process.argv.slice(2);
  const { runVectors, report, requestLike, fetchRequest } = await import("../../tools/testing/vectors.mjs");
  const { serve, httpPost } = await import("../shared/node-http.mjs");
  const { KEYS, runE2E } = await import("../shared/e2e.mjs");

  const lines = [];
  let passed = 0;
  let failed = 0;
  const exportsOk =
    ["Receiver", "SignatureError", "ERROR_CODES", "MAX_TOKEN_LENGTH", "verifyRequest"].every((name) => name in pkg) &&
    require.resolve("qstash-verifier").endsWith("node.cjs");
  if (exportsOk) passed++;
  else {
    failed++;
    lines.push(`    FAILED exports: ${Object.keys(pkg)} from ${require.resolve("qstash-verifier")}`);
  }

  const { vectors } = JSON.parse(readFileSync(vectorsPath, "utf8"));
  const makeRequest = typeof Request === "function" ? fetchRequest : requestLike;
  const v = report(label, await runVectors(pkg, vectors, makeRequest));
  lines.push(...v.lines);

  // qstash-verifier/wasm with require: initWasmSync on the bytes of qstash-verifier/qstash_verifier_bg.wasm.
  const manual = require("qstash-verifier/wasm");
  manual.initWasmSync(readFileSync(require.resolve("qstash-verifier/qstash_verifier_bg.wasm")));
  const m = report(`${label}, qstash-verifier/wasm + initWasmSync`, await runVectors(manual, vectors, makeRequest));
  lines.push(...m.lines);
  passed += m.passed;
  failed += m.failed;

  const server = await serve(pkg, KEYS);
  const e = await runE2E(server.base, httpPost);
  server.close();
  lines.push(...e.lines);

  passed += v.passed + e.passed;
  failed += v.failed + e.failed;
  console.log(lines.join("\n"));
  console.log(`${label} (require, node ${process.version}): ${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
