//! The wasm-bindgen face of the core, used by the npm package's JS shim (`js/src/core.js`).
//! The only module that knows about wasm-bindgen and `js_sys`.
//!
//! The shim keeps one [`Keys`] per `Receiver`, feeds the body to a [`BodyHasher`] in
//! fixed-size chunks (so wasm memory does not grow with body size), then calls [`verify`].
//! Errors come back as `{ code, message }` objects, which the shim turns into `SignatureError`.

use serde::Serialize;
use sha2::{Digest, Sha256};
use wasm_bindgen::prelude::*;

use crate::{Error, Expect, SignOptions, Url, Verified, Verifier};

/// The signing keys of one receiver, prepared once.
#[wasm_bindgen]
pub struct Keys {
    verifier: Verifier,
}

#[wasm_bindgen]
impl Keys {
    /// Prepares the current and (optional) next signing keys.
    ///
    /// # Errors
    /// `{ code: "missing_signing_key" }` when `current` is absent or empty.
    #[wasm_bindgen(constructor)]
    pub fn new(current: Option<String>, next: Option<String>) -> Result<Keys, JsValue> {
        let verifier =
            Verifier::new(current.as_deref().unwrap_or(""), next.as_deref()).map_err(to_js)?;
        Ok(Keys { verifier })
    }
}

/// SHA-256 of a body that arrives in chunks.
#[wasm_bindgen]
#[derive(Default)]
pub struct BodyHasher {
    sha: Sha256,
}

#[wasm_bindgen]
impl BodyHasher {
    /// An empty hasher.
    #[wasm_bindgen(constructor)]
    pub fn new() -> BodyHasher {
        BodyHasher::default()
    }

    /// Hashes the next chunk of the body.
    pub fn update(&mut self, chunk: &[u8]) {
        self.sha.update(chunk);
    }

    /// Forgets what was hashed so far.
    pub fn reset(&mut self) {
        self.sha = Sha256::new();
    }
}

/// The verified claims as the JS package returns them.
#[derive(Serialize)]
struct JsClaims<'a> {
    iss: &'a str,
    sub: &'a str,
    exp: f64,
    nbf: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    iat: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    jti: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    aud: Option<&'a str>,
    body: &'a str,
    key: &'static str,
}

#[derive(Serialize)]
struct JsError {
    code: &'static str,
    message: String,
}

fn to_js(e: Error) -> JsValue {
    let err = JsError {
        code: e.code(),
        message: e.to_string(),
    };
    serde_wasm_bindgen::to_value(&err).unwrap_or_else(|_| JsValue::from_str(e.code()))
}

/// Verifies `token` against the body hashed so far in `body` (which is then reset).
///
/// `urls`: `undefined` skips the url check; otherwise `sub` must equal one of them.
/// `clock_tolerance` and `now` are seconds; the shim checks they are non-negative integers.
///
/// # Errors
/// `{ code, message }` with the code of the first rule broken (see [`Error`]).
#[wasm_bindgen]
pub fn verify(
    keys: &Keys,
    token: &str,
    body: &mut BodyHasher,
    urls: Option<Vec<String>>,
    clock_tolerance: f64,
    now: f64,
) -> Result<JsValue, JsValue> {
    let digest: [u8; 32] = std::mem::take(&mut body.sha).finalize().into();
    let url_refs: Vec<&str>;
    let url = match &urls {
        None => Url::Unchecked,
        Some(list) => {
            url_refs = list.iter().map(String::as_str).collect();
            Url::AnyOf(&url_refs)
        }
    };
    let expect = Expect {
        url,
        // `as` saturates: the shim has already refused what is not an integer.
        now: now as i64,
        clock_tolerance: clock_tolerance as u64,
    };
    let Verified { claims, key } = keys
        .verifier
        .verify_digest(token, &digest, &expect)
        .map_err(to_js)?;
    let out = JsClaims {
        iss: &claims.iss,
        sub: &claims.sub,
        exp: claims.exp as f64,
        nbf: claims.nbf as f64,
        iat: claims.iat.map(|n| n as f64),
        jti: claims.jti.as_deref(),
        aud: claims.aud.as_deref(),
        body: &claims.body,
        key: key.as_str(),
    };
    serde_wasm_bindgen::to_value(&out).map_err(JsValue::from)
}

/// Mints a token as QStash does (see [`crate::sign()`]): for tests of handlers.
///
/// # Errors
/// `{ code: "missing_signing_key" }` when `signing_key` is empty.
#[wasm_bindgen]
pub fn sign(
    signing_key: &str,
    url: &str,
    body: &[u8],
    now: f64,
    ttl: f64,
    jti: &str,
) -> Result<String, JsValue> {
    let opts = SignOptions {
        url,
        body,
        now: now as i64,
        ttl: ttl as i64,
        jti,
    };
    crate::sign(signing_key, &opts).map_err(to_js)
}
