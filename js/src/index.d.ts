// BEGIN GENERATED ErrorCode (tests/generated.rs)
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
  | "body_too_large"
  | "body_mismatch"
  | "missing_signing_key";
// END GENERATED ErrorCode

export declare const ERROR_CODES: readonly ErrorCode[];

/** Longest `Upstash-Signature` accepted (16384; tokens are ASCII). */
export declare const MAX_TOKEN_LENGTH: number;

/** A delivery was refused. The message never contains a signing key. */
export declare class SignatureError extends Error {
  constructor(code: ErrorCode, message: string);
  readonly name: "SignatureError";
  readonly code: ErrorCode;
}

/**
 * Where the keys come from, in order (as `@upstash/qstash` 2.12's `Receiver`): dev mode; these
 * keys; the environment (`env`, else `process.env`): `QSTASH_CURRENT_SIGNING_KEY` /
 * `QSTASH_NEXT_SIGNING_KEY`, or with `QSTASH_REGION` set, `${REGION}_QSTASH_CURRENT_SIGNING_KEY`
 * / `${REGION}_QSTASH_NEXT_SIGNING_KEY` for the request's `upstashRegion`.
 */
export interface ReceiverConfig {
  /** The current signing key (QStash console → Signing keys). Absent: from the environment. */
  currentSigningKey?: string | null;
  /** The next signing key; optional (the official SDK demands it). */
  nextSigningKey?: string | null;
  /**
   * `true`: verify with the local QStash dev server's public keys (refused, with
   * `SignatureError` `missing_signing_key`, when `NODE_ENV` is `"production"`); `false`: never;
   * absent: as `QSTASH_DEV` says (`"true"` / `"1"`).
   */
  devMode?: boolean;
  /** The environment variables to read (a Worker's `env`, `Deno.env.toObject()`). Default: `process.env` where it exists. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** What `sign` puts in a token. */
export interface SignOptions {
  /** The key to sign with. Empty or absent: `SignatureError` `missing_signing_key`. */
  signingKey: string;
  /** The destination url (`sub`). */
  url: string;
  /** The raw body; a string is hashed as UTF-8. */
  body?: string | Uint8Array | ArrayBuffer | ArrayBufferView | null;
  /** Issue time (`iat`, `nbf`), unix seconds. Default: now. */
  now?: number;
  /** Lifetime in seconds (`exp = now + ttl`). Default 300, as QStash. */
  ttl?: number;
  /** The token id. Default: `jwt_` and 28 random letters and digits, as QStash. */
  jti?: string;
}

/**
 * Mints an `Upstash-Signature` token exactly as QStash does, for tests of handlers:
 * header `{"alg":"HS256","typ":"JWT"}`, claims `aud: ""`, `body`, `exp`, `iat`, `iss: "Upstash"`,
 * `jti`, `nbf`, `sub`. Runs in the package's second .wasm (`qstash_verifier_tools_bg.wasm`),
 * loaded on the first call: on Node from `dist/tools.cjs` beside `dist/node.cjs` (copy both
 * files next to a single-file bundle); with `qstash-verifier/wasm`, after `initToolsWasm`.
 */
export declare function sign(options: SignOptions): string;

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
  /**
   * Instead of `url`: the request's path (`/api/qstash`), which the path of `sub` must equal,
   * for a receiver with no trusted source for its host.
   */
  path?: string;
  /** Seconds of clock skew tolerated on `exp` and `nbf`. Default 0. */
  clockTolerance?: number;
  /** The verification time in unix seconds, for tests. Default: `Date.now()`. */
  now?: number;
  /** The `upstash-region` header: selects the keys when `QSTASH_REGION` is set (multi-region). */
  upstashRegion?: string | null;
  /** The longest body accepted, in bytes: a longer one is refused as `body_too_large`, unhashed. */
  maxBodyBytes?: number;
}

/** What `checkToken` checks: the request without its body, and the body's declared length. */
export interface TokenRequest extends Omit<VerifyRequest, "body"> {
  /** The body's declared (or so far read) length, checked against `maxBodyBytes`. */
  bodyLength?: number;
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
  /** @throws SignatureError `missing_signing_key` when no key is found (see `ReceiverConfig`). */
  constructor(config?: ReceiverConfig);
  /** Resolves `true`, or rejects with `SignatureError` (or `TypeError` for arguments of the wrong type). */
  verify(request: VerifyRequest): Promise<boolean>;
  /** The same rules, synchronous: returns the claims or throws `SignatureError` / `TypeError`. */
  verifySync(request: VerifyRequest): VerifiedClaims;
  /**
   * Every check but the body's, for an adapter to call before it reads a body; returns the key
   * that matched. Not a verification: the body must still go through `verifySync` or `verify`.
   */
  checkToken(request: TokenRequest): { key: "current" | "next" };
}

/** What `verifyRequest` reads: any Fetch-API `Request` fits (Workers, Next.js, Hono's `c.req.raw`, Deno, Bun, undici). */
export interface FetchRequestLike {
  readonly url: string;
  readonly headers: { get(name: string): string | null };
  readonly bodyUsed?: boolean;
  /** The body stream, read up to `maxBodyBytes` when there is one; else `arrayBuffer()` is used. */
  readonly body?: { getReader(): unknown } | null;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface VerifyRequestOptions {
  /**
   * The url QStash signed for (a string or a list): `sub` must equal it. Set it in production.
   * Default (since 0.2.0): only the path of `sub` is checked, against `request.url`'s path; the
   * host of `request.url` comes from the sender's `Host` header and is never trusted.
   */
  url?: string | readonly string[];
  /** A trusted scheme and host (`https://example.com`): `sub` must equal it plus the request's path. */
  origin?: string;
  /** The longest body accepted, in bytes. Default 50 MiB (QStash's largest message). */
  maxBodyBytes?: number;
  /** Seconds of clock skew tolerated on `exp` and `nbf`. Default 0. */
  clockTolerance?: number;
  /** The verification time in unix seconds, for tests. Default: `Date.now()`. */
  now?: number;
}

/** A verified request: the claims, and the body that was read to verify it. */
export interface VerifiedRequest {
  claims: VerifiedClaims;
  body: {
    /** The body decoded as UTF-8 (as `request.text()` would). */
    text: string;
    /** The raw body bytes, as hashed. */
    bytes: Uint8Array;
  };
}

/**
 * Reads the body once, verifies the `Upstash-Signature` header against it and the url, and
 * resolves the claims and the body; rejects with `SignatureError` (`.code`), or `TypeError` for
 * arguments of the wrong type or a body already read. Works with a `Receiver` from any entry.
 */
export declare function verifyRequest(
  request: FetchRequestLike,
  receiver: Pick<Receiver, "verifySync"> & Partial<Pick<Receiver, "checkToken">>,
  options?: VerifyRequestOptions,
): Promise<VerifiedRequest>;
