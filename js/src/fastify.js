// qstash-verifier/fastify: a Fastify plugin (the default export). Every route of the context it
// is registered in is verified before its body is parsed: the raw bytes are read (with the
// limit), verified, and handed on to Fastify's own parsers, so `request.body` is what it would
// have been and `request.qstash` has the claims and the raw bytes. Imports no Fastify code.
import { Readable } from "node:stream";
import {
  declaredLength,
  nodeHeader,
  pathOf,
  readNodeBody,
  refusalOf,
  settingsOf,
  verifyDelivery,
} from "./deliveries.js";

/**
 * @typedef {import("./adapters.js").QStashDelivery} QStashDelivery
 * @typedef {import("./adapters.js").VerifySignatureConfig} VerifySignatureConfig
 */

/**
 * The Fastify plugin: `app.register(qstashVerifier, config)`; `request.qstash` on every route of its context.
 * @param {any} fastify
 * @param {VerifySignatureConfig} [options]
 * @returns {Promise<void>}
 */
async function qstashVerifier(fastify, options) {
  const settings = settingsOf(options, "qstash-verifier/fastify");
  /** @type {(request: any, read: (max: number) => Promise<Uint8Array>, length: number | undefined) => Promise<QStashDelivery>} */
  const verify = (request, read, length) =>
    verifyDelivery(
      {
        header: (n) => nodeHeader(request.raw, n),
        path: pathOf(request.raw.url ?? "/"),
        length,
        read,
      },
      settings,
    );
  /** @type {(reply: any, error: unknown) => unknown} */
  const refuse = (reply, error) => {
    const refusal = refusalOf(error);
    if (refusal === undefined) throw error;
    return reply.code(refusal.status).send(refusal.body);
  };
  // A request with a body: verified from the raw stream, then parsed from the verified bytes.
  fastify.addHook(
    "preParsing",
    async (/** @type {any} */ request, /** @type {any} */ reply, /** @type {any} */ payload) => {
      try {
        request.qstash = await verify(
          request,
          (max) => readNodeBody(payload, max),
          declaredLength(nodeHeader(request.raw, "content-length")),
        );
      } catch (error) {
        return refuse(reply, error);
      }
      const stream = Readable.from([Buffer.from(request.qstash.body.bytes)]);
      /** @type {any} */ (stream).receivedEncodedLength = request.qstash.body.bytes.length;
      return stream;
    },
  );
  // A request Fastify read no body for (GET, HEAD, ...): verified as an empty body.
  fastify.addHook("preHandler", async (/** @type {any} */ request, /** @type {any} */ reply) => {
    if (request.qstash !== undefined) return;
    try {
      request.qstash = await verify(request, () => Promise.resolve(new Uint8Array(0)), 0);
    } catch (error) {
      return refuse(reply, error);
    }
  });
}

// As `fastify-plugin` marks a plugin: its hooks apply to the context it is registered in.
/** @type {any} */ (qstashVerifier)[Symbol.for("skip-override")] = true;
/** @type {any} */ (qstashVerifier)[Symbol.for("fastify.display-name")] = "qstash-verifier";

export default qstashVerifier;
export { qstashVerifier };
