import type { QStashDelivery, VerifySignatureConfig } from "./adapters.js";
export type { QStashDelivery, VerifySignatureConfig };

/** An Express 4 / 5 middleware: on success `req.qstash` holds the verified delivery. */
export declare function verifySignature(
  config?: VerifySignatureConfig,
): (req: any, res: any, next: (error?: unknown) => void) => void;

declare global {
  namespace Express {
    interface Request {
      /** Set by qstash-verifier/express once the delivery is verified. */
      qstash?: QStashDelivery;
    }
  }
}
