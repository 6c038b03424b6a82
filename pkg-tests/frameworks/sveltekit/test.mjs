// qstash-verifier/svelte in a real SvelteKit app with adapter-node (kit 2; kit 3 as sveltekit-kit3):
// `vite build` on Node 22 with no QSTASH_* variable (loading a route never needs a key), then
// `node build/index.js` with the keys in its environment, and the deliveries of cases.mjs sent to
// our +server.js route and to the SDK's verifySignatureSvelte beside it (recorded, not judged: it is
// expected to differ). vite.config.js trusts every origin for form-typed POSTs: without that,
// SvelteKit refuses the text/plain delivery 403 before the route runs. qstash-verifier is installed
// with --no-save, so it is not in package.json's dependencies and adapter-node bundles it into
// build/ (as it does a devDependency); @upstash/qstash is a dependency and stays external.
import { buildWithoutKeys, serveAndJudge } from "../built-app.mjs";

const node = process.env.NODE22 ?? process.execPath;
await buildWithoutKeys(node, ["node_modules/vite/bin/vite.js", "build"], "vite build");

await serveAndJudge(node, () => ["build/index.js"], {
  name: "node build/index.js",
  probe: "/api/qstash",
  ours: [["ours +server.js", "/api/qstash"]],
  sdk: [["sdk +server.js", "/sdk/api/qstash"]],
  maxBodyBytes: 4096,
});
