import type { QStashDelivery, VerifySignatureConfig } from "./adapters.js";
export type { QStashDelivery, VerifySignatureConfig };

/** An h3 event handler (1.x and 2.x): `event.context.qstash` holds the verified delivery. */
export declare function verifySignatureH3<E extends { context?: object }, T>(
  handler: (event: E & { context: { qstash: QStashDelivery } }) => T,
  config?: VerifySignatureConfig,
): ((event: E) => Promise<T | { error: string } | Response>) & { __is_handler__: true };
