// The SDK's own wrapper, side by side (recorded, not judged). It reads the keys when it is
// created (and throws without them), so it is created at the first request.
import { verifySignatureNuxt } from "@upstash/qstash/nuxt";
import { echo } from "../../../../../cases.mjs";

const handler = async (event) => echo((await readRawBody(event, false)) ?? new Uint8Array(0), undefined);

let wrapped;
export default defineEventHandler((event) => {
  wrapped ??= verifySignatureNuxt(handler);
  return wrapped(event);
});
