import type { QStashDelivery, VerifySignatureConfig } from "./adapters.js";
export type { QStashDelivery, VerifySignatureConfig };

/** The Fastify plugin: `app.register(qstashVerifier, config)`; `request.qstash` on every route of its context. */
declare function qstashVerifier(fastify: any, options?: VerifySignatureConfig): Promise<void>;
export default qstashVerifier;
export { qstashVerifier };
