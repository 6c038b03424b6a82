// qstash-verifier/fastify in Fastify 5: the plugin registered inside an encapsulated context that
// holds the QStash route, as a user registers it. The handler answers the echo of the verified
// bytes and checks that `request.body` is what Fastify's own parsers make of them (an object for
// application/json, a string for text/plain, a Buffer for application/octet-stream, from the
// parser the app adds as a user would, outside the plugin). A route outside the plugin's context
// must not be touched: a plain POST with no signature gets 200 there. The SDK has no Fastify
// wrapper.
import { readFileSync, writeFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import Fastify from "fastify";
import qstashVerifier from "qstash-verifier/fastify";
import { echo, KEYS, post, printCounts, runCases } from "../cases.mjs";
import { qstashToken } from "../../../tools/testing/qstash-token.mjs";

const maxBodyBytes = 4096;
const config = { currentSigningKey: KEYS.current, nextSigningKey: KEYS.next, maxBodyBytes };
const version = JSON.parse(readFileSync("node_modules/fastify/package.json", "utf8")).version;

/** Whether `request.body` is what Fastify would have parsed from the verified bytes. */
function parsedAsFastifyWould(request) {
  const bytes = Buffer.from(request.qstash.body.bytes);
  const type = (request.headers["content-type"] ?? "").split(";")[0].trim();
  if (type === "application/json") return isDeepStrictEqual(request.body, JSON.parse(bytes.toString("utf8")));
  if (type === "text/plain") return typeof request.body === "string" && request.body === bytes.toString("utf8");
  if (type === "application/octet-stream") return Buffer.isBuffer(request.body) && request.body.equals(bytes);
  return false;
}

const app = Fastify();
// Fastify 5 parses application/json and text/plain itself; a binary body needs a parser, which
// the app adds as any Fastify app does (our plugin adds none).
app.addContentTypeParser("application/octet-stream", { parseAs: "buffer" }, (_request, body, done) => done(null, body));

// The QStash routes: their own encapsulated context, with the plugin in it.
app.register(async (qstash) => {
  await qstash.register(qstashVerifier, config);
  qstash.post("/api/qstash", async (request, reply) => {
    if (!parsedAsFastifyWould(request)) {
      return reply.code(500).send({ error: "request.body is not what Fastify parses", body: request.body });
    }
    return echo(request.qstash.body.bytes, request.qstash.claims.key);
  });
  qstash.get("/api/qstash-get", async (request) => echo(request.qstash.body.bytes, request.qstash.claims.key));
});

// A route of the app outside that context: no signature needed, the body parsed as usual.
app.post("/outside", async (request) => ({ outside: true, body: request.body, qstash: request.qstash !== undefined }));

await app.listen({ port: 0, host: "127.0.0.1" });
const base = `http://127.0.0.1:${app.server.address().port}`;

let failed = 0;
const results = {};
const route = await runCases({ base, path: "/api/qstash", maxBodyBytes });
console.log(`fastify ${version}`);
results["fastify 5 /api/qstash"] = route;
failed += printCounts("fastify 5 /api/qstash", route);

// A bodiless request in the plugin's context is verified too: refused without a signature, and
// a genuine one (a token over the empty body) answered.
const getOf = async (headers) => {
  const r = await fetch(`${base}/api/qstash-get`, { headers });
  return { status: r.status, json: await r.json().catch(() => undefined) };
};
const get = await getOf({});
const empty = Buffer.alloc(0);
const token = qstashToken({
  key: KEYS.next,
  url: `${base}/api/qstash-get`,
  body: empty,
  iat: Math.floor(Date.now() / 1000),
});
const genuineGet = await getOf({ "upstash-signature": token });
const outside = await post(`${base}/outside`, { "content-type": "application/json" }, Buffer.from('{"a":1}'));
const others = [
  {
    name: "GET in the plugin's context, no signature",
    want: "401 missing_signature",
    got: `${get.status} ${get.json?.error ?? ""}`.trim(),
    ok: get.status === 401 && get.json?.error === "missing_signature",
  },
  {
    name: "GET in the plugin's context, genuine token (empty body)",
    want: "200",
    got: `${genuineGet.status} ${genuineGet.json?.error ?? ""}`.trim(),
    ok: genuineGet.status === 200 && isDeepStrictEqual(genuineGet.json, echo(empty, "next")),
  },
  {
    name: "POST outside the plugin's context, no signature",
    want: "200 (parsed, untouched)",
    got: `${outside.status}${outside.json?.qstash ? " (verified?)" : ""}`,
    ok: outside.status === 200 && isDeepStrictEqual(outside.json, { outside: true, body: { a: 1 }, qstash: false }),
  },
];
const othersLabel = "fastify 5 GET /api/qstash-get (in the context), POST /outside";
results[othersLabel] = others;
failed += printCounts(othersLabel, others);

await app.close();
writeFileSync(`${process.env.RESULTS ?? "."}/fastify.json`, JSON.stringify(results, null, 1));
process.exit(failed === 0 ? 0 : 1);
