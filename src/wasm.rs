//! The wasm-bindgen face of the core, used by the npm package's JS shim (`js/src/core.js`).
//! The only module that knows about wasm-bindgen and `js_sys`.
//!
//! The shim keeps one key handle ([`keys_new`]) per `Receiver`. For each delivery it hands
//! [`verify_digest`] the body's SHA-256: computed by the runtime where that is faster (the Node
//! entry uses `node:crypto`), else by [`body_update`] fed in fixed-size chunks (so wasm memory
//! does not grow with body size). [`verify_digest`] writes the claims as one compact record (see
//! `ClaimsRecord`) that the shim reads from wasm memory ([`record_ptr`]), or skips it for the
//! shim's `verify`, which does not return them. A refusal
//! comes back as the string `"<code>: <message>"` in the package's build (as `{ code, message }`
//! with the `std` feature: see `to_js`), which the shim turns into a `SignatureError`; a misuse
//! (an unknown handle, an input that does not fit) as an `Error`.
//!
//! With the `std` feature (the default) there are two more exports: `verify`, which returns the
//! claims as an object (serde-wasm-bindgen), and `sign`. The npm package is built without it
//! (scripts/build-wasm.sh): `no_std`, and a panic (a bug: the core returns errors) traps.

use alloc::string::String;
use alloc::vec::Vec;

use sha2::{Digest, Sha256};
use spin::Mutex;
use wasm_bindgen::prelude::*;

use crate::claims::ClaimsRef;
use crate::{Error, Expect, KeyUsed, Url, Verifier};

// The panic handler (without `std`) and the allocator, shared with bench/floor.
mod runtime;

// No `#[wasm_bindgen]` structs: wasm-bindgen frees those from a `FinalizationRegistry` callback
// that calls into wasm, and on Node.js 16 a process whose garbage collector runs such a callback
// while it exits hangs for ever. Key pairs live here behind integer handles, which the shim frees
// (js/src/core.js, `makeKeys`) outside of any finalizer; the body hasher is one per module.
// (`spin`'s locks, because `no_std` has no `thread_local!`. A wasm module runs on one thread, so
// a lock found taken was left so by a call that trapped: `locked` then gives an error, where
// waiting would spin for ever.)
static KEYS: Mutex<Vec<Option<Verifier>>> = Mutex::new(Vec::new());
static BODY: Mutex<Option<Sha256>> = Mutex::new(None);
/// The last claims record [`verify_digest`] wrote (see `ClaimsRecord`): kept here, where the shim
/// reads it ([`record_ptr`], [`wasm_memory`]), rather than returned as a string, which the glue
/// would decode with `TextDecoder` (2 µs for a record on Node.js 16) and free on every call. In
/// static memory, not on the heap, where a record kept between calls would split the room the
/// body's chunks take, and wasm memory would grow with the bodies seen.
static RECORD: Mutex<Record> = Mutex::new(Record {
    bytes: [0; RECORD_MAX],
    len: 0,
    overflow: false,
});

/// Room for the longest record: its strings come from the payload, at most 3/4 of a token's
/// [`crate::MAX_TOKEN_LEN`] bytes, and the rest of it is under 100 bytes.
const RECORD_MAX: usize = crate::MAX_TOKEN_LEN;

/// A claims record being written: `bytes[..len]`, and whether something did not fit.
struct Record {
    bytes: [u8; RECORD_MAX],
    len: usize,
    overflow: bool,
}

impl Record {
    fn clear(&mut self) {
        self.len = 0;
        self.overflow = false;
    }

    fn push(&mut self, bytes: &[u8]) {
        match self.bytes.get_mut(self.len..self.len + bytes.len()) {
            Some(room) => {
                room.copy_from_slice(bytes);
                self.len += bytes.len();
            }
            None => self.overflow = true,
        }
    }
}

