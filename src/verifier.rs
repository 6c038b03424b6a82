//! Keys, what to expect of a delivery, and the verification itself.

use alloc::string::{String, ToString};
use core::fmt;

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

use crate::claims::{payload_text, ClaimsRef};
use crate::error::{push_decimal, without_query};
use crate::{b64, token, Claims, Error};

/// One signing key, with its HMAC state computed once.
///
/// Its `Debug` output is redacted: a key never reaches a log through this type.
#[derive(Clone)]
pub struct SigningKey {
    mac: Hmac<Sha256>,
}

impl SigningKey {
    /// Prepares `key` (the signing-key string from the QStash console; its UTF-8 bytes are the
    /// HMAC key).
    ///
    /// # Errors
    /// [`Error::MissingSigningKey`] if `key` is empty.
    pub fn new(key: &str) -> Result<Self, Error> {
        Self::from_bytes(key.as_bytes())
    }

    /// [`new`](Self::new) from the key's bytes.
    pub(crate) fn from_bytes(key: &[u8]) -> Result<Self, Error> {
        if key.is_empty() {
            return Err(Error::MissingSigningKey);
        }
        let mac = Hmac::<Sha256>::new_from_slice(key).map_err(|_| Error::MissingSigningKey)?;
        Ok(SigningKey { mac })
    }

    /// Whether `signature` is the HMAC-SHA256 of `signing_input`: constant time, and a
    /// signature of the wrong length is refused.
    pub(crate) fn signed(&self, signing_input: &str, signature: &[u8]) -> bool {
        self.mac
            .clone()
            .chain_update(signing_input.as_bytes())
            .verify_slice(signature)
            .is_ok()
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SigningKey(<redacted>)")
    }
}

/// Which key's signature matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyUsed {
    /// The current signing key.
    Current,
    /// The next signing key: QStash has rolled its keys. Once no delivery verifies with the
    /// current key any more, the old current key may be retired.
    Next,
}

impl KeyUsed {
    /// `"current"` or `"next"`.
    pub fn as_str(self) -> &'static str {
        match self {
            KeyUsed::Current => "current",
            KeyUsed::Next => "next",
        }
    }
}

/// A verified delivery: its claims and the key that signed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The token's claims.
    pub claims: Claims,
    /// The key whose signature matched.
    pub key: KeyUsed,
}

/// Which url the token's `sub` claim must name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Url<'a> {
    /// `sub` must equal this url exactly.
    Exact(&'a str),
    /// `sub` must equal one of these urls exactly (for example `https://host/` and
    /// `https://host` for a bare `/` path).
    AnyOf(&'a [&'a str]),
    /// `sub`'s path (what follows its host, without the query string) must equal this path, for
    /// a receiver that knows the path it was reached at but has no trusted source for its host
    /// (a `Host` header is the sender's to choose). It stops a token for one path of the account
    /// from being replayed to another, not a token for the same path on another host.
    Path(&'a str),
    /// `sub` is not checked. A token for one endpoint of the account is then accepted by
    /// every other endpoint: use this only when the url truly cannot be known.
    Unchecked,
}

/// What a delivery must satisfy besides its signature: the url, and the time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Expect<'a> {
    /// The url(s) the token must be for.
    pub url: Url<'a>,
    /// The verification time, unix seconds: the clock is a parameter.
    pub now: i64,
    /// Seconds of clock skew tolerated on `exp` and `nbf` (default 0).
    pub clock_tolerance: u64,
}

impl<'a> Expect<'a> {
    /// Expects `sub == url` at time `now` (unix seconds), with no clock tolerance.
    pub fn new(url: &'a str, now: i64) -> Self {
        Expect {
            url: Url::Exact(url),
            now,
            clock_tolerance: 0,
        }
    }

    /// Sets the clock tolerance in seconds.
    pub fn clock_tolerance(mut self, seconds: u64) -> Self {
        self.clock_tolerance = seconds;
        self
    }
}

