// The SDK's own wrapper, side by side. It reads the keys when it is created (and throws without
// them), so it is created at the first request, not when the build loads this module.
import { createHash } from "node:crypto";
import { verifySignatureSolidjs } from "@upstash/qstash/solidjs";

async function handler(event) {
  const bytes = new Uint8Array(await event.request.arrayBuffer());
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return Response.json({ sha256, length: bytes.length });
}

let wrapped;
export const POST = (event) => {
  wrapped ??= verifySignatureSolidjs(handler);
  return wrapped(event);
};
