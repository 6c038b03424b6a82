// With the DOM library: a real `Request` fits verifyRequest as it is.
import { Receiver, verifyRequest } from "qstash-verifier";

export async function POST(request: Request): Promise<Response> {
  const { claims, body } = await verifyRequest(request, new Receiver({ currentSigningKey: "sig_current" }));
  return new Response(`${claims.jti} ${body.text}`);
}
