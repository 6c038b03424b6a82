// The SDK's own App Router wrapper, nodejs runtime, side by side with ours (same echo; the SDK
// reports no matching key). The SDK reads the keys when its wrapper is created and throws without
// them, which would fail `next build` (it loads the route modules without keys): so the wrapper
// is created lazily, per request, inside the exported handler.
import { verifySignatureAppRouter as sdkVerify } from "@upstash/qstash/nextjs";
import { echo } from "../../../lib/echo.js";

export const runtime = "nodejs";

const handler = async (request) => Response.json(await echo(new Uint8Array(await request.arrayBuffer())));

export const POST = (request, context) => sdkVerify(handler)(request, context);
