// The same handler on @upstash/qstash's Receiver.
import { Receiver } from "@upstash/qstash";

const receiver = new Receiver({
  currentSigningKey: process.env.QSTASH_CURRENT_SIGNING_KEY,
  nextSigningKey: process.env.QSTASH_NEXT_SIGNING_KEY,
});

export const handler = async (event) => {
  try {
    await receiver.verify({
      signature: event.headers["upstash-signature"],
      body: event.body,
      url: `https://${event.requestContext.domainName}`,
    });
  } catch (err) {
    return { statusCode: 401, body: String(err) };
  }
  return { statusCode: 200, body: "OK" };
};
