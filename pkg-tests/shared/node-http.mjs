// Node.js without Fetch (16): a node:http server verifying deliveries the way a plain Node (or
// Express raw-body) handler does, with `receiver.verify` on the raw bytes; and a node:http client.
import { Buffer } from "node:buffer";
import { createServer, request } from "node:http";

/** Starts the server on a free port; resolves { base, close }. */
export function serve(pkg, keys) {
  const receiver = new pkg.Receiver({ currentSigningKey: keys.current, nextSigningKey: keys.next });
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", async () => {
      const body = Buffer.concat(chunks);
      const url = `http://${req.headers.host}${req.url.split("?")[0]}`;
      try {
        const claims = receiver.verifySync({ signature: req.headers["upstash-signature"], body, url });
        if ((await receiver.verify({ signature: req.headers["upstash-signature"], body, url })) !== true) {
          throw new Error("verify did not resolve true");
        }
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            key: claims.key,
            jti: claims.jti,
            text: body.toString("utf8"),
            base64: body.toString("base64"),
          }),
        );
      } catch (e) {
        res.writeHead(e instanceof pkg.SignatureError ? 401 : 500);
        res.end(e instanceof pkg.SignatureError ? e.code : `${e.name}: ${e.message}`);
      }
    });
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      resolve({ base: `http://127.0.0.1:${server.address().port}`, close: () => server.close() });
    });
  });
}

/** A POST with node:http, resolving { status, text }. */
export function httpPost(url, headers, body) {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", headers }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(typeof body === "string" ? body : Buffer.from(body));
  });
}
