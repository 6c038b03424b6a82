export { verifySignatureH3 as verifySignatureNuxt } from "./h3.js";
export type { QStashDelivery, VerifySignatureConfig } from "./adapters.js";
