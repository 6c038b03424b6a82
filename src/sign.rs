//! Minting tokens exactly as QStash does, so handlers can be tested without QStash.

use alloc::string::String;

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

use crate::error::push_decimal;
use crate::{b64, Error};

/// What to put in a token. QStash's own tokens live 300 seconds (`exp = iat + 300`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignOptions<'a> {
    /// The destination url (`sub`).
    pub url: &'a str,
    /// The raw body; its SHA-256 goes into the `body` claim, padded with `=` as QStash does.
    pub body: &'a [u8],
    /// Issue time, unix seconds (`iat` and `nbf`).
    pub now: i64,
    /// Lifetime in seconds: `exp = now + ttl`.
    pub ttl: i64,
    /// The token id (`jti`); QStash uses `jwt_` and 28 random characters.
    pub jti: &'a str,
}

/// Appends `s` as a JSON string.
fn push_json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 0xf] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Signs a token as QStash does: header `{"alg":"HS256","typ":"JWT"}`, claims `aud` (`""`),
/// `body`, `exp`, `iat`, `iss` (`"Upstash"`), `jti`, `nbf`, `sub`, in that order.
///
/// ```
/// use qstash_verifier::{sign, Expect, SignOptions, Verifier};
/// let opts = SignOptions { url: "https://example.com/hook", body: b"hi", now: 1_700_000_000, ttl: 300, jti: "jwt_1" };
/// let token = sign("sig_key", &opts).unwrap();
/// let v = Verifier::new("sig_key", None).unwrap();
/// assert!(v.verify(&token, b"hi", &Expect::new("https://example.com/hook", 1_700_000_001)).is_ok());
/// ```
///
/// # Errors
/// [`Error::MissingSigningKey`] if `signing_key` is empty.
pub fn sign(signing_key: &str, opts: &SignOptions<'_>) -> Result<String, Error> {
    if signing_key.is_empty() {
        return Err(Error::MissingSigningKey);
    }
    let mut claims = String::with_capacity(160 + opts.url.len() + opts.jti.len());
    claims.push_str("{\"aud\":\"\",\"body\":\"");
    claims.push_str(&b64::encode(&Sha256::digest(opts.body)));
    claims.push_str("=\",\"exp\":");
    push_decimal(&mut claims, opts.now.saturating_add(opts.ttl));
    claims.push_str(",\"iat\":");
    push_decimal(&mut claims, opts.now);
    claims.push_str(",\"iss\":\"Upstash\",\"jti\":");
    push_json_string(&mut claims, opts.jti);
    claims.push_str(",\"nbf\":");
    push_decimal(&mut claims, opts.now);
    claims.push_str(",\"sub\":");
    push_json_string(&mut claims, opts.url);
    claims.push('}');

    // base64url of {"alg":"HS256","typ":"JWT"}
    let mut token = String::from("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.");
    token.push_str(&b64::encode(claims.as_bytes()));
    let mac = Hmac::<Sha256>::new_from_slice(signing_key.as_bytes())
        .map_err(|_| Error::MissingSigningKey)?
        .chain_update(token.as_bytes())
        .finalize()
        .into_bytes();
    token.push('.');
    token.push_str(&b64::encode(&mac));
    Ok(token)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Expect, KeyUsed, Verifier};

    #[test]
    fn header_constant_is_the_qstash_header() {
        assert_eq!(
            b64::encode(br#"{"alg":"HS256","typ":"JWT"}"#),
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
        );
    }

    #[test]
    fn signs_what_the_verifier_accepts() {
        let url = "https://example.com/a?b=\"c\"\\\u{1}é";
        let opts = SignOptions {
            url,
            body: b"\x00\xff",
            now: 1_700_000_000,
            ttl: 300,
            jti: "jwt_x",
        };
        let token = sign("sig_k", &opts).expect("signs");
        let verifier = Verifier::new("sig_other", Some("sig_k")).expect("keys");
        let v = verifier
            .verify(&token, b"\x00\xff", &Expect::new(url, 1_700_000_299))
            .expect("verifies");
        assert_eq!(v.key, KeyUsed::Next);
        assert_eq!(v.claims.sub, url);
        assert_eq!(v.claims.exp, 1_700_000_300);
        assert_eq!(v.claims.aud.as_deref(), Some(""));
        assert!(v.claims.body.ends_with('='));
        let expired = verifier.verify(&token, b"\x00\xff", &Expect::new(url, 1_700_000_300));
        assert_eq!(expired.map_err(|e| e.code()).err(), Some("token_expired"));
        assert_eq!(sign("", &opts), Err(Error::MissingSigningKey));
    }
}
