//! What crosses between the JS shim and the core: the bytes of one verification's request and of
//! its outcome, defined once here. Plain Rust (the wasm export in `src/wasm.rs` only forwards to
//! [`verify`]), so that the layout is tested natively too. The shim's constants,
//! `js/src/boundary.generated.js`, are generated from this file (`tests/generated.rs` checks
//! them, `UPDATE_GENERATED=1 cargo test --test generated` rewrites them).
//!
//! Every input comes with each request: the keys, the token, the urls and the body's digest, and
//! the outcome is written back. So no call can see another's inputs. The one thing kept between
//! calls is the last key pair's prepared HMAC state (`PREPARED`), found again only by the pair's
//! exact bytes.
//!
//! ## The request (`input`), little-endian
//! 1. one byte of flags: [`FLAG_BODY`], [`FLAG_URLS`], [`FLAG_CLAIMS`];
//! 2. the current key, then the next key (length 0: none), each a `u32` length and its UTF-8;
//! 3. the token: a `u32` length in UTF-8 bytes, then its bytes, which are left out when that
//!    length is over [`MAX_TOKEN_LEN`] (the core refuses it as `token_too_large` unread);
//! 4. a `u32` count of urls, then each url as a `u32` length and its UTF-8 (at most
//!    [`MAX_URL_LEN`] bytes of it: a longer url cannot be any token's `sub`); with [`FLAG_PATH`],
//!    exactly one, a path;
//! 5. with [`FLAG_LIMIT`], the most bytes the body may have and the body's length (or as many
//!    bytes as have been read of it), as `u32`s;
//! 6. with [`FLAG_BODY`], the body's SHA-256 (32 bytes).
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
/// Flag (with [`FLAG_URLS`]): the one url is a path, which `sub`'s path must equal
/// ([`Url::Path`]).
pub const FLAG_PATH: u8 = 8;
/// Flag: the request carries a body limit and the body's length ([`crate::check_body_len`]),
/// checked after the token and before the digest.
pub const FLAG_LIMIT: u8 = 16;
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

/// Verifies one request laid out as the module doc says, at `now` (unix seconds) with
/// `clock_tolerance` seconds of skew; returns the outcome.
pub fn verify(input: &[u8], now: i64, clock_tolerance: u64) -> Vec<u8> {
    let Some(request) = Request::read(input) else {
        return Vec::from([STATUS_BAD_INPUT]);
    };
    // Room for the claims record, whose strings come from the token: no reallocation.
    let mut out = Vec::with_capacity(OUT_STRINGS + request.token.len());
    match request.verify(now, clock_tolerance, &mut out) {
        Ok(()) => out,
        Err(e) => refusal(&e),
    }
}

/// A refusal as the outcome carries it.
fn refusal(e: &Error) -> Vec<u8> {
    let mut out = Vec::from([STATUS_REFUSED + e.index()]);
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
    limit: Option<(u64, u64)>,
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
        if flags & FLAG_PATH != 0 && (flags & FLAG_URLS == 0 || urls.len() != 1) {
            return None;
        }
        let limit = if flags & FLAG_LIMIT != 0 {
            Some((r.u32()? as u64, r.u32()? as u64))
        } else {
            None
        };
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
            limit,
            digest,
        })
    }

    fn verify(&self, now: i64, clock_tolerance: u64, out: &mut Vec<u8>) -> Result<(), Error> {
        let (current, next) = keys(self.current, self.next)?;
        if self.token_len > MAX_TOKEN_LEN {
            return Err(Error::TokenTooLarge {
                len: self.token_len,
            });
        }
        let expect = Expect {
            url: match (self.flags & FLAG_URLS != 0, self.flags & FLAG_PATH != 0) {
                (true, true) => Url::Path(self.urls[0]),
                (true, false) => Url::AnyOf(&self.urls),
                _ => Url::Unchecked,
            },
            now,
            clock_tolerance,
        };
        let signed = |input: &str, signature: &[u8]| {
            if current.signed(input, signature) {
                Some(KeyUsed::Current)
            } else if next.as_ref().is_some_and(|k| k.signed(input, signature)) {
                Some(KeyUsed::Next)
            } else {
                None
            }
        };
        // A body over the limit is not hashed: its digest is not looked at.
        let size = self
            .limit
            .map_or(Ok(()), |(max, len)| crate::check_body_len(len, max));
        let digest = self.digest.filter(|_| size.is_ok());
        verify_with(self.token, signed, digest, &expect, |claims, key| {
            out.extend_from_slice(&[STATUS_ACCEPTED, u8::from(key == KeyUsed::Next)]);
            if self.flags & FLAG_CLAIMS != 0 {
                write_claims(claims, out);
            }
        })?;
        size
    }
}

