/** Every `SignatureError.code`, in the order of the checks. Adding a code is a minor change; renaming one is a major change. */
export type ErrorCode =
  | "missing_signature"
  | "token_too_large"
  | "malformed_token"
  | "unsupported_algorithm"
  | "invalid_signature"
  | "invalid_issuer"
  | "invalid_claims"
  | "token_expired"
  | "token_not_yet_valid"
  | "url_mismatch"
  | "body_mismatch"
  | "missing_signing_key";

export declare const ERROR_CODES: readonly ErrorCode[];

/** Longest `Upstash-Signature` accepted (16384; tokens are ASCII). */
export declare const MAX_TOKEN_LENGTH: number;

/** A delivery was refused. The message never contains a signing key. */
export declare class SignatureError extends Error {
  constructor(code: ErrorCode, message: string);
  readonly name: "SignatureError";
  readonly code: ErrorCode;
}

export interface ReceiverConfig {
  /** The current signing key (QStash console → Signing keys). Required. */
  currentSigningKey: string;
  /** The next signing key; optional (the official SDK demands it). */
  nextSigningKey?: string | null;
}

export interface VerifyRequest {
  /** The `Upstash-Signature` header value. */
  signature: string | null | undefined;
  /** The raw body: a string is hashed as UTF-8; bytes as they are; null or undefined as empty. */
  body?: string | Uint8Array | ArrayBuffer | ArrayBufferView | null;
  /**
   * The url the message was published to: `sub` must equal it (or one of a list).
   * Absent: not checked, as in `@upstash/qstash`; a token for another endpoint of the same
   * account is then accepted too.
   */
  url?: string | readonly string[];
  /** Seconds of clock skew tolerated on `exp` and `nbf`. Default 0. */
  clockTolerance?: number;
  /** The verification time in unix seconds, for tests. Default: `Date.now()`. */
  now?: number;
}

/** The claims of a verified token, and which key signed it. */
export interface VerifiedClaims {
  iss: "Upstash";
  /** The destination url. */
  sub: string;
  exp: number;
  nbf: number;
  iat?: number;
  jti?: string;
  aud?: string;
  /** base64url(SHA-256(body)) as in the token. */
  body: string;
  /** `"next"` once QStash has rolled its keys: the old current key can then be retired. */
  key: "current" | "next";
}

/** The shape of `@upstash/qstash`'s `Receiver`: switching is a change of import. */
export declare class Receiver {
  /** @throws SignatureError `missing_signing_key` when `currentSigningKey` is absent or empty. */
  constructor(config: ReceiverConfig);
  /** Resolves `true`, or rejects with `SignatureError` (or `TypeError` for arguments of the wrong type). */
  verify(request: VerifyRequest): Promise<boolean>;
  /** The same rules, synchronous: returns the claims or throws `SignatureError` / `TypeError`. */
  verifySync(request: VerifyRequest): VerifiedClaims;
}
