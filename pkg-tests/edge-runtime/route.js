// A Next.js edge route handler (app/api/webhook/route.js) receiving QStash deliveries, as a user
// writes it: the package resolves to its `edge-light` entry, which imports the .wasm with the
// `?module` suffix (Vercel's and Next.js' way: the edge runtime does not compile wasm from bytes).
import * as pkg from "qstash-verifier";
import { makeHandler } from "../shared/handler.mjs";

export const runtime = "edge";

const handle = makeHandler(pkg, {
  current: process.env.QSTASH_CURRENT_SIGNING_KEY,
  next: process.env.QSTASH_NEXT_SIGNING_KEY,
});

export async function POST(request) {
  return handle(request);
}
