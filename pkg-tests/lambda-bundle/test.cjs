// Node 16 runs the guide's bundle, copied alone into an empty folder (no .wasm beside it):
// the shared vectors through the package inside the bundle, then the handler on Function URL
// events. Usage: node test.cjs path/to/alone/index.js path/to/vectors.json
const { readFileSync, readdirSync } = require("node:fs");
const { dirname } = require("node:path");

async function main() {
  const [bundlePath, vectorsPath] = process.argv.slice(2);
  const { runVectors, report, requestLike } = await import("../../tools/testing/vectors.mjs");
  const { KEYS } = await import("../shared/e2e.mjs");
  const { qstashToken } = await import("../../tools/testing/qstash-token.mjs");
  const { functionUrlEvent } = await import("../../tools/testing/lambda-events.mjs");
  process.env.QSTASH_CURRENT_SIGNING_KEY = KEYS.current;
  process.env.QSTASH_NEXT_SIGNING_KEY = KEYS.next;
  const lines = [];
  let passed = 0;
  let failed = 0;
  const tally = (ok, what) => {
    if (ok) passed++;
    else {
      failed++;
      lines.push(`    FAILED ${what}`);
    }
  };

  tally(
    readdirSync(dirname(bundlePath)).join() === "index.js",
    `files beside the bundle: ${readdirSync(dirname(bundlePath))}`,
  );
  const bundle = require(bundlePath); // the handler's Receiver reads the keys now, at cold start
  // The vectors give their own keys; a Receiver without any falls back to the environment.
  delete process.env.QSTASH_CURRENT_SIGNING_KEY;
  delete process.env.QSTASH_NEXT_SIGNING_KEY;

  const { vectors } = JSON.parse(readFileSync(vectorsPath, "utf8"));
  const v = report("lambda-bundle", await runVectors(bundle, vectors, requestLike));
  lines.push(...v.lines);
  passed += v.passed;
  failed += v.failed;

  const host = "abcdefghij.lambda-url.us-east-1.on.aws";
  const url = `https://${host}`;
  const body = JSON.stringify({ hello: "lambda" });
  const cases = [
    ["valid", functionUrlEvent({ host, body, signature: qstashToken({ key: KEYS.current, url, body }) }), 200, "OK"],
    ["next key", functionUrlEvent({ host, body, signature: qstashToken({ key: KEYS.next, url, body }) }), 200, "OK"],
    [
      "tampered body",
      functionUrlEvent({ host, body: `${body} `, signature: qstashToken({ key: KEYS.current, url, body }) }),
      401,
      "body_mismatch",
    ],
    ["no signature", functionUrlEvent({ host, body, headers: {} }), 401, "missing_signature"],
    [
      "wrong url",
      functionUrlEvent({ host, body, signature: qstashToken({ key: KEYS.current, url: `${url}/other`, body }) }),
      401,
      "url_mismatch",
    ],
  ];
  let e2e = 0;
  for (const [name, ev, status, text] of cases) {
    const res = await bundle.handler(ev);
    const ok = res.statusCode === status && res.body === text;
    tally(ok, `handler ${name}: ${res.statusCode} ${res.body}, want ${status} ${text}`);
    if (ok) e2e++;
  }
  lines.push(`  handler on Function URL events: ${e2e} passed, ${cases.length - e2e} failed`);
  console.log(lines.join("\n"));
  console.log(
    `lambda-bundle (esbuild single file, ${readFileSync(bundlePath).length} bytes, node ${process.version}): ${passed} passed, ${failed} failed`,
  );
  process.exitCode = failed === 0 ? 0 : 1;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
