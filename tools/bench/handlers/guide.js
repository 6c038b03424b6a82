// The same handler on the guide's node:crypto verification (current key, then next key).
import { guideHandlerVerify } from "../guide.mjs";

export const handler = async (event) => {
  try {
    guideHandlerVerify(
      event.headers["upstash-signature"],
      process.env.QSTASH_CURRENT_SIGNING_KEY,
      process.env.QSTASH_NEXT_SIGNING_KEY,
      event.body,
      `https://${event.requestContext.domainName}`,
    );
  } catch (err) {
    return { statusCode: 401, body: String(err) };
  }
  return { statusCode: 200, body: "OK" };
};
