//! What crosses between the JS shim and the core: the bytes of one verification's request and of
//! its outcome, defined once here. Plain Rust (the wasm export in `src/wasm.rs` only forwards to
//! [`verify`]), so that the layout is tested natively too. The shim's constants,
//! `js/src/boundary.generated.js`, are generated from this file (`tests/generated.rs` checks
//! them, `UPDATE_GENERATED=1 cargo test --test generated` rewrites them).
//!
//! The core keeps no state between calls: the keys, the token, the urls and the body's digest
//! all come with each request, and the outcome is returned. So no call can see another's inputs,
//! and a call abandoned half-way (a JS exception through wasm) leaves nothing behind.
//!
//! ## The request (`input`), little-endian
//! 1. one byte of flags: [`FLAG_BODY`], [`FLAG_URLS`], [`FLAG_CLAIMS`];
//! 2. the current key, then the next key (length 0: none), each a `u32` length and its UTF-8;
//! 3. the token: a `u32` length in UTF-8 bytes, then its bytes, which are left out when that
//!    length is over [`MAX_TOKEN_LEN`] (the core refuses it as `token_too_large` unread);
//! 4. a `u32` count of urls, then each url as a `u32` length and its UTF-8 (at most
//!    [`MAX_URL_LEN`] bytes of it: a longer url cannot be any token's `sub`);
//! 5. with [`FLAG_BODY`], the body's SHA-256 (32 bytes).
//!
//! ## The outcome
//! Byte [`OUT_STATUS`] is [`STATUS_ACCEPTED`], [`STATUS_BAD_INPUT`] (a request that does not fit
//! the layout: a bug in the caller), or [`STATUS_REFUSED`] plus the index of the refusal's code
//! in [`Error::CODES`], followed by its message in UTF-8 from [`OUT_MESSAGE`].
//! An acceptance has the key that matched at [`OUT_KEY`] (0 current, 1 next) and, with
//! [`FLAG_CLAIMS`], the claims record: whether `iat`, `jti` and `aud` are present (one byte each,
//! from [`OUT_HAS_IAT`]); `exp`, `nbf` and `iat` (0 when absent) as `i64`s from [`OUT_EXP`];
//! the UTF-16 lengths of `iss`, `sub`, `jti`, `aud` and `body` as `u32`s from [`OUT_LENGTHS`];
//! then those strings in UTF-8, one after the other, from [`OUT_STRINGS`].

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use sha2::digest::common::hazmat::SerializableState;
use sha2::{Digest, Sha256};

use crate::claims::ClaimsRef;
use crate::verifier::verify_with;
use crate::{Error, Expect, KeyUsed, SigningKey, Url};

pub use crate::MAX_TOKEN_LEN;

/// Flag: the request ends with the body's SHA-256, and the body is checked. Without it, every
/// check but the body's runs (before a body is read).
pub const FLAG_BODY: u8 = 1;
/// Flag: `sub` must equal one of the request's urls; without it the url is not checked.
pub const FLAG_URLS: u8 = 2;
/// Flag: an acceptance carries the claims record.
pub const FLAG_CLAIMS: u8 = 4;
/// The most bytes of one url that cross: a token's `sub` is shorter than its token.
pub const MAX_URL_LEN: usize = MAX_TOKEN_LEN;

/// Where the outcome's status is.
pub const OUT_STATUS: usize = 0;
/// Where a refusal's message starts.
pub const OUT_MESSAGE: usize = 1;
/// Where an acceptance's key is (0 current, 1 next).
pub const OUT_KEY: usize = 1;
/// Where the claims record's presence bytes (`iat`, `jti`, `aud`) start.
pub const OUT_HAS_IAT: usize = 2;
/// Whether `jti` is present.
pub const OUT_HAS_JTI: usize = 3;
/// Whether `aud` is present.
pub const OUT_HAS_AUD: usize = 4;
/// `exp` (`i64`); `nbf` and `iat` follow.
pub const OUT_EXP: usize = 5;
/// `nbf` (`i64`).
pub const OUT_NBF: usize = OUT_EXP + 8;
/// `iat` (`i64`, 0 when absent).
pub const OUT_IAT: usize = OUT_NBF + 8;
/// The five strings' UTF-16 lengths (`u32`s).
pub const OUT_LENGTHS: usize = OUT_IAT + 8;
/// The strings' UTF-8.
pub const OUT_STRINGS: usize = OUT_LENGTHS + 5 * 4;

