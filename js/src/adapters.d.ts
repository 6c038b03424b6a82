// Types shared by the framework adapters (qstash-verifier/nextjs, /h3, /express, ...).
import type { Receiver, VerifiedClaims } from "./index.js";

/**
 * The SDK's `VerifySignatureConfig` (`currentSigningKey`, `nextSigningKey`, `url`,
 * `clockTolerance`, `devMode`), plus options of ours. Keys come from here, else from the
 * environment, read when a request comes (never when the module loads).
 */
export interface VerifySignatureConfig {
  currentSigningKey?: string;
  nextSigningKey?: string;
  /**
   * The route's full url as QStash was given it (or a list): `sub` must equal it. Set it in
   * production. Without `url` or `origin`, only the path of `sub` is checked against the
   * request's path.
   */
  url?: string | readonly string[];
  /** A trusted scheme and host (`https://example.com`): `sub` must equal it plus the request's path. */
  origin?: string;
  /** Seconds of clock skew tolerated on `exp` and `nbf`. Default 0. */
  clockTolerance?: number;
  /** The local QStash dev server's public keys (refused when NODE_ENV is "production"). */
  devMode?: boolean;
  /** A Receiver to verify with, instead of one built from the keys above. */
  receiver?: Receiver;
  /** The longest body accepted, in bytes (413 `body_too_large` above it). Default 50 MiB. */
  maxBodyBytes?: number;
  /** The environment to read keys from (a Worker's `env`). Default: `process.env`. */
  env?: Record<string, string | undefined>;
}

/** What a verified delivery gives the handler. */
export interface QStashDelivery {
  /** The verified claims, with `jti` and the key that matched (`key`). */
  claims: VerifiedClaims;
  body: {
    /** The body decoded as UTF-8. */
    text: string;
    /** The raw bytes that were verified. */
    bytes: Uint8Array;
  };
}

/** A refusal's answer: its HTTP status and JSON body. */
export interface Refusal {
  status: 401 | 413 | 500;
  body: { error: string };
}