/// Verifies `Upstash-Signature` tokens with the current signing key and, while keys are being
/// rolled, the next one.
///
/// ```
/// use qstash_verifier::{Expect, Verifier};
/// let verifier = Verifier::new("sig_current", Some("sig_next")).unwrap();
/// let err = verifier.verify("", b"{}", &Expect::new("https://example.com/api", 1_700_000_000));
/// assert_eq!(err.unwrap_err().code(), "missing_signature");
/// ```
#[derive(Debug, Clone)]
pub struct Verifier {
    current: SigningKey,
    next: Option<SigningKey>,
}

impl Verifier {
    /// A verifier for the current key and, optionally, the next key. An empty `next` counts as
    /// absent.
    ///
    /// # Errors
    /// [`Error::MissingSigningKey`] if `current` is empty.
    pub fn new(current: &str, next: Option<&str>) -> Result<Self, Error> {
        Ok(Verifier {
            current: SigningKey::new(current)?,
            next: next
                .filter(|k| !k.is_empty())
                .map(SigningKey::new)
                .transpose()?,
        })
    }

    /// Verifies `token` (the `Upstash-Signature` value) for the raw `body` bytes.
    ///
    /// # Errors
    /// The first rule the delivery breaks, in the order of the checks: size and structure,
    /// header and algorithm, the signature, then (with the key that matched) the claims,
    /// the time, the url and the body. See [`Error`].
    pub fn verify(&self, token: &str, body: &[u8], expect: &Expect<'_>) -> Result<Verified, Error> {
        self.verify_digest(token, &Sha256::digest(body).into(), expect)
    }

    /// Like [`verify`](Self::verify), for a body whose SHA-256 the caller computed (for
    /// example while streaming it).
    ///
    /// # Errors
    /// As [`verify`](Self::verify).
    pub fn verify_digest(
        &self,
        token: &str,
        body_sha256: &[u8; 32],
        expect: &Expect<'_>,
    ) -> Result<Verified, Error> {
        self.verify_with(token, Some(body_sha256), expect, |claims, key| Verified {
            claims: claims.to_claims(),
            key,
        })
    }

    /// Checks everything a token says except the body: structure, algorithm, the signature,
    /// the claims, the time and the url. Call it before reading a body, so that a forged or
    /// expired token never makes the caller buffer one; then [`verify`](Self::verify) or
    /// [`verify_digest`](Self::verify_digest) with the body.
    ///
    /// ```
    /// use qstash_verifier::{Expect, Verifier};
    /// let verifier = Verifier::new("sig_current", None)?;
    /// let err = verifier.check_token("a.b.c", &Expect::new("https://example.com/api", 0));
    /// assert_eq!(err.unwrap_err().code(), "malformed_token");
    /// # Ok::<(), qstash_verifier::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`verify`](Self::verify), without [`Error::BodyMismatch`].
    pub fn check_token(&self, token: &str, expect: &Expect<'_>) -> Result<KeyUsed, Error> {
        self.verify_with(token, None, expect, |_, key| key)
    }

