// Upstash's AWS Lambda guide (Node.js, Function URL with auth type NONE), on qstash-verifier.
// Build: `npm run build` (the guide's esbuild command, no loader options) → dist/index.js, one
// file with the wasm inside it, and dist/index.zip to upload. Handler: index.handler.
import type {
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  APIGatewayProxyResult,
  Context,
  LambdaFunctionURLEvent,
} from "aws-lambda";
import { Receiver, SignatureError } from "qstash-verifier";
import { verifyLambdaEvent } from "qstash-verifier/aws-lambda";

// Built once per cold start, from the function's environment variables. Without a current key
// every request is answered 500 missing_signing_key (a configuration error, not the caller's).
const receiver: Receiver | SignatureError = (() => {
  try {
    return new Receiver({
      currentSigningKey: process.env.QSTASH_CURRENT_SIGNING_KEY ?? "",
      nextSigningKey: process.env.QSTASH_NEXT_SIGNING_KEY,
    });
  } catch (e) {
    if (!(e instanceof SignatureError)) throw e;
    console.error(
      `qstash-verifier: ${e.code}: set QSTASH_CURRENT_SIGNING_KEY (and QSTASH_NEXT_SIGNING_KEY) ` +
        "in the function's environment variables; every request is answered 500 until then",
    );
    return e;
  }
})();

function refuse(statusCode: number, code: string): APIGatewayProxyResult {
  return {
    statusCode,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ error: code }),
  };
}

export const handler = async (
  event: LambdaFunctionURLEvent | APIGatewayProxyEventV2 | APIGatewayProxyEvent,
  context: Context,
): Promise<APIGatewayProxyResult> => {
  if (receiver instanceof SignatureError) return refuse(500, receiver.code);
  try {
    // url: https:// + the Function URL's host + path; pass { url } for a custom domain.
    const claims = verifyLambdaEvent(event, receiver);
    if (claims.key === "next") console.log("qstash-verifier: signed with the next key: QStash rolled its keys");
  } catch (e) {
    if (e instanceof SignatureError) return refuse(401, e.code);
    // Not a refusal: a bug or an unexpected event shape. Logged, never sent back.
    console.error(`qstash-verifier: request ${context.awsRequestId}: ${String(e)}`);
    return refuse(500, "internal_error");
  }

  // The message is genuine: handle it here. `event.body` is the raw body (base64 when
  // event.isBase64Encoded).
  return { statusCode: 200, body: "OK" };
};
