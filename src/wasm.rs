//! The wasm-bindgen face of the core: the module every JS entry of the npm package loads
//! (`js/src/core.js`). The only module that knows about wasm-bindgen.
//!
//! Three exports: [`verify`] does the whole verification of one delivery from one request (see
//! [`crate::boundary`]), and [`sha256_update`] / [`sha256_finish`] hash a body in chunks, for
//! runtimes without a native SHA-256 (wasm memory stays flat whatever the body's size). No export returns an
//! error: a refusal is part of [`verify`]'s outcome, so any exception out of a call means the
//! call was abandoned (a JS exception through wasm, or a trap), and the shim then makes a new
//! instance of the module.
//!
//! No `#[wasm_bindgen]` structs either: wasm-bindgen frees those from a `FinalizationRegistry`
//! callback, and on Node.js 16 a process whose garbage collector runs such a callback while it
//! exits hangs for ever.

use sha2::{Digest, Sha256};
use wasm_bindgen::prelude::*;

use crate::boundary;

// The panic handler (without `std`) and the allocator, shared with tools/bench/floor.
mod runtime;
/// With the `tools` feature (the package's second .wasm): `sign` and `diagnose`.
#[cfg(feature = "tools")]
mod tools;

/// Verifies one delivery: `input` is a request laid out as [`crate::boundary`] says (keys,
/// token, urls, the body's SHA-256), `now` the time and `clock_tolerance` the skew allowed, in
/// seconds (the shim passes safe integers; `as` saturates). Writes the outcome, laid out as
/// [`crate::boundary`] says (the claims, or the refusal's code and message), into `out` and
/// returns its length; when that is more than `out` holds, nothing is written and the caller
/// calls again with room for it. (Into the caller's buffer, which the shim keeps, rather than
/// returned: a new `ArrayBuffer` on every call costs more than the rest of the glue.)
#[wasm_bindgen]
pub fn verify(input: &[u8], out: &mut [u8], now: f64, clock_tolerance: f64) -> u32 {
    let outcome = boundary::verify(input, now as i64, clock_tolerance as u64);
    if let Some(room) = out.get_mut(..outcome.len()) {
        room.copy_from_slice(&outcome);
    }
    // At most the input's length plus a message of bounded length: exact as a u32.
    outcome.len() as u32
}

/// The body being hashed, for runtimes without a native SHA-256. One per instance: the shim hashes
/// one body at a time and refuses a nested call (js/src/core.js, `busy`), and a lock left taken by
/// an abandoned call goes with the instance the shim then replaces.
static BODY: spin::Mutex<Option<Sha256>> = spin::Mutex::new(None);

/// Hashes the next `chunk` of a body (`first`: the start of a new body). The shim sends chunks of
/// bounded size, so wasm memory stays flat whatever the body's size.
#[wasm_bindgen]
pub fn sha256_update(chunk: &[u8], first: bool) {
    // Held only by an abandoned call: then `sha256_finish` says so.
    if let Some(mut body) = BODY.try_lock() {
        if first {
            *body = None;
        }
        body.get_or_insert_with(Sha256::new).update(chunk);
    }
}

/// Writes the SHA-256 of the body hashed so far (of no bytes when none was) into `digest` (32
/// bytes), and resets the hasher; false when the hasher is held (only by an abandoned call) or
/// `digest` is not 32 bytes.
#[wasm_bindgen]
pub fn sha256_finish(digest: &mut [u8]) -> bool {
    match (BODY.try_lock(), digest.len()) {
        (Some(mut body), 32) => {
            digest.copy_from_slice(&body.take().unwrap_or_default().finalize());
            true
        }
        _ => false,
    }
}

/// Where this call's frame is on the shadow stack (the address of a local): the same at every
/// call from JS while the stack pointer is where it should be. Kept for the tests
/// (js/test/hostile-callers.test.mjs), which read it before and after exceptions through wasm.
#[doc(hidden)]
#[wasm_bindgen]
pub fn stack_pointer() -> u32 {
    let marker = 0u8;
    // A wasm32 address: exact as a u32.
    core::hint::black_box(&marker) as *const u8 as usize as u32
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
    use crate::boundary::{decode_outcome, encode_request};
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::vector_cases as common;

    /// The export called as the shim calls it: with too little room first, then with enough.
    fn run(input: &[u8], now: f64, tolerance: f64) -> Vec<u8> {
        let mut out = vec![0u8; 1];
        let len = verify(input, &mut out, now, tolerance) as usize;
        if len > out.len() {
            out = vec![0u8; len];
            assert_eq!(verify(input, &mut out, now, tolerance) as usize, len);
        }
        out.truncate(len);
        out
    }

    /// The body's SHA-256 through the module's chunked hasher, in chunks of 7 bytes.
    fn digest(body: &[u8]) -> [u8; 32] {
        sha256_update(b"left from an earlier body", true);
        let mut first = true;
        for chunk in body.chunks(7) {
            sha256_update(chunk, first);
            first = false;
        }
        if first {
            sha256_update(b"", true);
        }
        let mut d = [0u8; 32];
        assert!(sha256_finish(&mut d));
        d
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
            let outcome = run(&input, case.now as f64, case.clock_tolerance as f64);
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
        // All but body_too_large, which comes from a body's length (src/boundary.rs tests it).
        assert_eq!(seen.len(), crate::Error::CODES.len() - 1, "{seen:?}");
        assert!(!seen.contains("body_too_large"));
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
            decode_outcome(&run(&alone, 101.0, 0.0)).map(|(k, c)| (k, c.is_none())),
            Ok((crate::KeyUsed::Current, true))
        );
        let wrong = encode_request(("sig_other", None), &token, Some(urls), None, false);
        let (code, _) = decode_outcome(&run(&wrong, 101.0, 0.0)).expect_err("forged");
        assert_eq!(code, "invalid_signature");
        let late = decode_outcome(&run(&alone, 1000.0, 0.0)).expect_err("expired");
        assert_eq!(late.0, "token_expired");
    }
}
