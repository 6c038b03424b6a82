//! The one error type: every way a delivery can be refused.

use alloc::string::String;
use core::fmt;

/// Why a token was refused.
///
/// Each variant has a stable string [`code`](Error::code). The codes are a public API shared
/// with the JavaScript package (`SignatureError.code`): adding a code is a minor change,
/// renaming or removing one is a major change.
///
/// Messages ([`Display`](fmt::Display)) explain the failure for a log line. They never contain a
/// signing key, and urls in them are shown without their query string.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// `missing_signature`: the `Upstash-Signature` value is empty or absent.
    MissingSignature,
    /// `token_too_large`: the token is longer than [`MAX_TOKEN_LEN`](crate::MAX_TOKEN_LEN) bytes.
    TokenTooLarge {
        /// Length of the refused token, in bytes.
        len: usize,
    },
    /// `malformed_token`: not three segments of canonical unpadded base64url, a header or
    /// payload that is not a JSON object, or a JSON object with a duplicated member.
    MalformedToken {
        /// What is wrong, in a few words.
        reason: &'static str,
    },
    /// `unsupported_algorithm`: the header's `alg` is not exactly `"HS256"`, or the header
    /// carries `crit`.
    UnsupportedAlgorithm {
        /// What is wrong, in a few words.
        reason: &'static str,
    },
    /// `invalid_signature`: the HMAC matches neither the current nor the next signing key.
    InvalidSignature,
    /// `invalid_issuer`: the `iss` claim is absent or is not `"Upstash"`.
    InvalidIssuer,
    /// `invalid_claims`: a required claim is missing, or a claim has the wrong type (an
    /// integer claim with a fraction or an exponent, out of `i64` range, or a string where a
    /// number is expected, and so on).
    InvalidClaims {
        /// What is wrong, in a few words.
        reason: &'static str,
    },
    /// `token_expired`: `now - clock_tolerance >= exp`.
    TokenExpired {
        /// The token's `exp` claim (unix seconds).
        exp: i64,
        /// The verification time (unix seconds).
        now: i64,
    },
    /// `token_not_yet_valid`: `nbf > now + clock_tolerance`.
    TokenNotYetValid {
        /// The token's `nbf` claim (unix seconds).
        nbf: i64,
        /// The verification time (unix seconds).
        now: i64,
    },
    /// `url_mismatch`: the `sub` claim is not the url (or one of the urls) expected.
    UrlMismatch {
        /// The `sub` claim, without its query string.
        got: String,
        /// The url(s) expected, without query strings, joined by `" or "`.
        expected: String,
    },
    /// `body_too_large`: the body is longer than the receiver allows; found before it is hashed
    /// (and, by the adapters, before it is all read).
    BodyTooLarge {
        /// The most bytes a body may have.
        max: u64,
    },
    /// `body_mismatch`: the SHA-256 of the body is not the token's `body` claim.
    BodyMismatch,
    /// `missing_signing_key`: no usable signing key (absent or empty) was given.
    MissingSigningKey,
}

impl Error {
    /// Every code, in the order of the checks.
    pub const CODES: [&'static str; 13] = [
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
    ];

