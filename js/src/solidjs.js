// qstash-verifier/solidjs: `verifySignatureSolidjs`, the name of `@upstash/qstash/solidjs`, for
// a SolidStart API route. Imports no SolidStart code.
import { wrapFetch } from "./deliveries.js";

/**
 * @typedef {import("./adapters.js").QStashDelivery} QStashDelivery
 * @typedef {import("./adapters.js").VerifySignatureConfig} VerifySignatureConfig
 */

/**
 * A SolidStart API route: the handler gets its `event` unchanged, `event.request` unread, with
 * `event.request.qstash` (the verified delivery).
 * @template {{ request: Request }} E
 * @param {(event: E & { request: Request & { readonly qstash: QStashDelivery } }) => unknown} handler
 * @param {VerifySignatureConfig} [config]
 * @returns {(event: E) => Promise<unknown>}
 */
export function verifySignatureSolidjs(handler, config) {
  return wrapFetch("verifySignatureSolidjs", handler, config, (event) => event.request);
}
