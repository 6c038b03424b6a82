// qstash-verifier/solidjs on a SolidStart API route. The keys come from the environment
// (QSTASH_CURRENT_SIGNING_KEY / QSTASH_NEXT_SIGNING_KEY) at each request: the build needs none.
import { createHash } from "node:crypto";
import { verifySignatureSolidjs } from "qstash-verifier/solidjs";

/** The echo of cases.mjs, from the bytes the handler read itself (event.request is unread). */
async function handler(event) {
  const bytes = new Uint8Array(await event.request.arrayBuffer());
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return Response.json({ key: event.request.qstash.claims.key, sha256, length: bytes.length });
}

export const POST = verifySignatureSolidjs(handler, { maxBodyBytes: 4096 });
