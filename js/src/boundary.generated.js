// Generated from src/boundary.rs and src/error.rs by tests/generated.rs: do not edit.
// What each constant means: src/boundary.rs.
export const MAX_TOKEN_LEN = 16384;
export const MAX_URL_LEN = 16384;
export const FLAG_BODY = 1;
export const FLAG_URLS = 2;
export const FLAG_CLAIMS = 4;
export const FLAG_PATH = 8;
export const FLAG_LIMIT = 16;
export const OUT_STATUS = 0;
export const OUT_MESSAGE = 1;
export const OUT_KEY = 1;
export const OUT_HAS_IAT = 2;
export const OUT_HAS_JTI = 3;
export const OUT_HAS_AUD = 4;
export const OUT_EXP = 5;
export const OUT_NBF = 13;
export const OUT_IAT = 21;
export const OUT_LENGTHS = 29;
export const OUT_STRINGS = 49;
export const STATUS_ACCEPTED = 0;
export const STATUS_BAD_INPUT = 1;
export const STATUS_REFUSED = 2;
/**
 * Every `SignatureError.code`, in the order of the checks. Adding a code is a minor change; renaming
 * one is a major change.
 * @typedef {(
 *   | "missing_signature"
 *   | "token_too_large"
 *   | "malformed_token"
 *   | "unsupported_algorithm"
 *   | "invalid_signature"
 *   | "invalid_issuer"
 *   | "invalid_claims"
 *   | "token_expired"
 *   | "token_not_yet_valid"
 *   | "url_mismatch"
 *   | "body_too_large"
 *   | "body_mismatch"
 *   | "missing_signing_key"
 * )} ErrorCode
 */

/**
 * Every `SignatureError.code`, in the order of the checks (`Error::CODES`).
 * @type {readonly ErrorCode[]}
 */
export const ERROR_CODES = Object.freeze([
  "missing_signature",
  "token_too_large",
  "malformed_token",
  "unsupported_algorithm",
  "invalid_signature",
  "invalid_issuer",
  "invalid_claims",
  "token_expired",
  "token_not_yet_valid",
  "url_mismatch",
  "body_too_large",
  "body_mismatch",
  "missing_signing_key",
]);
