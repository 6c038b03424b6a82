// One cold start: `node cold-run.cjs <bundle.js> <event.json>` loads a bundled Lambda handler,
// invokes it once with the event, and exits non-zero unless it answered 200.
// `node cold-run.cjs` with no bundle is "bare Node": the same process doing nothing.
const [bundle, eventFile] = process.argv.slice(2);
if (bundle) {
  const { handler } = require(bundle);
  const event = JSON.parse(require("node:fs").readFileSync(eventFile, "utf8"));
  handler(event, {}).then((res) => {
    if (res.statusCode !== 200) {
      console.error(`${bundle}: ${res.statusCode} ${res.body}`);
      process.exitCode = 1;
    }
  });
}
