// The Hono app under test, the same on every runtime (Node.js with @hono/node-server, Bun,
// workerd): `verifySignature` on the QStash route, and a handler that reads the body Hono's way
// after it (text, then bytes) and answers cases.mjs's echo ({ key, sha256, length }). Web APIs only (no node:), so
// that it bundles for workerd as it is.
import { Hono } from "hono";
import { verifySignature } from "qstash-verifier/hono";

export const maxBodyBytes = 4096;

const hex = (buffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");

/** cases.mjs's `echo`, on WebCrypto. */
async function echo(bytes, key) {
  return { key, sha256: hex(await crypto.subtle.digest("SHA-256", bytes)), length: bytes.length };
}

/** The app, with `keys` = cases.mjs's KEYS. */
export function makeApp(keys) {
  const app = new Hono();
  app.post(
    "/api/qstash",
    verifySignature({ currentSigningKey: keys.current, nextSigningKey: keys.next, maxBodyBytes }),
    async (c) => {
      // c.req.text() still works after the middleware, and gives the verified body's text.
      const text = await c.req.text();
      const delivery = c.get("qstash");
      if (text !== delivery.body.text) return c.json({ error: "c.req.text() is not the verified body" }, 500);
      return c.json(await echo(new Uint8Array(await c.req.arrayBuffer()), delivery.claims.key));
    },
  );
  return app;
}
