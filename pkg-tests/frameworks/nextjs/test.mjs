// qstash-verifier/nextjs in a real Next.js app: `next build` with no QSTASH_* variable (loading a
// route never needs a key), then `next start` with the keys, and the deliveries of cases.mjs sent
// to our App Router routes (nodejs and edge runtimes) and Pages Router route, a Pages route left
// with the default body parser (a setup error, answered 500 with the fix), and the SDK's own
// wrappers on the same three kinds of route (recorded, not judged: they are expected to differ).
import { buildWithoutKeys, serveAndJudge, withoutKeys } from "../built-app.mjs";
import { post, printCounts, runCases } from "../cases.mjs";

const maxBodyBytes = 4096;
const next = "node_modules/next/dist/bin/next";
withoutKeys.NEXT_TELEMETRY_DISABLED = "1";
await buildWithoutKeys(process.execPath, [next, "build"], "next build");

// The default body parser: 500 with the fix, never 401 to a genuine delivery (JSON and not).
async function defaultBodyParser(base, results) {
  const label = "ours pages router (default body parser)";
  const rows = [];
  for (const [name, type] of [
    ["genuine, current key (JSON)", "application/json"],
    ["genuine, binary body", "application/octet-stream"],
  ]) {
    const row = (await runCases({ base, path: "/api/pages-parsed", maxBodyBytes, only: [name] }))[0];
    rows.push({ ...row, want: "500 (setup)", ok: row.got === "500 setup" });
    const res = await post(`${base}/api/pages-parsed`, { "content-type": type }, Buffer.from("{}"));
    const message = res.json?.message ?? "";
    rows.push({
      name: `${name.replace(/^genuine, current key |^genuine, /, "")}: the fix named`,
      want: "500 naming `bodyParser: false`",
      got: `${res.status} ${message}`,
      ok: res.status === 500 && res.json?.error === "setup" && message.includes("bodyParser: false"),
    });
  }
  results[label] = rows;
  return printCounts(label, rows);
}

await serveAndJudge(process.execPath, (port) => [next, "start", "-p", String(port), "-H", "127.0.0.1"], {
  name: "next start",
  probe: "/api/app-node",
  ours: [
    ["ours app router (nodejs)", "/api/app-node"],
    ["ours app router (edge)", "/api/app-edge"],
    ["ours pages router (bodyParser: false)", "/api/pages"],
  ],
  sdk: [
    ["sdk app router (nodejs)", "/api/sdk-app-node"],
    ["sdk app router (edge)", "/api/sdk-app-edge"],
    ["sdk pages router (bodyParser: false)", "/api/sdk-pages"],
  ],
  maxBodyBytes,
  extra: defaultBodyParser,
});
