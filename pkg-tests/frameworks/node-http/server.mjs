// A plain node:http server receiving QStash deliveries, as a user writes it with
// qstash-verifier/node: `verifyNodeRequest` on the route, `refusalOf` for the answer. Run by
// test.mjs in a child process of its own (so that its memory is measured alone): it prints
// `listening PORT`, and answers GET /rss with its `process.memoryUsage().rss`.
import { createServer } from "node:http";
import { Receiver } from "qstash-verifier";
import { refusalOf, verifyNodeRequest } from "qstash-verifier/node";
import { echo, KEYS } from "../cases.mjs";

const maxBodyBytes = 4096;
const receiver = new Receiver({ currentSigningKey: KEYS.current, nextSigningKey: KEYS.next });

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

const server = createServer(async (req, res) => {
  const path = (req.url ?? "/").split("?")[0];
  if (req.method === "GET" && path === "/rss") return send(res, 200, { rss: process.memoryUsage().rss });
  if (req.method !== "POST" || path !== "/api/qstash") return send(res, 404, { error: "not_found" });
  try {
    const { claims, body } = await verifyNodeRequest(req, receiver, { maxBodyBytes });
    send(res, 200, echo(body.bytes, claims.key));
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal === undefined) {
      console.error(error);
      return send(res, 500, { error: "internal" });
    }
    send(res, refusal.status, refusal.body);
  }
});
server.listen(0, "127.0.0.1", () => console.log(`listening ${server.address().port}`));
