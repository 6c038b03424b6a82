// qstash-verifier/nuxt in a built Nuxt 4 app (Nitro's node-server preset, h3 1.x): `nuxi build`
// on Node 22 (Nuxt 4 needs >= 22.19) with no QSTASH_* variable, then `.output/server/index.mjs`
// with the keys in its environment only: our route (server/api/qstash.post.js) gives no key, so
// each request reads them from the server's environment. The deliveries of cases.mjs go to it and
// to the SDK's verifySignatureNuxt beside it (server/routes/sdk/api/qstash.post.js; recorded, not
// judged: it is expected to differ).
import { writeFileSync } from "node:fs";
import { buildWithoutKeys, judgeRoutes, seconds, serveWithKeys } from "../built-app.mjs";

const node = process.env.NODE22 ?? process.execPath;
await buildWithoutKeys(node, ["node_modules/nuxt/bin/nuxt.mjs", "build"], "nuxi build");

let failed = 0;
const results = {};
let server;
try {
  // Nitro's node-server listens on PORT and HOST.
  server = await serveWithKeys(node, () => [".output/server/index.mjs"], { name: "node .output/server/index.mjs", probe: "/api/qstash" });
  const t = Date.now();
  failed += await judgeRoutes(server.base, {
    ours: [["ours server/api/qstash.post.js", "/api/qstash"]],
    sdk: [["sdk server/routes/sdk/api/qstash.post.js", "/sdk/api/qstash"]],
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
writeFileSync(`${process.env.RESULTS ?? "."}/nuxt.json`, JSON.stringify(results, null, 1));
process.exit(failed === 0 ? 0 : 1);
