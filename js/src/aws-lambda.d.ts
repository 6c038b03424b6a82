// Types of `qstash-verifier/aws-lambda`. Structural, so that the events of `@types/aws-lambda`
// (LambdaFunctionURLEvent, APIGatewayProxyEventV2, APIGatewayProxyEvent) fit without this package
// depending on it.
import type { VerifiedClaims, VerifyRequest } from "./index.js";

/** The parts of a Lambda HTTP event the adapter reads. */
export interface LambdaHttpEvent {
  /** Header values by name, any case (Function URL and HTTP API lower-case them; REST keeps them). */
  headers?: { [name: string]: string | undefined } | null;
  /** REST API payload 1.0: every value of each header. `headers` wins over it. */
  multiValueHeaders?: { [name: string]: string[] | undefined } | null;
  /** The raw body, or base64 when `isBase64Encoded`; absent means empty. */
  body?: string | null;
  isBase64Encoded?: boolean;
  /** Function URL and HTTP API payload 2.0: the path as the caller sent it, without the query. */
  rawPath?: string;
  /** REST API payload 1.0: the path without the stage (`requestContext.path` is used instead). */
  path?: string;
  requestContext?: {
    /** The host the caller used, e.g. `abc.lambda-url.us-east-1.on.aws`. */
    domainName?: string;
    /** REST API payload 1.0: the path as the caller sent it, stage included. */
    path?: string;
  };
}

export interface VerifyLambdaEventOptions {
  /**
   * The url the message was published to. Default: `https://` + `requestContext.domainName` +
   * the path the caller saw (for the bare path `/`, both `https://host/` and `https://host`).
   * A string or a list overrides it (e.g. behind a custom domain); `false` skips the url check.
   */
  url?: string | readonly string[] | false;
  /** Seconds of clock skew tolerated on `exp` and `nbf`. Default 0. */
  clockTolerance?: number;
  /** The verification time in unix seconds, for tests. Default: `Date.now()`. */
  now?: number;
}

/** What the adapter needs of a receiver: qstash-verifier's `Receiver`. */
export interface SyncReceiver {
  verifySync(request: VerifyRequest): VerifiedClaims;
}

/**
 * Verifies a QStash delivery that reached a Lambda function (Function URL, API Gateway HTTP API
 * payload 2.0 or REST API payload 1.0): the `Upstash-Signature` header in any case, the body
 * base64-decoded when `isBase64Encoded`, the url the caller saw. The `Upstash-Region` header is
 * passed on to the receiver.
 *
 * @returns the verified claims and which key matched.
 * @throws SignatureError (`.code`) when the delivery is refused: `missing_signature` when the
 *   header is absent, else the receiver's code.
 * @throws TypeError for arguments of the wrong type, or an event without
 *   `requestContext.domainName` when `options.url` is not given.
 */
export declare function verifyLambdaEvent(
  event: LambdaHttpEvent,
  receiver: SyncReceiver,
  options?: VerifyLambdaEventOptions,
): VerifiedClaims;