    /// The stable string code of this error, e.g. `"token_expired"`.
    pub fn code(&self) -> &'static str {
        Self::CODES[usize::from(self.index())]
    }

    /// The position of this error's code in [`CODES`](Self::CODES), as the wasm boundary
    /// reports it.
    pub(crate) fn index(&self) -> u8 {
        match self {
            Error::MissingSignature => 0,
            Error::TokenTooLarge { .. } => 1,
            Error::MalformedToken { .. } => 2,
            Error::UnsupportedAlgorithm { .. } => 3,
            Error::InvalidSignature => 4,
            Error::InvalidIssuer => 5,
            Error::InvalidClaims { .. } => 6,
            Error::TokenExpired { .. } => 7,
            Error::TokenNotYetValid { .. } => 8,
            Error::UrlMismatch { .. } => 9,
            Error::BodyTooLarge { .. } => 10,
            Error::BodyMismatch => 11,
            Error::MissingSigningKey => 12,
        }
    }

    /// The message, as [`Display`](fmt::Display) writes it, built without `core::fmt` (whose
    /// machinery would otherwise be a good part of the `.wasm`).
    pub(crate) fn message(&self) -> String {
        use Part::{Number as N, Text as T};
        const E: Part<'static> = T("");
        let parts = match self {
            Error::MissingSignature => [
                T("the Upstash-Signature header is missing or empty"),
                E,
                E,
                E,
                E,
            ],
            Error::TokenTooLarge { len } => [
                T("the token is "),
                N(i64::try_from(*len).unwrap_or(i64::MAX)),
                T(" bytes, more than the "),
                N(crate::MAX_TOKEN_LEN as i64),
                T(" allowed"),
            ],
            Error::MalformedToken { reason } => [T("the token is malformed: "), T(reason), E, E, E],
            Error::UnsupportedAlgorithm { reason } => [
                T("the token's algorithm is not supported: "),
                T(reason),
                E,
                E,
                E,
            ],
            Error::InvalidSignature => [
                T("the signature matches neither the current nor the next signing key"),
                E,
                E,
                E,
                E,
            ],
            Error::InvalidIssuer => [T("the token's issuer (iss) is not \"Upstash\""), E, E, E, E],
            Error::InvalidClaims { reason } => {
                [T("the token's claims are invalid: "), T(reason), E, E, E]
            }
            Error::TokenExpired { exp, now } => [
                T("the token expired at "),
                N(*exp),
                T(" (now is "),
                N(*now),
                T(")"),
            ],
            Error::TokenNotYetValid { nbf, now } => [
                T("the token is not valid before "),
                N(*nbf),
                T(" (now is "),
                N(*now),
                T(")"),
            ],
            Error::UrlMismatch { got, expected } => [
                T("the token is for "),
                T(got),
                T(", not for "),
                T(expected),
                E,
            ],
            Error::BodyTooLarge { max } => [
                T("the body is larger than the "),
                N(i64::try_from(*max).unwrap_or(i64::MAX)),
                T(" bytes allowed"),
                E,
                E,
            ],
            Error::BodyMismatch => [
                T("the body's SHA-256 does not match the token's body claim"),
                E,
                E,
                E,
                E,
            ],
            Error::MissingSigningKey => [
                T("no signing key: give the current signing key (and the next one while rolling)"),
                E,
                E,
                E,
                E,
            ],
        };
        let mut out = String::new();
        for part in parts {
            match part {
                T(text) => out.push_str(text),
                N(n) => push_decimal(&mut out, n),
            }
        }
        out
    }
}

/// A piece of a message: one loop writes them all (smaller in the `.wasm` than a `concat` and a
/// decimal `String` per message).
enum Part<'a> {
    Text(&'a str),
    Number(i64),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl core::error::Error for Error {}

/// Appends `n` in decimal, without `core::fmt` (see [`Error::message`]).
pub(crate) fn push_decimal(out: &mut String, n: i64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    let mut m = n.unsigned_abs();
    loop {
        i -= 1;
        digits[i] = b'0' + (m % 10) as u8;
        m /= 10;
        if m == 0 {
            break;
        }
    }
    if n < 0 {
        out.push('-');
    }
    out.push_str(core::str::from_utf8(&digits[i..]).unwrap_or_default());
}

/// `url` without its query string (and fragment), for messages.
pub(crate) fn without_query(url: &str) -> &str {
    url.find(['?', '#'])
        .and_then(|i| url.get(..i))
        .unwrap_or(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_the_table() {
        let all = [
            Error::MissingSignature,
            Error::TokenTooLarge { len: 1 },
            Error::MalformedToken { reason: "x" },
            Error::UnsupportedAlgorithm { reason: "x" },
            Error::InvalidSignature,
            Error::InvalidIssuer,
            Error::InvalidClaims { reason: "x" },
            Error::TokenExpired { exp: 1, now: 2 },
            Error::TokenNotYetValid { nbf: 2, now: 1 },
            Error::UrlMismatch {
                got: "a".into(),
                expected: "b".into(),
            },
            Error::BodyTooLarge { max: 1 },
            Error::BodyMismatch,
            Error::MissingSigningKey,
        ];
        let codes: Vec<_> = all.iter().map(Error::code).collect();
        assert_eq!(codes, Error::CODES);
    }

    #[test]
    fn decimal_is_display() {
        for n in [
            0,
            1,
            -1,
            9,
            10,
            -10,
            1_767_225_600,
            -62_135_596_800,
            i64::MAX,
            i64::MIN,
        ] {
            let mut out = String::new();
            push_decimal(&mut out, n);
            assert_eq!(out, n.to_string());
        }
        let e = Error::TokenExpired {
            exp: -5,
            now: 1_700_000_000,
        };
        assert_eq!(e.to_string(), "the token expired at -5 (now is 1700000000)");
        let e = Error::TokenTooLarge { len: 16385 };
        assert_eq!(
            e.to_string(),
            "the token is 16385 bytes, more than the 16384 allowed"
        );
    }

    #[test]
    fn query_strings_are_cut() {
        assert_eq!(without_query("https://a/b?token=s"), "https://a/b");
        assert_eq!(without_query("https://a/b#frag"), "https://a/b");
        assert_eq!(without_query("https://a/b"), "https://a/b");
    }
}