/// The longest key kept in [`PREPARED`] (a QStash signing key is about 30 bytes); a longer one
/// is prepared on every call.
const KEPT_KEY_LEN: usize = 64;

/// A key pair's bytes as [`PREPARED`] keeps them: inline, so that keeping them allocates nothing
/// that could split the heap room a body's chunks take, and each key's length beside its bytes, so
/// that two pairs are the same only when both keys are.
#[derive(Clone, Copy)]
struct KeptPair {
    lens: [usize; 2],
    bytes: [[u8; KEPT_KEY_LEN]; 2],
}

impl KeptPair {
    /// None when a key is too long to keep.
    fn new(current: &[u8], next: &[u8]) -> Option<Self> {
        let mut pair = KeptPair {
            lens: [current.len(), next.len()],
            bytes: [[0; KEPT_KEY_LEN]; 2],
        };
        pair.bytes[0]
            .get_mut(..current.len())?
            .copy_from_slice(current);
        pair.bytes[1].get_mut(..next.len())?.copy_from_slice(next);
        Some(pair)
    }

    /// Whether two pairs are the same, in a time that does not depend on the keys' bytes.
    fn same(&self, other: &KeptPair) -> bool {
        let a = self.bytes.as_flattened().iter();
        let diff = a
            .zip(other.bytes.as_flattened())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y));
        self.lens == other.lens && diff == 0
    }
}

/// A key pair as a request gave it, with each key's HMAC state prepared.
struct Prepared {
    pair: KeptPair,
    keys: (SigningKey, Option<SigningKey>),
}

/// The last key pair seen. Preparing a key's HMAC state hashes two blocks, about as much as the
/// rest of a verification's MAC, and most processes verify with one pair. It is found by
/// comparing both keys' whole bytes (lengths included), so two pairs never share it. A lock found
/// taken can only be one an abandoned call left, and the shim replaces such an instance before
/// its next call; it is then passed by, never waited for.
static PREPARED: spin::Mutex<Option<Prepared>> = spin::Mutex::new(None);

