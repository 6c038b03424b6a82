// qstash-verifier/svelte: `verifySignatureSvelte`, the name of `@upstash/qstash/svelte`, for a
// SvelteKit `+server.js` handler. Imports no SvelteKit code.
import { wrapFetch } from "./deliveries.js";

/** The handler gets its `event` unchanged, `event.request` unread, with `event.request.qstash`. */
export function verifySignatureSvelte(handler, config) {
  return wrapFetch("verifySignatureSvelte", handler, config, (event) => event.request);
}
