// Ours, App Router, nodejs runtime: the handler reads the body itself (the request is passed on
// unread) and answers the echo of what it read. Keys come from the environment per request.
import { createHash } from "node:crypto";
import { verifySignatureAppRouter } from "qstash-verifier/nextjs";

export const runtime = "nodejs";

export const POST = verifySignatureAppRouter(
  async (request) => {
    const bytes = new Uint8Array(await request.arrayBuffer());
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    return Response.json({ key: request.qstash.claims.key, sha256, length: bytes.length });
  },
  { maxBodyBytes: 4096 },
);
