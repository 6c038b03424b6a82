// qstash-verifier/express in Express 4 and 5: the middleware as the first to read the body, after
// express.raw(), after express.json() with a `verify` hook that keeps the bytes, and after a
// plain express.json() (a setup error, answered 500 with the fix). The SDK has no Express wrapper.
import { writeFileSync } from "node:fs";
import express4 from "express4";
import express5 from "express5";
import { verifySignature } from "qstash-verifier/express";
import { echo, KEYS, post, printCounts, runCases } from "../cases.mjs";

const maxBodyBytes = 4096;
const config = { currentSigningKey: KEYS.current, nextSigningKey: KEYS.next, maxBodyBytes };
const reply = (req, res) => res.json(echo(req.qstash.body.bytes, req.qstash.claims.key));

function app(express) {
  const a = express();
  a.post("/first", verifySignature(config), reply);
  a.post("/raw", express.raw({ type: "*/*", limit: "1mb" }), verifySignature(config), reply);
  a.post(
    "/kept",
    express.json({
      type: "*/*",
      limit: "1mb",
      verify: (req, _res, buf) => {
        req.rawBody = buf;
      },
    }),
    verifySignature(config),
    (req, res) => res.json({ ...echo(req.qstash.body.bytes, req.qstash.claims.key), parsed: req.body }),
  );
  a.post("/parsed", express.json(), verifySignature(config), reply);
  // No key anywhere (an empty environment): 500 missing_signing_key when a request comes.
  a.post("/no-keys", verifySignature({ env: {}, maxBodyBytes }), reply);
  // A JSON parser that skips what is not JSON: the text/plain and binary deliveries still verify.
  a.post("/skipped", express.json(), verifySignature(config), reply);
  return a;
}

function listen(a) {
  return new Promise((resolve) => {
    const server = a.listen(0, "127.0.0.1", () => resolve(server));
  });
}

let failed = 0;
const results = {};
for (const [label, express] of [
  ["express 4", express4],
  ["express 5", express5],
]) {
  const server = await listen(app(express));
  const base = `http://127.0.0.1:${server.address().port}`;
  for (const route of ["/first", "/raw"]) {
    const rows = await runCases({ base, path: route, maxBodyBytes });
    results[`${label} ${route}`] = rows;
    failed += printCounts(`${label} ${route}`, rows);
  }
  // A JSON parser with a verify hook: every JSON case (the binary and text ones are not JSON).
  const jsonCases = await runCases({
    base,
    path: "/kept",
    maxBodyBytes,
    only: ["genuine, current key (JSON)", "genuine, next key (JSON)", "tampered body", "wrong key", "missing header"],
  });
  results[`${label} /kept`] = jsonCases;
  failed += printCounts(`${label} /kept`, jsonCases);
  // A parser that kept no bytes: 500 with the fix, never 401 to a genuine delivery.
  const parsed = (await runCases({ base, path: "/parsed", maxBodyBytes, only: ["genuine, current key (JSON)"] }))[0];
  const res = await post(`${base}/parsed`, { "content-type": "application/json" }, Buffer.from("{}"));
  const ok = parsed.got === "500 setup" && res.status === 500 && /express\.raw|verify/.test(res.json?.message ?? "");
  failed += printCounts(`${label} /parsed`, [{ ...parsed, want: "500 (setup)", ok }]);
  const noKeys = (await runCases({ base, path: "/no-keys", maxBodyBytes, only: ["genuine, current key (JSON)"] }))[0];
  const noKeysRows = [
    {
      ...noKeys,
      name: "genuine, with no key anywhere",
      want: "500 missing_signing_key",
      ok: noKeys.got === "500 missing_signing_key",
    },
  ];
  results[`${label} /no-keys`] = noKeysRows;
  failed += printCounts(`${label} /no-keys`, noKeysRows);
  const skipped = await runCases({
    base,
    path: "/skipped",
    maxBodyBytes,
    only: ["genuine, text/plain", "genuine, binary body"],
  });
  results[`${label} /skipped`] = skipped;
  failed += printCounts(`${label} /skipped`, skipped);
  server.close();
}
writeFileSync(`${process.env.RESULTS ?? "."}/express.json`, JSON.stringify(results, null, 1));
process.exit(failed === 0 ? 0 : 1);
