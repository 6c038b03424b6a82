import type { QStashDelivery, VerifySignatureConfig } from "./adapters.js";
export type { QStashDelivery, VerifySignatureConfig };

/** A SolidStart API route: `event.request.qstash` holds the verified delivery. */
export declare function verifySignatureSolidjs<E extends { request: Request }>(
  handler: (event: E & { request: Request & { readonly qstash: QStashDelivery } }) => unknown,
  config?: VerifySignatureConfig,
): (event: E) => Promise<unknown>;