/// Status: accepted.
pub const STATUS_ACCEPTED: u8 = 0;
/// Status: the request does not fit the layout.
pub const STATUS_BAD_INPUT: u8 = 1;
/// Status of a refusal: this plus the index of its code in [`Error::CODES`].
pub const STATUS_REFUSED: u8 = 2;

/// The length of a serialized SHA-256 state, as [`sha256_update`] keeps it: one byte that says
/// whether hashing started, then the hasher's own serialized state.
pub const SHA256_STATE_LEN: usize = 1 + SERIALIZED_LEN;
const SERIALIZED_LEN: usize = 104;

/// Verifies one request laid out as the module doc says, at `now` (unix seconds) with
/// `clock_tolerance` seconds of skew; returns the outcome.
pub fn verify(input: &[u8], now: i64, clock_tolerance: u64) -> Vec<u8> {
    let Some(request) = Request::read(input) else {
        return Vec::from([STATUS_BAD_INPUT]);
    };
    let mut out = Vec::new();
    match request.verify(now, clock_tolerance, &mut out) {
        Ok(()) => out,
        Err(e) => refusal(&e),
    }
}

/// A refusal as the outcome carries it.
fn refusal(e: &Error) -> Vec<u8> {
    let index = Error::CODES
        .iter()
        .position(|c| *c == e.code())
        .unwrap_or(0);
    // At most 12 codes: the status fits in a byte.
    let mut out = Vec::from([STATUS_REFUSED + index as u8]);
    out.extend_from_slice(e.message().as_bytes());
    out
}

/// A request, borrowed from the input.
struct Request<'a> {
    flags: u8,
    current: &'a [u8],
    next: &'a [u8],
    token_len: usize,
    token: &'a str,
    urls: Vec<&'a str>,
    digest: Option<&'a [u8; 32]>,
}

/// Reads the input front to back.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn bytes(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(head)
    }

    fn u32(&mut self) -> Option<usize> {
        let b = self.bytes(4)?;
        // usize is at least 32 bits wherever this crate builds.
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    }

    fn field(&mut self) -> Option<&'a [u8]> {
        let n = self.u32()?;
        self.bytes(n)
    }

    fn text(&mut self) -> Option<&'a str> {
        core::str::from_utf8(self.field()?).ok()
    }
}

impl<'a> Request<'a> {
    fn read(input: &'a [u8]) -> Option<Self> {
        let mut r = Reader(input);
        let flags = r.bytes(1)?[0];
        let current = r.field()?;
        let next = r.field()?;
        let token_len = r.u32()?;
        let present = if token_len > MAX_TOKEN_LEN {
            0
        } else {
            token_len
        };
        let token = core::str::from_utf8(r.bytes(present)?).ok()?;
        let count = r.u32()?;
        // Each url takes at least its 4-byte length: a count beyond that is not this layout.
        if count > r.0.len() / 4 {
            return None;
        }
        let mut urls = Vec::with_capacity(count);
        for _ in 0..count {
            urls.push(r.text()?);
        }
        let digest = if flags & FLAG_BODY != 0 {
            Some(r.bytes(32)?.try_into().ok()?)
        } else {
            None
        };
        r.0.is_empty().then_some(Request {
            flags,
            current,
            next,
            token_len,
            token,
            urls,
            digest,
        })
    }

    fn verify(&self, now: i64, clock_tolerance: u64, out: &mut Vec<u8>) -> Result<(), Error> {
        let current = SigningKey::from_bytes(self.current)?;
        if self.token_len > MAX_TOKEN_LEN {
            return Err(Error::TokenTooLarge {
                len: self.token_len,
            });
        }
        let expect = Expect {
            url: if self.flags & FLAG_URLS != 0 {
                Url::AnyOf(&self.urls)
            } else {
                Url::Unchecked
            },
            now,
            clock_tolerance,
        };
        // The next key's HMAC state is prepared only when the current key does not match.
        let signed = |input: &str, signature: &[u8]| {
            if current.signed(input, signature) {
                Some(KeyUsed::Current)
            } else if !self.next.is_empty()
                && SigningKey::from_bytes(self.next).is_ok_and(|k| k.signed(input, signature))
            {
                Some(KeyUsed::Next)
            } else {
                None
            }
        };
        verify_with(self.token, signed, self.digest, &expect, |claims, key| {
            out.push(STATUS_ACCEPTED);
            out.push(u8::from(key == KeyUsed::Next));
            if self.flags & FLAG_CLAIMS != 0 {
                write_claims(claims, out);
            }
        })
    }
}

