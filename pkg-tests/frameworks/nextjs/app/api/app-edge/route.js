// Ours, App Router, edge runtime (`qstash-verifier` resolves to its `edge-light` build, which
// imports the .wasm with `?module`): the same handler, hashing with Web Crypto.
import { verifySignatureAppRouter } from "qstash-verifier/nextjs";
import { echo } from "../../../lib/echo.js";

export const runtime = "edge";

export const POST = verifySignatureAppRouter(
  async (request) => Response.json(await echo(new Uint8Array(await request.arrayBuffer()), request.qstash.claims.key)),
  { maxBodyBytes: 4096 },
);
