// qstash-verifier/solidjs: `verifySignatureSolidjs`, the name of `@upstash/qstash/solidjs`, for
// a SolidStart API route. Imports no SolidStart code.
import { wrapFetch } from "./deliveries.js";

/** The handler gets its `event` unchanged, `event.request` unread, with `event.request.qstash`. */
export function verifySignatureSolidjs(handler, config) {
  return wrapFetch("verifySignatureSolidjs", handler, config, (event) => event.request);
}