    /// The verification with this verifier's keys (see [`verify_with`]).
    pub(crate) fn verify_with<T>(
        &self,
        token: &str,
        body_sha256: Option<&[u8; 32]>,
        expect: &Expect<'_>,
        verified: impl FnOnce(&ClaimsRef<'_>, KeyUsed) -> T,
    ) -> Result<T, Error> {
        verify_with(
            token,
            |input, signature| {
                if self.current.signed(input, signature) {
                    Some(KeyUsed::Current)
                } else if self
                    .next
                    .as_ref()
                    .is_some_and(|next| next.signed(input, signature))
                {
                    Some(KeyUsed::Next)
                } else {
                    None
                }
            },
            body_sha256,
            expect,
            verified,
        )
    }
}

/// The verification itself, in the order of the checks. `signed(signing_input, signature)` says
/// which key's MAC matches, if any (the wasm boundary prepares the next key only when the
/// current one fails). `body_sha256` `None` checks everything but the body. On success,
/// `verified` gets the claims as read (borrowed from the payload: no copy of them is made unless
/// it makes one) and the key that matched.
pub(crate) fn verify_with<T>(
    token: &str,
    signed: impl FnOnce(&str, &[u8]) -> Option<KeyUsed>,
    body_sha256: Option<&[u8; 32]>,
    expect: &Expect<'_>,
    verified: impl FnOnce(&ClaimsRef<'_>, KeyUsed) -> T,
) -> Result<T, Error> {
    let token = token::parse(token)?;
    let key = signed(token.signing_input, &token.signature).ok_or(Error::InvalidSignature)?;
    let claims = ClaimsRef::parse(payload_text(&token.payload)?)?;
    check_time(&claims, expect)?;
    check_url(&claims.sub, expect.url)?;
    if let Some(digest) = body_sha256 {
        let mut want = [0u8; b64::encoded_len(32)];
        b64::encode_to(digest, &mut want);
        if claims.body.trim_end_matches('=').as_bytes() != want {
            return Err(Error::BodyMismatch);
        }
    }
    Ok(verified(&claims, key))
}

pub(crate) fn check_time(claims: &ClaimsRef<'_>, expect: &Expect<'_>) -> Result<(), Error> {
    let now = i128::from(expect.now);
    let tolerance = i128::from(expect.clock_tolerance);
    if now - tolerance >= i128::from(claims.exp) {
        return Err(Error::TokenExpired {
            exp: claims.exp,
            now: expect.now,
        });
    }
    if i128::from(claims.nbf) > now + tolerance {
        return Err(Error::TokenNotYetValid {
            nbf: claims.nbf,
            now: expect.now,
        });
    }
    Ok(())
}

/// The path of an absolute url: from the first `/` after `scheme://host` up to the query string
/// or fragment, `/` when there is none. A url without `://` is returned without its query.
pub(crate) fn path_of(url: &str) -> &str {
    let url = without_query(url);
    // Byte searches rather than `str::find("://")`, whose substring searcher is kilobytes of the
    // `.wasm`; `:` and `/` are ASCII, so every index found is a char boundary.
    let bytes = url.as_bytes();
    let Some(host) = bytes.windows(3).position(|w| w == b"://").map(|i| i + 3) else {
        return url;
    };
    let rest = bytes.get(host..).unwrap_or_default();
    match rest.iter().position(|&b| b == b'/') {
        Some(i) => url.get(host + i..).unwrap_or("/"),
        None => "/",
    }
}

/// Refuses a body of `len` bytes when it is over `max`: the adapters ask before they read all of
/// a body (with its declared length) and again with what they have read.
///
/// # Errors
/// [`Error::BodyTooLarge`] when `len > max`.
pub fn check_body_len(len: u64, max: u64) -> Result<(), Error> {
    if len > max {
        Err(Error::BodyTooLarge { max })
    } else {
        Ok(())
    }
}

/// How many of the expected urls a `url_mismatch` message names.
const MESSAGE_URLS: usize = 3;

pub(crate) fn check_url(sub: &str, url: Url<'_>) -> Result<(), Error> {
    // Every form as one comparison: what of `sub` is compared, and the values it may equal.
    let (got, urls) = match &url {
        Url::Exact(u) => (sub, core::slice::from_ref(u)),
        Url::AnyOf(urls) => (sub, *urls),
        Url::Path(path) => (path_of(sub), core::slice::from_ref(path)),
        Url::Unchecked => return Ok(()),
    };
    if urls.contains(&got) {
        return Ok(());
    }
    // A loop rather than `join`, whose generic copy is a kilobyte of the `.wasm`; at most
    // `MESSAGE_URLS` urls, so that a long list cannot make the message unbounded.
    let mut expected = String::new();
    if urls.is_empty() {
        expected.push_str("no url (an empty list was given)");
    }
    for (i, u) in urls.iter().take(MESSAGE_URLS).enumerate() {
        if i > 0 {
            expected.push_str(" or ");
        }
        expected.push_str(without_query(u));
    }
    if let Some(more) = urls.len().checked_sub(MESSAGE_URLS).filter(|&n| n > 0) {
        expected.push_str(" or ");
        push_decimal(&mut expected, i64::try_from(more).unwrap_or(i64::MAX));
        expected.push_str(" more");
    }
    Err(Error::UrlMismatch {
        got: without_query(got).to_string(),
        expected,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_redacted_and_required() {
        let v = Verifier::new("sig_secretvalue", Some("sig_othersecret")).expect("keys");
        let shown = format!("{v:?}");
        assert!(!shown.contains("secret"), "{shown}");
        assert!(shown.contains("<redacted>"), "{shown}");
        assert_eq!(
            Verifier::new("", None).map(|_| ()),
            Err(Error::MissingSigningKey)
        );
        assert_eq!(
            Verifier::new("", Some("k")).map(|_| ()),
            Err(Error::MissingSigningKey)
        );
        assert!(Verifier::new("k", Some("")).is_ok());
    }

    #[test]
    fn a_path_is_checked_against_the_path_of_sub() {
        for (sub, path) in [
            ("https://a.example/api/x", "/api/x"),
            ("https://a.example/api/x?q=1", "/api/x"),
            ("https://a.example/api/x#f", "/api/x"),
            ("https://a.example", "/"),
            ("https://a.example/", "/"),
            ("http://a.example:8080/a/b/", "/a/b/"),
        ] {
            assert_eq!(check_url(sub, Url::Path(path)), Ok(()), "{sub} {path}");
        }
        for (sub, path) in [
            ("https://a.example/api/x", "/api/y"),
            ("https://a.example/api/x", "/api/x/"),
            ("https://a.example/api/x", "/API/x"),
            ("https://a.example", ""),
        ] {
            let e = check_url(sub, Url::Path(path)).expect_err(sub);
            assert_eq!(e.code(), "url_mismatch", "{sub} {path}");
        }
        let e = check_url("https://a/x?k=secret", Url::Path("/y")).expect_err("differs");
        assert_eq!(e.to_string(), "the token is for /x, not for /y");
    }

    #[test]
    fn a_body_over_the_limit_is_refused() {
        assert_eq!(check_body_len(10, 10), Ok(()));
        assert_eq!(check_body_len(0, 0), Ok(()));
        let e = check_body_len(11, 10).expect_err("over");
        assert_eq!(e.code(), "body_too_large");
        assert_eq!(
            e.to_string(),
            "the body is larger than the 10 bytes allowed"
        );
    }

    #[test]
    fn url_mismatch_names_urls_without_query() {
        let e =
            check_url("https://a/x?k=1", Url::Exact("https://a/y?secret=2")).expect_err("differs");
        assert_eq!(
            e.to_string(),
            "the token is for https://a/x, not for https://a/y"
        );
        let e = check_url("https://a/x", Url::AnyOf(&["https://b/", "https://b"]))
            .expect_err("differs");
        assert_eq!(
            e.to_string(),
            "the token is for https://a/x, not for https://b/ or https://b"
        );
        assert!(check_url("https://b", Url::AnyOf(&["https://b/", "https://b"])).is_ok());
        let many = [
            "https://c/1",
            "https://c/2",
            "https://c/3",
            "https://c/4",
            "https://c/5",
        ];
        let e = check_url("https://a/x", Url::AnyOf(&many)).expect_err("differs");
        assert_eq!(
            e.to_string(),
            "the token is for https://a/x, not for https://c/1 or https://c/2 or https://c/3 or 2 more"
        );
        assert!(check_url("anything", Url::Unchecked).is_ok());
    }
}
