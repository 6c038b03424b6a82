import type { QStashDelivery, VerifySignatureConfig } from "./adapters.js";
export type { QStashDelivery, VerifySignatureConfig };

/** The variables the middleware sets: `c.get("qstash")`. */
export interface QStashVariables {
  qstash: QStashDelivery;
}

/** A Hono middleware: `app.post("/api", verifySignature(), (c) => ...)`. */
export declare function verifySignature(
  config?: VerifySignatureConfig,
): (c: any, next: () => Promise<void>) => Promise<Response | void>;
