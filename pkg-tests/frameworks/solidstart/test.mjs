// qstash-verifier/solidjs in a real SolidStart 2 app (vite with nitro's node-server preset):
// `vite build` on Node 24 (SolidStart 2 wants >= 24) with no QSTASH_* variable (loading a route
// never needs a key), then `node .output/server/index.mjs` with the keys in its environment, and
// the deliveries of cases.mjs sent to our API route and to the SDK's verifySignatureSolidjs beside
// it (recorded, not judged: it is expected to differ). Node 24 is scripts/runtimes/node24
// ($NODE24, exported by run.sh).
import { existsSync, writeFileSync } from "node:fs";
import { buildWithoutKeys, judgeRoutes, seconds, serveWithKeys } from "../built-app.mjs";

const node = process.env.NODE24;
if (node === undefined || !existsSync(node)) {
  console.log(`no Node 24 at ${node}: run npm ci in scripts/runtimes/node24 (or set NODE24)`);
  console.log("solidstart: 0 passed, 1 failed");
  process.exit(1);
}
await buildWithoutKeys(node, ["node_modules/vite/bin/vite.js", "build"], "vite build");

let failed = 0;
const results = {};
let server;
try {
  const name = "node .output/server/index.mjs";
  server = await serveWithKeys(node, () => [".output/server/index.mjs"], { name, probe: "/api/qstash" });
  const t = Date.now();
  failed += await judgeRoutes(server.base, {
    ours: [["ours API route", "/api/qstash"]],
    sdk: [["sdk API route", "/sdk/api/qstash"]],
    maxBodyBytes: 4096,
    results,
  });
  console.log(`cases: ${seconds(t)} s`);
} catch (error) {
  console.log(String(error?.stack ?? error));
  failed += 1;
} finally {
  server?.stop();
}
if (failed > 0 && server && /error/i.test(server.output())) console.log(`server output:\n${server.output()}`);
writeFileSync(`${process.env.RESULTS ?? "."}/solidstart.json`, JSON.stringify(results, null, 1));
process.exit(failed === 0 ? 0 : 1);
