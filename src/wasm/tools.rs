//! The exports of the package's second .wasm, built with the `tools` feature
//! (`node tools/build/build.mjs wasm-tools` → `js/wasm-tools/`), which only `sign()`
//! (`js/src/sign.js`) and the `qstash-verifier` command's `inspect` (`js/src/cli.js`) load, on
//! their first call: the verifying .wasm stays without them. Both are thin: [`crate::sign`] and
//! [`crate::diagnose::diagnose`] do the work, so the JS computes no HMAC, writes no token JSON and
//! decides nothing.
//!
//! As for the verifying exports (`src/wasm.rs`), no `#[wasm_bindgen]` struct (Node.js 16 hangs at
//! exit on a pending finalizer): strings in, a string or a plain JS object out.

use alloc::string::String;
use alloc::vec::Vec;

use wasm_bindgen::prelude::*;

use crate::diagnose::{diagnose as run, Input};

/// A token minted as QStash mints it ([`crate::sign`]): `body` is hashed here. `now` and `ttl`
/// are seconds (the shim passes safe integers; `as` saturates).
///
/// # Errors
/// The error's code (`"missing_signing_key"`) as a string when `signing_key` is empty.
#[wasm_bindgen]
pub fn sign(
    signing_key: &str,
    url: &str,
    body: &[u8],
    now: f64,
    ttl: f64,
    jti: &str,
) -> Result<String, JsValue> {
    let opts = crate::SignOptions {
        url,
        body,
        now: now as i64,
        ttl: ttl as i64,
        jti,
    };
    crate::sign(signing_key, &opts).map_err(|e| JsValue::from_str(e.code()))
}

/// The diagnosis of `token` ([`crate::diagnose`]) as a plain JS object: `body` and `urls` absent
/// (`undefined`) when not known, keys absent or empty when not known; `now` and
/// `clock_tolerance` in seconds (safe integers; `as` saturates).
///
/// # Errors
/// A JS error if the diagnosis cannot be made into a JS object (it always can: its integers are
/// written only when a JS number holds them).
#[wasm_bindgen]
pub fn diagnose(
    token: &str,
    body: Option<Vec<u8>>,
    urls: Option<Vec<String>>,
    current_key: Option<String>,
    next_key: Option<String>,
    now: f64,
    clock_tolerance: f64,
) -> Result<JsValue, JsValue> {
    let urls: Option<Vec<&str>> = urls
        .as_ref()
        .map(|list| list.iter().map(String::as_str).collect());
    let diagnosis = run(&Input {
        token,
        body: body.as_deref(),
        urls: urls.as_deref(),
        current_key: current_key.as_deref(),
        next_key: next_key.as_deref(),
        now: now as i64,
        clock_tolerance: clock_tolerance as u64,
    });
    serde_wasm_bindgen::to_value(&diagnosis).map_err(Into::into)
}
