// qstash-verifier/svelte: `verifySignatureSvelte`, the name of `@upstash/qstash/svelte`, for a
// SvelteKit `+server.js` handler. Imports no SvelteKit code.
import { wrapFetch } from "./deliveries.js";

/**
 * @typedef {import("./adapters.js").QStashDelivery} QStashDelivery
 * @typedef {import("./adapters.js").VerifySignatureConfig} VerifySignatureConfig
 */

/**
 * A SvelteKit `+server` handler: the handler gets its `event` unchanged, `event.request` unread,
 * with `event.request.qstash` (the verified delivery).
 * @template {{ request: Request }} E
 * @param {(event: E & { request: Request & { readonly qstash: QStashDelivery } }) => Response | Promise<Response>} handler
 * @param {VerifySignatureConfig} [config]
 * @returns {(event: E) => Promise<Response>}
 */
export function verifySignatureSvelte(handler, config) {
  return wrapFetch("verifySignatureSvelte", handler, config, (event) => event.request);
}