/// The HMAC states of a request's key pair (an empty next key: none), prepared or found.
fn keys(current: &[u8], next: &[u8]) -> Result<(SigningKey, Option<SigningKey>), Error> {
    let pair = KeptPair::new(current, next);
    let mut last = PREPARED.try_lock();
    if let (Some(Some(p)), Some(pair)) = (last.as_deref(), &pair) {
        if p.pair.same(pair) {
            return Ok(p.keys.clone());
        }
    }
    let keys = (
        SigningKey::from_bytes(current)?,
        if next.is_empty() {
            None
        } else {
            Some(SigningKey::from_bytes(next)?)
        },
    );
    if let (Some(last), Some(pair)) = (last.as_deref_mut(), pair) {
        *last = Some(Prepared {
            pair,
            keys: keys.clone(),
        });
    }
    Ok(keys)
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
    // The fixed part in one array, then one copy: one capacity check rather than one per field.
    let mut head = [0u8; OUT_STRINGS - OUT_HAS_IAT];
    let mut put = |at: usize, bytes: &[u8]| {
        head[at - OUT_HAS_IAT..][..bytes.len()].copy_from_slice(bytes);
    };
    put(
        OUT_HAS_IAT,
        &[
            u8::from(claims.iat.is_some()),
            u8::from(claims.jti.is_some()),
            u8::from(claims.aud.is_some()),
        ],
    );
    put(OUT_EXP, &claims.exp.to_le_bytes());
    put(OUT_NBF, &claims.nbf.to_le_bytes());
    put(OUT_IAT, &claims.iat.unwrap_or(0).to_le_bytes());
    for (i, s) in strings.iter().enumerate() {
        let s = s.unwrap_or_default();
        let units = if s.is_ascii() {
            s.len()
        } else {
            // Every UTF-8 byte but a continuation byte starts a UTF-16 code unit, and a
            // four-byte character is two.
            s.bytes()
                .map(|b| usize::from(b & 0xc0 != 0x80) + usize::from(b >= 0xf0))
                .sum()
        };
        // At most the payload's length: exact as a u32.
        put(OUT_LENGTHS + 4 * i, &(units as u32).to_le_bytes());
    }
    out.extend_from_slice(&head);
    for s in strings.into_iter().flatten() {
        out.extend_from_slice(s.as_bytes());
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
    let flags = if claims { FLAG_CLAIMS } else { 0 };
    encode_request_with(flags, keys, token, urls, None, digest)
}

/// [`encode_request`] with the flags given ([`FLAG_BODY`] and [`FLAG_URLS`] follow `digest` and
/// `urls`) and, with `limit` (the most bytes, the body's length), [`FLAG_LIMIT`].
#[doc(hidden)]
pub fn encode_request_with(
    mut flags: u8,
    keys: (&str, Option<&str>),
    token: &str,
    urls: Option<&[&str]>,
    limit: Option<(u32, u32)>,
    digest: Option<&[u8; 32]>,
) -> Vec<u8> {
    if digest.is_some() {
        flags |= FLAG_BODY;
    }
    if urls.is_some() {
        flags |= FLAG_URLS;
    }
    if limit.is_some() {
        flags |= FLAG_LIMIT;
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
    if let Some((max, len)) = limit {
        out.extend_from_slice(&max.to_le_bytes());
        out.extend_from_slice(&len.to_le_bytes());
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
    fn key_pairs_that_once_shared_a_cache_entry_stay_apart() {
        let sign = |key: &str| {
            let opts = crate::SignOptions {
                url: "https://a/b",
                body: b"",
                now: 100,
                ttl: 300,
                jti: "j",
            };
            crate::sign(key, &opts).expect("signed")
        };
        let run = |keys: (&str, Option<&str>), token: &str| {
            let d: [u8; 32] = sha2::Digest::finalize(<sha2::Sha256 as sha2::Digest>::new()).into();
            decode_outcome(&verify(
                &encode_request(keys, token, None, Some(&d), false),
                101,
                0,
            ))
            .map(|(key, _)| key)
            .map_err(|(code, _)| code)
        };
        let (first, second) = (("A\0B", None), ("A", Some("B\0")));
        for _ in 0..2 {
            assert_eq!(run(first, &sign("A\0B")), Ok(KeyUsed::Current));
            assert_eq!(run(second, &sign("A\0B")), Err("invalid_signature".into()));
            assert_eq!(run(second, &sign("B\0")), Ok(KeyUsed::Next));
            assert_eq!(run(first, &sign("A")), Err("invalid_signature".into()));
        }
        // Pair after pair, and keys too long to keep: each still verifies its own tokens.
        for i in 0..8 {
            let key = format!("sig_{i}{}", "k".repeat(i * 20));
            assert_eq!(
                run((&key, None), &sign(&key)),
                Ok(KeyUsed::Current),
                "{key}"
            );
        }
    }

    fn signed(key: &str, url: &str, body: &[u8]) -> String {
        let opts = crate::SignOptions {
            url,
            body,
            now: 100,
            ttl: 300,
            jti: "j",
        };
        crate::sign(key, &opts).expect("signed")
    }

    fn sha256(body: &[u8]) -> [u8; 32] {
        <sha2::Sha256 as sha2::Digest>::digest(body).into()
    }

    #[test]
    fn a_path_is_checked_against_subs_path() {
        let token = signed("k", "https://a.example/api/x?q=1", b"");
        let run = |path: &str| {
            let input = encode_request_with(
                FLAG_PATH,
                ("k", None),
                &token,
                Some(&[path]),
                None,
                Some(&sha256(b"")),
            );
            decode_outcome(&verify(&input, 101, 0))
        };
        assert!(run("/api/x").is_ok());
        let (code, message) = run("/api/y").expect_err("another path");
        assert_eq!(
            (code.as_str(), message.as_str()),
            ("url_mismatch", "the token is for /api/x, not for /api/y")
        );
        // A path flag needs exactly one url.
        let two = encode_request_with(
            FLAG_PATH,
            ("k", None),
            &token,
            Some(&["/a", "/b"]),
            None,
            None,
        );
        assert_eq!(verify(&two, 101, 0), [STATUS_BAD_INPUT]);
        let none = encode_request_with(FLAG_PATH, ("k", None), &token, None, None, None);
        assert_eq!(verify(&none, 101, 0), [STATUS_BAD_INPUT]);
    }

    #[test]
    fn a_body_over_the_limit_is_refused_after_the_token() {
        let body = b"0123456789";
        let token = signed("k", "https://a/b", body);
        let run = |key: &str, limit: (u32, u32), digest: Option<&[u8; 32]>| {
            let input = encode_request_with(0, (key, None), &token, None, Some(limit), digest);
            decode_outcome(&verify(&input, 101, 0))
                .map(|_| ())
                .map_err(|(code, _)| code)
        };
        // Before the body is read (its declared length), and after (with its digest).
        assert_eq!(run("k", (10, 11), None), Err("body_too_large".into()));
        assert_eq!(run("k", (10, 10), None), Ok(()));
        assert_eq!(run("k", (10, 10), Some(&sha256(body))), Ok(()));
        assert_eq!(
            run("k", (9, 10), Some(&sha256(body))),
            Err("body_too_large".into())
        );
        // A forged token is refused as such, whatever the body's size.
        assert_eq!(
            run("other", (10, 11), None),
            Err("invalid_signature".into())
        );
        // The digest of a body over the limit is not looked at.
        assert_eq!(
            run("k", (9, 10), Some(&[0; 32])),
            Err("body_too_large".into())
        );
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
