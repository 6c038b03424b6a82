// The SDK's own App Router wrapper, edge runtime. Created lazily per request, as in
// ../sdk-app-node/route.js: the SDK reads the keys when its wrapper is created (and throws
// without them), and `next build` loads route modules without keys.
import { verifySignatureAppRouter as sdkVerify } from "@upstash/qstash/nextjs";
import { echo } from "../../../lib/echo.js";

export const runtime = "edge";

const handler = async (request) => Response.json(await echo(new Uint8Array(await request.arrayBuffer())));

export const POST = (request, context) => sdkVerify(handler)(request, context);