/// The claims record (see the module doc), after the status and the key.
#[inline(never)]
fn write_claims(claims: &ClaimsRef<'_>, out: &mut Vec<u8>) {
    let strings = [
        Some(&*claims.iss),
        Some(&*claims.sub),
        claims.jti.as_deref(),
        claims.aud.as_deref(),
        Some(&*claims.body),
    ];
    out.extend_from_slice(&[
        u8::from(claims.iat.is_some()),
        u8::from(claims.jti.is_some()),
        u8::from(claims.aud.is_some()),
    ]);
    for n in [claims.exp, claims.nbf, claims.iat.unwrap_or(0)] {
        out.extend_from_slice(&n.to_le_bytes());
    }
    for s in strings {
        let units = match s {
            // ASCII (the usual case): a code unit a byte. Otherwise every UTF-8 lead byte is a
            // code unit, and a four-byte character is two.
            Some(s) if s.is_ascii() => s.len(),
            Some(s) => s
                .bytes()
                .map(|b| usize::from(b & 0xc0 != 0x80) + usize::from(b >= 0xf0))
                .sum(),
            None => 0,
        };
        // At most the payload's length: exact as a u32.
        out.extend_from_slice(&(units as u32).to_le_bytes());
    }
    for s in strings.into_iter().flatten() {
        out.extend_from_slice(s.as_bytes());
    }
}

/// Hashes `chunk` into `state` ([`SHA256_STATE_LEN`] bytes, all zero to start a body), so that a
/// body is hashed in chunks with its state held by the caller. Returns false, leaving `state`
/// as it was, when `state` is not such a state.
pub fn sha256_update(state: &mut [u8], chunk: &[u8]) -> bool {
    let Some(mut hasher) = hasher(state) else {
        return false;
    };
    hasher.update(chunk);
    state[0] = 1;
    state[1..].copy_from_slice(&hasher.serialize());
    true
}

/// The SHA-256 of what was hashed into `state` (see [`sha256_update`]), or `None` when `state`
/// is not such a state.
pub fn sha256_finish(state: &[u8]) -> Option<[u8; 32]> {
    Some(hasher(state)?.finalize().into())
}

fn hasher(state: &[u8]) -> Option<Sha256> {
    let (&started, serialized) = state.split_first()?;
    match started {
        0 if serialized.len() == SERIALIZED_LEN => Some(Sha256::new()),
        1 => Sha256::deserialize(serialized.try_into().ok()?).ok(),
        _ => None,
    }
}

/// A request laid out as [`verify`] reads it, for tests in Rust (the shim writes its own, with
/// the constants generated from this file).
#[doc(hidden)]
pub fn encode_request(
    keys: (&str, Option<&str>),
    token: &str,
    urls: Option<&[&str]>,
    digest: Option<&[u8; 32]>,
    claims: bool,
) -> Vec<u8> {
    let mut flags = 0;
    if digest.is_some() {
        flags |= FLAG_BODY;
    }
    if urls.is_some() {
        flags |= FLAG_URLS;
    }
    if claims {
        flags |= FLAG_CLAIMS;
    }
    let mut out = Vec::from([flags]);
    let field = |out: &mut Vec<u8>, bytes: &[u8]| {
        out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
        out.extend_from_slice(bytes);
    };
    field(&mut out, keys.0.as_bytes());
    field(&mut out, keys.1.unwrap_or("").as_bytes());
    if token.len() > MAX_TOKEN_LEN {
        out.extend_from_slice(&(token.len() as u32).to_le_bytes());
    } else {
        field(&mut out, token.as_bytes());
    }
    let urls = urls.unwrap_or(&[]);
    out.extend_from_slice(&(urls.len() as u32).to_le_bytes());
    for url in urls {
        let cut = url.len().min(MAX_URL_LEN);
        field(&mut out, url.as_bytes().get(..cut).unwrap_or_default());
    }
    if let Some(d) = digest {
        out.extend_from_slice(d);
    }
    out
}

