// Upstash's AWS Lambda guide (Node.js 16, Function URL), on qstash-verifier: the handler reads
// `upstash-signature`, verifies against https://<domainName>, answers 200 "OK" or 401 with the code.
import { Receiver, SignatureError, verifyRequest } from "qstash-verifier";

const receiver = new Receiver({
  currentSigningKey: process.env.QSTASH_CURRENT_SIGNING_KEY,
  nextSigningKey: process.env.QSTASH_NEXT_SIGNING_KEY,
});

export const handler = async (event: {
  headers: Record<string, string | undefined>;
  body?: string;
  requestContext: { domainName: string };
}) => {
  try {
    await receiver.verify({
      signature: event.headers["upstash-signature"],
      body: event.body,
      url: `https://${event.requestContext.domainName}`,
    });
  } catch (e) {
    if (e instanceof SignatureError) return { statusCode: 401, body: e.code };
    throw e;
  }
  return { statusCode: 200, body: "OK" };
};

// For the fixture's vectors: the package as this one bundled file carries it.
export { Receiver, SignatureError, verifyRequest };