/// `lock`, or an error if a call that trapped (a panic, a bug) left it taken.
fn locked<T>(lock: &'static Mutex<T>) -> Result<spin::MutexGuard<'static, T>, JsValue> {
    lock.try_lock().ok_or_else(|| {
        JsError::new("the wasm module trapped in an earlier call and cannot be used any more")
            .into()
    })
}

/// Prepares the current and next signing keys, each as its UTF-8 bytes (empty when there is no
/// next key); returns their handle. (Bytes, which the shim encodes, rather than strings: then the
/// glue has no string-passing code at all.)
///
/// # Errors
/// A refusal (see `to_js`) with the code `missing_signing_key` when `current` is empty; an
/// `Error` for bytes that are not UTF-8 (a bug in the caller).
#[wasm_bindgen]
pub fn keys_new(current: &[u8], next: &[u8]) -> Result<u32, JsValue> {
    let text =
        |key| core::str::from_utf8(key).map_err(|_| JsError::new("keys_new: a key is not UTF-8"));
    let verifier = Verifier::new(text(current)?, Some(text(next)?)).map_err(to_js)?;
    let mut slots = locked(&KEYS)?;
    // usize is u32 on wasm32: the handles are exact.
    if let Some((i, slot)) = slots.iter_mut().enumerate().find(|(_, s)| s.is_none()) {
        *slot = Some(verifier);
        return Ok(i as u32);
    }
    slots.push(Some(verifier));
    Ok((slots.len() - 1) as u32)
}

/// Forgets the key pair behind `handle` (from [`keys_new`]); an unknown handle is ignored.
///
/// # Errors
/// An `Error` after a trap (see `locked`).
#[wasm_bindgen]
pub fn keys_free(handle: u32) -> Result<(), JsValue> {
    if let Some(slot) = locked(&KEYS)?.get_mut(handle as usize) {
        *slot = None;
    }
    Ok(())
}

/// Runs `f` with the key pair behind `handle`.
fn with_keys<T>(
    handle: u32,
    f: impl FnOnce(&Verifier) -> Result<T, JsValue>,
) -> Result<T, JsValue> {
    match locked(&KEYS)?.get(handle as usize) {
        Some(Some(verifier)) => f(verifier),
        _ => Err(JsError::new("unknown key handle (freed, or not from keys_new)").into()),
    }
}

/// Starts hashing a new body (what was hashed so far is forgotten).
///
/// # Errors
/// An `Error` after a trap (see `locked`).
#[wasm_bindgen]
pub fn body_reset() -> Result<(), JsValue> {
    *locked(&BODY)? = None;
    Ok(())
}

/// Hashes the next chunk of the body; the shim sends fixed-size chunks, so wasm memory does not
/// grow with body size.
///
/// # Errors
/// An `Error` after a trap (see `locked`).
#[wasm_bindgen]
pub fn body_update(chunk: &[u8]) -> Result<(), JsValue> {
    locked(&BODY)?.get_or_insert_with(Sha256::new).update(chunk);
    Ok(())
}

/// The SHA-256 of the body hashed so far (32 bytes), for [`verify_digest`]; then resets.
///
/// # Errors
/// An `Error` after a trap (see `locked`).
#[wasm_bindgen]
pub fn body_digest() -> Result<Vec<u8>, JsValue> {
    Ok(take_digest()?.to_vec())
}

fn take_digest() -> Result<[u8; 32], JsValue> {
    Ok(locked(&BODY)?.take().unwrap_or_default().finalize().into())
}

/// The verified claims as [`verify`] returns them.
#[cfg(feature = "std")]
#[derive(serde::Serialize)]
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

/// A refusal as the shim receives it (and turns into a `SignatureError`): the string
/// `"<code>: <message>"` (no object, so the package's `.wasm` needs no `js_sys`).
#[cfg(not(feature = "std"))]
fn to_js(e: Error) -> JsValue {
    let mut refusal = String::from(e.code());
    refusal.push_str(": ");
    refusal.push_str(&e.message());
    JsValue::from_str(&refusal)
}

/// A refusal with the `std` feature, as fits the object-returning [`verify`]: the object
/// `{ code, message }`.
#[cfg(feature = "std")]
fn to_js(e: Error) -> JsValue {
    let refusal = js_sys::Object::new();
    for (name, value) in [("code", e.code().into()), ("message", e.message())] {
        // Setting a data property on a fresh plain object cannot fail.
        let _ = js_sys::Reflect::set(&refusal, &name.into(), &value.into());
    }
    refusal.into()
}

/// Verified claims as one record in wasm memory, which the shim (`js/src/core.js`, `claimsFrom`)
/// turns into the claims object: one read across the boundary instead of one per field (several
/// times faster than building the object from wasm, or than `JSON.parse`).
///
/// A header of `RECORD_HEAD` bytes, then the strings `iss`, `sub`, `jti`, `aud`, `body` in UTF-8,
/// one after the other (an absent one is empty). The header, little-endian: the key (0 current,
/// 1 next), then whether `iat`, `jti` and `aud` are present (0 or 1), one byte each; then `exp`,
/// `nbf` and `iat` (0 when absent) as `i64`s; then each string's length in UTF-16 code units as a
/// `u32`. The shim reads an `i64` as `hi * 2^32 + lo`, one rounding, as `i64 as f64` rounds.
struct ClaimsRecord;

/// The length of a `ClaimsRecord`'s header.
const RECORD_HEAD: usize = 4 + 3 * 8 + 5 * 4;

impl ClaimsRecord {
    /// Writes the record of `claims` into `out` (cleared first). Not inlined: `verify`'s path,
    /// which writes no record, then keeps `verify_digest` as lean as before.
    #[inline(never)]
    fn write(claims: &ClaimsRef<'_>, key: KeyUsed, out: &mut Record) {
        let strings = [
            Some(&*claims.iss),
            Some(&*claims.sub),
            claims.jti.as_deref(),
            claims.aud.as_deref(),
            Some(&*claims.body),
        ];
        let mut head = [0u8; RECORD_HEAD];
        let (flags, rest) = head.split_at_mut(4);
        let (numbers, lengths) = rest.split_at_mut(3 * 8);
        flags.copy_from_slice(&[
            u8::from(key == KeyUsed::Next),
            u8::from(claims.iat.is_some()),
            u8::from(claims.jti.is_some()),
            u8::from(claims.aud.is_some()),
        ]);
        let values = [claims.exp, claims.nbf, claims.iat.unwrap_or(0)];
        for (field, n) in numbers.chunks_exact_mut(8).zip(values) {
            field.copy_from_slice(&n.to_le_bytes());
        }
        for (field, s) in lengths.chunks_exact_mut(4).zip(strings) {
            let units = match s {
                // ASCII (the usual case): a code unit a byte. Otherwise every UTF-8 lead byte
                // is a code unit, and a four-byte character is two.
                Some(s) if s.is_ascii() => s.len(),
                Some(s) => s
                    .bytes()
                    .map(|b| usize::from(b & 0xc0 != 0x80) + usize::from(b >= 0xf0))
                    .sum(),
                None => 0,
            };
            // At most the payload's length: exact as a u32.
            field.copy_from_slice(&(units as u32).to_le_bytes());
        }
        out.clear();
        out.push(&head);
        for s in strings.into_iter().flatten() {
            out.push(s.as_bytes());
        }
    }
}

/// Verifies a token for a body whose SHA-256 the caller computed: the runtime's own SHA-256 (the
/// Node entry uses `node:crypto`) or [`body_digest`]. When `claims` is true, writes the claims
/// as a `ClaimsRecord` (a binary header, then UTF-8 strings) at [`record_ptr`] and returns its
/// length in bytes; otherwise
/// (the shim's `verify`, which resolves `true` and drops the claims) returns 0, without building
/// the record.
///
/// `input` holds everything else, so that one buffer crosses into wasm: the token's UTF-8 bytes
/// (`token_len` of them), then the expected urls' UTF-8 bytes one after the other, then where
/// each url ends (`urls` of them, each a little-endian `u32` counted from the start of `input`),
/// then the body's SHA-256 (32 bytes). `urls` is `undefined` to skip the url check; otherwise
/// `sub` must equal one of the urls. (Bytes written by the shim with `TextEncoder.encodeInto`,
/// several times faster than strings, which the glue copies one character at a time.)
/// `clock_tolerance` and `now` are seconds; the shim checks they are non-negative integers.
///
/// # Errors
/// A refusal (see `to_js`) with the code of the first rule broken (see [`Error`]); an `input`
/// that does not fit this layout is an `Error` (a bug in the caller, never a refusal).
#[wasm_bindgen]
pub fn verify_digest(
    keys: u32,
    input: &[u8],
    token_len: usize,
    urls: Option<u32>,
    clock_tolerance: f64,
    now: f64,
    claims: bool,
) -> Result<u32, JsValue> {
    let bad = || JsError::new("verify_digest: the input does not fit its layout");
    let count = urls.unwrap_or(0) as usize;
    let (rest, digest) = input.split_last_chunk::<32>().ok_or_else(bad)?;
    let text_len = rest.len().checked_sub(4 * count).ok_or_else(bad)?;
    let (text, ends) = rest.split_at_checked(text_len).ok_or_else(bad)?;
    let text = core::str::from_utf8(text).map_err(|_| bad())?;
    let token = text.get(..token_len).ok_or_else(bad)?;
    let mut list = Vec::with_capacity(count);
    let mut start = token_len;
    for end in ends.chunks_exact(4) {
        let end = u32::from_le_bytes(end.try_into().map_err(|_| bad())?) as usize;
        list.push(text.get(start..end).ok_or_else(bad)?);
        start = end;
    }
    let urls = urls.map(|_| list.as_slice());
    check(
        keys,
        token,
        digest,
        urls,
        clock_tolerance,
        now,
        |verified, key| {
            if !claims {
                return Ok(0);
            }
            let mut record = locked(&RECORD)?;
            ClaimsRecord::write(verified, key, &mut record);
            if record.overflow {
                return Err(JsError::new("verify_digest: the claims record does not fit").into());
            }
            // At most RECORD_MAX: exact as a u32.
            Ok(record.len as u32)
        },
    )?
}

/// Where the last claims record of [`verify_digest`] starts in [`wasm_memory`] (its length is
/// what [`verify_digest`] returned). Valid until the next call into the module.
///
/// # Errors
/// An `Error` after a trap (see `locked`).
#[wasm_bindgen]
pub fn record_ptr() -> Result<u32, JsValue> {
    // A wasm32 address: exact as a u32.
    Ok(locked(&RECORD)?.bytes.as_ptr() as usize as u32)
}

/// The module's `WebAssembly.Memory`, for the shim to read the claims record from.
#[wasm_bindgen]
pub fn wasm_memory() -> JsValue {
    wasm_bindgen::memory()
}

/// The verification ([`Verifier::verify_digest`]) with the key pair behind `keys`, for the
/// exports: `urls` `None` skips the url check; `clock_tolerance` and `now` are seconds, which the
/// shim has checked are non-negative integers (`as` saturates). `verified` gets the claims as read
/// (borrowed from the token: no copy unless it makes one) and the key that matched.
fn check<T>(
    keys: u32,
    token: &str,
    digest: &[u8; 32],
    urls: Option<&[&str]>,
    clock_tolerance: f64,
    now: f64,
    verified: impl FnOnce(&ClaimsRef<'_>, KeyUsed) -> T,
) -> Result<T, JsValue> {
    let expect = Expect {
        url: urls.map_or(Url::Unchecked, Url::AnyOf),
        now: now as i64,
        clock_tolerance: clock_tolerance as u64,
    };
    with_keys(keys, |v| {
        v.verify_with(token, digest, &expect, verified)
            .map_err(to_js)
    })
}

/// Verifies `token` against the body hashed so far ([`body_update`]; then reset), and returns
/// the claims as an object (the shim uses [`verify_digest`]). Only with the `std` feature.
///
/// `urls`: `undefined` skips the url check; otherwise `sub` must equal one of them.
/// `clock_tolerance` and `now` are seconds; the shim checks they are non-negative integers.
///
/// # Errors
/// `{ code, message }` with the code of the first rule broken (see [`Error`]).
#[cfg(feature = "std")]
#[wasm_bindgen]
pub fn verify(
    keys: u32,
    token: &str,
    urls: Option<Vec<String>>,
    clock_tolerance: f64,
    now: f64,
) -> Result<JsValue, JsValue> {
    let digest = take_digest()?;
    let url_refs: Option<Vec<&str>> = urls
        .as_ref()
        .map(|list| list.iter().map(String::as_str).collect());
    check(
        keys,
        token,
        &digest,
        url_refs.as_deref(),
        clock_tolerance,
        now,
        |claims, key| {
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
        },
    )?
}

/// Mints a token as QStash does (see [`crate::sign()`]): for tests of handlers. Only with the
/// `std` feature.
///
/// # Errors
/// `{ code: "missing_signing_key" }` when `signing_key` is empty.
#[cfg(feature = "std")]
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
    crate::sign(signing_key, &opts).map_err(to_js)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn a_record_that_does_not_fit_is_noticed() {
        let mut record = Record {
            bytes: [0; RECORD_MAX],
            len: 0,
            overflow: false,
        };
        record.push(b"c-42");
        assert_eq!(&record.bytes[..record.len], b"c-42");
        record.push(&[b'x'; RECORD_MAX - 4]);
        assert!(!record.overflow);
        record.push(b",");
        assert!(record.overflow);
        assert_eq!(record.len, RECORD_MAX);
        record.clear();
        assert_eq!((record.len, record.overflow), (0, false));
    }

    #[wasm_bindgen_test]
    fn the_record_holds_every_claim() {
        let claims = ClaimsRef {
            iss: "Upstash".into(),
            sub: "https://a/é".into(),
            exp: -2,
            nbf: i64::MAX,
            iat: None,
            jti: Some("j😀".into()),
            aud: None,
            body: "x=".into(),
        };
        let mut record = Record {
            bytes: [0; RECORD_MAX],
            len: 0,
            overflow: false,
        };
        ClaimsRecord::write(&claims, KeyUsed::Next, &mut record);
        let r = &record.bytes[..record.len];
        assert_eq!(r[..4], [1, 0, 1, 0]);
        assert_eq!(r[4..12], (-2i64).to_le_bytes());
        assert_eq!(r[12..20], i64::MAX.to_le_bytes());
        assert_eq!(r[20..28], [0; 8]);
        let units: Vec<u32> = r[28..RECORD_HEAD]
            .chunks_exact(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect();
        assert_eq!(units, [7, 11, 3, 0, 2]); // "é" one unit, "😀" two
        assert_eq!(&r[RECORD_HEAD..], "Upstashhttps://a/éj😀x=".as_bytes());
    }

    #[wasm_bindgen_test]
    fn a_lock_left_taken_by_a_trap_is_an_error_not_a_hang() {
        let keys = keys_new(b"k", b"").expect("keys");
        let held = KEYS.lock(); // as a call that trapped while it held the keys would leave it
        assert!(keys_new(b"k", b"").is_err());
        assert!(keys_free(keys).is_err());
        assert!(with_keys(keys, |_| Ok(())).is_err());
        drop(held);
        assert!(with_keys(keys, |_| Ok(())).is_ok());
        assert!(keys_free(keys).is_ok());
        let held = RECORD.lock();
        assert!(record_ptr().is_err());
        drop(held);
        assert!(record_ptr().is_ok());
        let held = BODY.lock();
        assert!(body_reset().is_err());
        assert!(body_update(b"x").is_err());
        assert!(body_digest().is_err());
        drop(held);
        assert!(body_update(b"x").is_ok());
        assert_eq!(body_digest().expect("digest").len(), 32);
    }
}
