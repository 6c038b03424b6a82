// The SDK's own Pages Router wrapper (it reads the stream itself, so the body parser is off too).
// It leaves the handler `req.body` as a string, or parsed JSON for application/json: the echo is of
// those (re-encoded) bytes, all the handler can get. Created lazily per request: the SDK reads the
// keys when its wrapper is created (and throws without them), and `next build` loads the module
// without keys.
import { verifySignature as sdkVerify } from "@upstash/qstash/nextjs";
import { bytesOfSdkBody, echo } from "../../lib/echo.js";

export const config = { api: { bodyParser: false } };

const handler = async (req, res) => res.status(200).json(await echo(bytesOfSdkBody(req.body)));

export default (req, res) => sdkVerify(handler)(req, res);
