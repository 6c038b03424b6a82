// The types shared by the framework adapters (qstash-verifier/nextjs, /h3, /express, ...), which
// the build emits as dist/adapters.d.ts. Types only: no adapter imports this file at run time.

/** @import { Receiver, VerifiedClaims } from "./core.js" */

/**
 * The SDK's `VerifySignatureConfig` (`currentSigningKey`, `nextSigningKey`, `url`,
 * `clockTolerance`, `devMode`), plus options of ours. Keys come from here, else from the
 * environment, read when a request comes (never when the module loads).
 * @typedef {object} VerifySignatureConfig
 * @property {string} [currentSigningKey]
 * @property {string} [nextSigningKey]
 * @property {string | readonly string[]} [url] The route's full url as QStash was given it (or a
 *   list): `sub` must equal it. Set it in production. Without `url` or `origin`, only the path of
 *   `sub` is checked against the request's path.
 * @property {string} [origin] A trusted scheme and host (`https://example.com`): `sub` must equal
 *   it plus the request's path.
 * @property {number} [clockTolerance] Seconds of clock skew tolerated on `exp` and `nbf`. Default 0.
 * @property {boolean} [devMode] The local QStash dev server's public keys (refused when NODE_ENV
 *   is "production").
 * @property {Receiver} [receiver] A Receiver to verify with, instead of one built from the keys above.
 * @property {number} [maxBodyBytes] The longest body accepted, in bytes (413 `body_too_large`
 *   above it). Default 50 MiB.
 * @property {Record<string, string | undefined>} [env] The environment to read keys from (a
 *   Worker's `env`). Default: `process.env`.
 */

/**
 * What a verified delivery gives the handler.
 * @typedef {object} QStashDelivery
 * @property {VerifiedClaims} claims The verified claims, with `jti` and the key that matched (`key`).
 * @property {{ text: string, bytes: Uint8Array }} body `text`, the body decoded as UTF-8, and
 *   `bytes`, the raw bytes that were verified.
 */

/**
 * A refusal's answer: its HTTP status and JSON body.
 * @typedef {{ status: 401 | 413 | 500, body: { error: string } }} Refusal
 */

export {};
