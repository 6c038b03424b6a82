// qstash-verifier/solidjs in a real SolidStart 2 app (vite with nitro's node-server preset):
// `vite build` on Node 24 (SolidStart 2 wants >= 24) with no QSTASH_* variable (loading a route
// never needs a key), then `node .output/server/index.mjs` with the keys in its environment, and
// the deliveries of cases.mjs sent to our API route and to the SDK's verifySignatureSolidjs beside
// it (recorded, not judged: it is expected to differ). Node 24 is tools/setup/runtimes/node24
// ($NODE24, exported by run.sh).
import { existsSync } from "node:fs";
import { buildWithoutKeys, serveAndJudge } from "../built-app.mjs";

const node = process.env.NODE24;
if (node === undefined || !existsSync(node)) {
  console.log(`no Node 24 at ${node}: run npm ci in tools/setup/runtimes/node24 (or set NODE24)`);
  console.log("solidstart: 0 passed, 1 failed");
  process.exit(1);
}
await buildWithoutKeys(node, ["node_modules/vite/bin/vite.js", "build"], "vite build");

await serveAndJudge(node, () => [".output/server/index.mjs"], {
  name: "node .output/server/index.mjs",
  probe: "/api/qstash",
  ours: [["ours API route", "/api/qstash"]],
  sdk: [["sdk API route", "/sdk/api/qstash"]],
  maxBodyBytes: 4096,
});
