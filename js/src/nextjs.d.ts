import type { QStashDelivery, VerifySignatureConfig } from "./adapters.js";
export type { QStashDelivery, VerifySignatureConfig };

/** A Fetch-API request as the handler gets it: unread, with the verified delivery. */
export type VerifiedRequest<R extends Request = Request> = R & { readonly qstash: QStashDelivery };

/** App Router route handlers (nodejs and edge runtimes): `export const POST = verifySignatureAppRouter(handler)`. */
export declare function verifySignatureAppRouter<R extends Request, A extends unknown[]>(
  handler: (request: VerifiedRequest<R>, ...rest: A) => Response | Promise<Response>,
  config?: VerifySignatureConfig,
): (request: R, ...rest: A) => Promise<Response>;

/** The SDK's `(request, nfe)` edge form. */
export declare function verifySignatureEdge<R extends Request, A extends unknown[]>(
  handler: (request: VerifiedRequest<R>, ...rest: A) => Response | Promise<Response>,
  config?: VerifySignatureConfig,
): (request: R, ...rest: A) => Promise<Response>;

/** Pages Router API routes, with `export const config = { api: { bodyParser: false } }`. */
export declare function verifySignature<Q extends object, S>(
  handler: (req: Q & { body: unknown; readonly qstash: QStashDelivery }, res: S) => unknown,
  config?: VerifySignatureConfig,
): (req: Q, res: S) => Promise<unknown>;
