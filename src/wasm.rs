//! The wasm-bindgen face of the core: the module every JS entry of the npm package loads
//! (`js/src/core.js`). The only module that knows about wasm-bindgen.
//!
//! Three exports, and no state between calls (see [`crate::boundary`]): [`verify`] does the
//! whole verification of one delivery from one request, and [`sha256_update`] /
//! [`sha256_finish`] hash a body in chunks whose state the caller holds, for runtimes without a
//! native SHA-256 (wasm memory stays flat whatever the body's size). No export returns an
//! error: a refusal is part of [`verify`]'s outcome, so any exception out of a call means the
//! call was abandoned (a JS exception through wasm, or a trap), and the shim then makes a new
//! instance of the module.
//!
//! No `#[wasm_bindgen]` structs either: wasm-bindgen frees those from a `FinalizationRegistry`
//! callback, and on Node.js 16 a process whose garbage collector runs such a callback while it
//! exits hangs for ever.

use alloc::vec::Vec;

use wasm_bindgen::prelude::*;

use crate::boundary;

// The panic handler (without `std`) and the allocator, shared with bench/floor.
mod runtime;

/// Verifies one delivery: `input` is a request laid out as [`crate::boundary`] says (keys,
/// token, urls, the body's SHA-256), `now` the time and `clock_tolerance` the skew allowed, in
/// seconds (the shim passes safe integers; `as` saturates). Returns the outcome, laid out as
/// [`crate::boundary`] says: the claims, or the refusal's code and message.
#[wasm_bindgen]
pub fn verify(input: &[u8], now: f64, clock_tolerance: f64) -> Vec<u8> {
    boundary::verify(input, now as i64, clock_tolerance as u64)
}

/// `state` with `chunk` hashed into it (see [`boundary::sha256_update`]): a new state, or an
/// empty array when `state` is not a hashing state. (Returned rather than written back into
/// `state`, which would need a JS object held across the call.)
#[wasm_bindgen]
pub fn sha256_update(state: &[u8], chunk: &[u8]) -> Vec<u8> {
    let mut next = state.to_vec();
    if boundary::sha256_update(&mut next, chunk) {
        next
    } else {
        Vec::new()
    }
}

/// The SHA-256 of what was hashed into `state`; empty when `state` is not a hashing state.
#[wasm_bindgen]
pub fn sha256_finish(state: &[u8]) -> Vec<u8> {
    boundary::sha256_finish(state).map_or_else(Vec::new, |d| d.to_vec())
}

/// The cases of `tests/vectors.json`, read as `tests/vectors.rs` reads them.
#[cfg(test)]
#[path = "../tests/common/mod.rs"]
mod vector_cases;

/// Every vector of `tests/vectors.json` through the [`verify`] export, with its body hashed by
/// [`sha256_update`] / [`sha256_finish`]: run by `wasm-pack test --node` with the package's
/// features (`--no-default-features`), so these are the exports that ship.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::boundary::{decode_outcome, encode_request, SHA256_STATE_LEN};
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::vector_cases as common;

    /// The body's SHA-256 through the module's chunked hasher, in chunks of 7 bytes.
    fn digest(body: &[u8]) -> [u8; 32] {
        let mut state = vec![0u8; SHA256_STATE_LEN];
        for chunk in body.chunks(7) {
            state = sha256_update(&state, chunk);
            assert_eq!(state.len(), SHA256_STATE_LEN);
        }
        sha256_finish(&state).try_into().expect("32 bytes")
    }

    #[wasm_bindgen_test]
    fn every_vector_through_the_verify_export() {
        let mut seen = std::collections::BTreeSet::new();
        let (mut accepted, mut refused) = (0, 0);
        for case in common::cases() {
            let current = case.current.as_deref().unwrap_or("");
            let urls: Option<Vec<&str>> = case
                .urls
                .as_ref()
                .map(|u| u.iter().map(String::as_str).collect());
            let d = digest(&case.body);
            let input = encode_request(
                (current, case.next.as_deref()),
                &case.token,
                urls.as_deref(),
                Some(&d),
                true,
            );
            let outcome = verify(&input, case.now as f64, case.clock_tolerance as f64);
            match (decode_outcome(&outcome), common::expected(&case)) {
                (Ok((key, Some(claims))), Ok(want_key)) => {
                    assert_eq!(key.as_str(), want_key, "{}", case.id);
                    let want = &case.expect["claims"];
                    assert_eq!(
                        Some(claims.sub.as_str()),
                        want["sub"].as_str(),
                        "{}",
                        case.id
                    );
                    assert_eq!(
                        Some(claims.body.as_str()),
                        want["body"].as_str(),
                        "{}",
                        case.id
                    );
                    assert_eq!(Some(claims.exp), want["exp"].as_i64(), "{}", case.id);
                    assert_eq!(claims.jti.as_deref(), want["jti"].as_str(), "{}", case.id);
                    accepted += 1;
                }
                (Err((got, _)), Err(code)) => {
                    assert_eq!(got, code, "{}", case.id);
                    seen.insert(code.to_string());
                    refused += 1;
                }
                (got, want) => panic!("{}: got {got:?}, want {want:?}", case.id),
            }
        }
        assert_eq!(seen.len(), crate::Error::CODES.len(), "{seen:?}");
        wasm_bindgen_test::console_log!(
            "the wasm verify export: {} vectors, {accepted} accepted and {refused} refused as expected",
            accepted + refused
        );
    }

    #[wasm_bindgen_test]
    fn the_token_alone_is_checked_before_the_body() {
        let token = crate::sign(
            "sig_k",
            &crate::SignOptions {
                url: "https://a/b",
                body: b"x",
                now: 100,
                ttl: 300,
                jti: "j",
            },
        )
        .expect("signed");
        let urls: &[&str] = &["https://a/b"];
        let alone = encode_request(("sig_k", None), &token, Some(urls), None, false);
        assert_eq!(
            decode_outcome(&verify(&alone, 101.0, 0.0)).map(|(k, c)| (k, c.is_none())),
            Ok((crate::KeyUsed::Current, true))
        );
        let wrong = encode_request(("sig_other", None), &token, Some(urls), None, false);
        let (code, _) = decode_outcome(&verify(&wrong, 101.0, 0.0)).expect_err("forged");
        assert_eq!(code, "invalid_signature");
        let late = decode_outcome(&verify(&alone, 1000.0, 0.0)).expect_err("expired");
        assert_eq!(late.0, "token_expired");
    }
}
