// qstash-verifier/nuxt: `verifySignatureNuxt`, the name of `@upstash/qstash/nuxt`: Nuxt's server
// routes are h3 1.x handlers.
export { verifySignatureH3 as verifySignatureNuxt } from "./h3.js";

/**
 * @typedef {import("./adapters.js").QStashDelivery} QStashDelivery
 * @typedef {import("./adapters.js").VerifySignatureConfig} VerifySignatureConfig
 */
