import type { QStashDelivery, VerifySignatureConfig } from "./adapters.js";
export type { QStashDelivery, VerifySignatureConfig };

/** A SvelteKit `+server` handler: `event.request.qstash` holds the verified delivery. */
export declare function verifySignatureSvelte<E extends { request: Request }>(
  handler: (event: E & { request: Request & { readonly qstash: QStashDelivery } }) => Response | Promise<Response>,
  config?: VerifySignatureConfig,
): (event: E) => Promise<Response>;
