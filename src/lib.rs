//! Verifies the `Upstash-Signature` header that Upstash QStash puts on every webhook delivery.
//!
//! The header is an HS256 JWT whose claims name the destination url (`sub`), a validity window
//! (`nbf`, `exp`) and the SHA-256 of the raw body (`body`). A receiver holds the *current*
//! signing key and, while keys are rolled, the *next* one: a [`Verifier`]. What a delivery must
//! satisfy besides its signature is an [`Expect`]: the url, and the time, which is a parameter.
//!
//! ```
//! use qstash_verifier::{Expect, KeyUsed, Verifier};
//!
//! // A real delivery (published in upstash/qstash-js's examples).
//! let token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiIiLCJib2R5IjoicFpHbTFBdjBJRUJLQVJjeno3ZXhrTllzWmI4THphTXJWN0ozMmEyZkZHND0iLCJleHAiOjE2NTc1MzA3NTYsImlhdCI6MTY1NzUzMDQ1NiwiaXNzIjoiVXBzdGFzaCIsImp0aSI6Imp3dF83QXFHbkRLV3dLTmY2dEdUNExnRjhqdENEQjhqIiwibmJmIjoxNjU3NTMwNDU2LCJzdWIiOiJodHRwczovL3FzdGFzaC1wcm9kLWFuZHJlYXMucmVxdWVzdGNhdGNoZXIuY29tL3Rlc3QifQ.GzDXaBRUAqx0KPE-WxfZVVceJll3T1RgxdTRbWPZw8s";
//! let verifier = Verifier::new("sig_3nj4aiyJ2JojDnQ1RRodpYubZAZxAJxNfQcRSKPwVUNbueYk2o", None)?;
//! let expect = Expect::new("https://qstash-prod-andreas.requestcatcher.com/test", 1_657_530_516);
//! let verified = verifier.verify(token, b"Hello World", &expect)?;
//! assert_eq!(verified.key, KeyUsed::Current);
//! assert_eq!(verified.claims.iss, "Upstash");
//!
//! // One byte of body changed: refused, with a stable code.
//! let err = verifier.verify(token, b"Hello World!", &expect).unwrap_err();
//! assert_eq!(err.code(), "body_mismatch");
//! # Ok::<(), qstash_verifier::Error>(())
//! ```
//!
//! ## The url
//!
//! [`Expect::new`] wants `sub` to be exactly the url the message was published to. A list is
//! [`Url::AnyOf`]; the request's path alone, for a server with no trusted source for its host, is
//! [`Url::Path`]; skipping the check has to be said, [`Url::Unchecked`], since a token for one
//! endpoint of the account is then accepted by every other one.
//!
//! ```
//! use qstash_verifier::{sign, Expect, SignOptions, Url, Verifier};
//!
//! // A token as QStash would mint it for https://example.com/api/qstash (sign() is for tests).
//! let url = "https://example.com/api/qstash";
//! let opts = SignOptions { url, body: b"{}", now: 1_700_000_000, ttl: 300, jti: "jwt_doc" };
//! let token = sign("sig_current", &opts)?;
//! let verifier = Verifier::new("sig_current", Some("sig_next"))?;
//!
//! let path_only = Expect { url: Url::Path("/api/qstash"), ..Expect::new(url, 1_700_000_010) };
//! assert!(verifier.verify(&token, b"{}", &path_only).is_ok());
//! let other = Expect { url: Url::Path("/api/other"), ..path_only };
//! assert_eq!(verifier.verify(&token, b"{}", &other).unwrap_err().code(), "url_mismatch");
//! # Ok::<(), qstash_verifier::Error>(())
//! ```
//!
//! A server that streams the body hashes it itself and calls [`Verifier::verify_digest`];
//! [`Verifier::check_token`] runs every check but the body's, so a forged or expired token is
//! refused before a byte of the body is read, and [`check_body_len`] is the body limit's rule.
//!
//! ## The checks, in order
//! 1. Size and structure, no key needed: an empty token is `missing_signature`, one longer than
//!    [`MAX_TOKEN_LEN`] is `token_too_large`; three segments of canonical unpadded base64url, a
//!    header that is a JSON object without duplicated members, else `malformed_token`; `alg`
//!    exactly `HS256` and no `crit`, else `unsupported_algorithm`.
//! 2. The MAC: HMAC-SHA256 over `header.payload`, checked in constant time with the current
//!    key, then the next key; neither is `invalid_signature`.
//! 3. With the key that matched, the claims: types (`invalid_claims`), `iss == "Upstash"`
//!    (`invalid_issuer`), `exp` (`token_expired`), `nbf` (`token_not_yet_valid`), `sub`
//!    (`url_mismatch`) and `body` (`body_mismatch`).
//!
//! Each refusal is an [`Error`] whose [`Error::code`] is stable: adding a code is a minor version,
//! renaming one a major version. Messages never contain a key.
//!
//! ## Features
//! - `std` (default): the standard library; without it the wasm build is `no_std`.
//! - `axum`: `qstash_verifier::axum::Verified`, an axum 0.8 extractor that checks the token before
//!   it reads the body and answers a refusal 401 `{"error":"<code>"}`.
//! - `tools`: the npm package's second `.wasm` (`sign` and the command's diagnosis).
//!
//! ## Layout
//! - [`error`](Error): the error enum and its codes.
//! - `token`: size, segments, base64url, header. `b64`: canonical base64url. `json`: the strict
//!   JSON reader.
//! - [`Claims`]: reading and typing the claims.
//! - [`Verifier`]: keys, [`Expect`] and the verification.
//! - [`sign()`]: tokens minted exactly as QStash mints them, for tests.
//! - `wasm` (only on `wasm32`): the wasm-bindgen exports, the same with and without the default
//!   `std` feature (the npm package builds without it: `no_std`): `verify`, one whole
//!   verification from one request, and the body's SHA-256 in chunks. `boundary`: the bytes of
//!   those requests and outcomes, defined once (the JS shim's constants are generated from it).
//! - `diagnose` (with `std`): every check run on its own, for the npm command's `inspect`; with
//!   the `tools` feature, `wasm` also exports it and [`sign()`] (the package's second `.wasm`,
//!   which only `sign()` and the command load).
//! - `axum` (with the `axum` feature): an axum 0.8 extractor that verifies a delivery.
//!
//! The guide (`docs/rust.md`, shipped in this crate's package with the other pages of `docs/`)
//! covers the rest: `sign` for tests, the HTTP server example, MSRV, and the wasm module's
//! low-level API that the npm package is built on.
#![forbid(unsafe_code)]
// Without the `std` feature (the npm package's build), the wasm build is `no_std`: no std panic
// and formatting machinery in the `.wasm` (see Cargo.toml).
#![cfg_attr(all(target_arch = "wasm32", not(feature = "std"), not(test)), no_std)]

extern crate alloc;

#[cfg(feature = "axum")]
pub mod axum;
mod b64;
#[doc(hidden)]
pub mod boundary;
mod claims;
// The diagnosis of the npm package's `qstash-verifier inspect` (its tools .wasm, the `tools`
// feature, and the Rust tests): never in the verifying build, which has no `std`.
#[cfg(feature = "std")]
#[doc(hidden)]
pub mod diagnose;
mod error;
#[doc(hidden)]
pub mod fuzzing;
mod json;
mod sign;
mod token;
mod verifier;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use claims::Claims;
pub use error::Error;
pub use sign::{sign, SignOptions};
pub use verifier::{check_body_len, Expect, KeyUsed, SigningKey, Url, Verified, Verifier};

/// Longest token accepted, in bytes: 16 KiB. A QStash token is about 400 bytes plus 4/3 of the
/// url's length, so urls of 11 KB still fit.
pub const MAX_TOKEN_LEN: usize = 16 * 1024;

// The Rust blocks of the README and of the docs pages are doctests, so the guides cannot drift
// from the API; they are compiled only by `cargo test --doc`, never into the crate.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

#[cfg(doctest)]
#[doc = include_str!("../docs/rust.md")]
pub struct RustGuideDoctests;