/// An outcome read back, for tests in Rust: the claims record as [`crate::Claims`], or the code
/// and message of a refusal.
#[doc(hidden)]
pub fn decode_outcome(out: &[u8]) -> Result<(KeyUsed, Option<crate::Claims>), (String, String)> {
    let status = out.first().copied().unwrap_or(STATUS_BAD_INPUT);
    if status == STATUS_BAD_INPUT {
        return Err(("bad_input".to_string(), String::new()));
    }
    if status >= STATUS_REFUSED {
        let code = Error::CODES
            .get(usize::from(status - STATUS_REFUSED))
            .unwrap_or(&"?");
        let message = String::from_utf8_lossy(out.get(OUT_MESSAGE..).unwrap_or_default());
        return Err((code.to_string(), message.into_owned()));
    }
    let key = if out.get(OUT_KEY) == Some(&1) {
        KeyUsed::Next
    } else {
        KeyUsed::Current
    };
    if out.len() <= OUT_KEY + 1 {
        return Ok((key, None));
    }
    let i64_at = |at: usize| {
        let b: [u8; 8] = out[at..at + 8].try_into().unwrap_or_default();
        i64::from_le_bytes(b)
    };
    let text = core::str::from_utf8(&out[OUT_STRINGS..]).unwrap_or_default();
    let mut rest = text;
    let mut strings = Vec::new();
    for k in 0..5 {
        let at = OUT_LENGTHS + 4 * k;
        let units = u32::from_le_bytes(out[at..at + 4].try_into().unwrap_or_default()) as usize;
        let mut taken = 0;
        let end = rest
            .char_indices()
            .find_map(|(i, c)| {
                let before = taken;
                taken += c.len_utf16();
                (before >= units).then_some(i)
            })
            .unwrap_or(rest.len());
        strings.push(rest[..end].to_string());
        rest = &rest[end..];
    }
    let [iss, sub, jti, aud, body]: [String; 5] = strings.try_into().unwrap_or_default();
    Ok((
        key,
        Some(crate::Claims {
            iss,
            sub,
            exp: i64_at(OUT_EXP),
            nbf: i64_at(OUT_NBF),
            iat: (out[OUT_HAS_IAT] == 1).then(|| i64_at(OUT_IAT)),
            jti: (out[OUT_HAS_JTI] == 1).then_some(jti),
            aud: (out[OUT_HAS_AUD] == 1).then_some(aud),
            body,
        }),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_serialized_state_has_the_length_the_shim_allocates() {
        assert_eq!(Sha256::new().serialize().len(), SERIALIZED_LEN);
        let mut state = [0u8; SHA256_STATE_LEN];
        for chunk in [&b"Hello"[..], b" ", b"World"] {
            assert!(sha256_update(&mut state, chunk));
        }
        let want: [u8; 32] = Sha256::digest(b"Hello World").into();
        assert_eq!(sha256_finish(&state), Some(want));
        assert_eq!(
            sha256_finish(&[0; SHA256_STATE_LEN]),
            Some(Sha256::digest(b"").into())
        );
        assert!(!sha256_update(&mut [2; SHA256_STATE_LEN], b"x"));
        assert!(!sha256_update(&mut [0; 3], b"x"));
    }

    #[test]
    fn a_request_that_does_not_fit_is_bad_input() {
        let good = encode_request(("k", None), "a.b.c", Some(&["u"]), Some(&[0; 32]), true);
        let (code, _) = decode_outcome(&verify(&good, 0, 0)).expect_err("refused");
        assert_eq!(code, "malformed_token");
        for cut in 0..good.len() {
            assert_eq!(
                verify(&good[..cut], 0, 0),
                [STATUS_BAD_INPUT],
                "cut at {cut}"
            );
        }
        let mut longer = good.clone();
        longer.push(0);
        assert_eq!(verify(&longer, 0, 0), [STATUS_BAD_INPUT]);
    }

    #[test]
    fn a_token_over_the_limit_is_refused_unread() {
        let input = encode_request(("k", None), &"é".repeat(MAX_TOKEN_LEN), None, None, false);
        assert!(input.len() < 64, "the token's bytes are left out");
        let (code, message) = decode_outcome(&verify(&input, 0, 0)).expect_err("refused");
        assert_eq!(code, "token_too_large");
        assert!(message.contains("32768 bytes"), "{message}");
    }
}
