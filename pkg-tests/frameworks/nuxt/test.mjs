// qstash-verifier/nuxt in a built Nuxt 4 app (Nitro's node-server preset, h3 1.x): `nuxi build`
// on Node 22 (Nuxt 4 needs >= 22.19) with no QSTASH_* variable, then `.output/server/index.mjs`
// with the keys in its environment only: our route (server/api/qstash.post.js) gives no key, so
// each request reads them from the server's environment. The deliveries of cases.mjs go to it and
// to the SDK's verifySignatureNuxt beside it (server/routes/sdk/api/qstash.post.js; recorded, not
// judged: it is expected to differ).
import { buildWithoutKeys, serveAndJudge } from "../built-app.mjs";

const node = process.env.NODE22 ?? process.execPath;
await buildWithoutKeys(node, ["node_modules/nuxt/bin/nuxt.mjs", "build"], "nuxi build");

// Nitro's node-server listens on PORT and HOST.
await serveAndJudge(node, () => [".output/server/index.mjs"], {
  name: "node .output/server/index.mjs",
  probe: "/api/qstash",
  ours: [["ours server/api/qstash.post.js", "/api/qstash"]],
  sdk: [["sdk server/routes/sdk/api/qstash.post.js", "/sdk/api/qstash"]],
  maxBodyBytes: 4096,
});
