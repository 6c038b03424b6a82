//! The cheap, structural checks: size, three segments, canonical base64url, the header.
//! Nothing here needs a key; [`crate::Verifier`] runs it before the MAC.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

use crate::json::{self, Value};
use crate::{Error, MAX_TOKEN_LEN};

/// A token whose structure and header passed, ready for the MAC.
pub(crate) struct Token<'a> {
    /// `header.payload`, the bytes the HMAC covers.
    pub signing_input: &'a str,
    /// The decoded payload (not yet parsed: that waits for the MAC).
    pub payload: Vec<u8>,
    /// The decoded signature (its length is checked by the MAC).
    pub signature: Vec<u8>,
}

fn malformed(reason: &'static str) -> Error {
    Error::MalformedToken { reason }
}

fn unsupported(reason: &'static str) -> Error {
    Error::UnsupportedAlgorithm { reason }
}

/// Decodes one segment; `URL_SAFE_NO_PAD` refuses `=`, `+`, `/` and non-zero trailing bits.
fn decode(segment: &str, what: &'static str) -> Result<Vec<u8>, Error> {
    URL_SAFE_NO_PAD.decode(segment).map_err(|_| malformed(what))
}

/// Checks size, segments, encoding and header, in that order.
pub(crate) fn parse(token: &str) -> Result<Token<'_>, Error> {
    if token.is_empty() {
        return Err(Error::MissingSignature);
    }
    if token.len() > MAX_TOKEN_LEN {
        return Err(Error::TokenTooLarge { len: token.len() });
    }
    let mut parts = token.split('.');
    let (Some(header), Some(payload), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(malformed("a JWT has exactly three segments"));
    };
    let payload_len = payload.len();
    let header_bytes = decode(header, "the header is not canonical unpadded base64url")?;
    let payload = decode(payload, "the payload is not canonical unpadded base64url")?;
    let signature = decode(
        signature,
        "the signature is not canonical unpadded base64url",
    )?;

    check_header(&header_bytes)?;
    Ok(Token {
        signing_input: &token[..header.len() + 1 + payload_len],
        payload,
        signature,
    })
}

fn check_header(bytes: &[u8]) -> Result<(), Error> {
    let text = std::str::from_utf8(bytes).map_err(|_| malformed("the header is not UTF-8"))?;
    let members = json::parse_object(text).map_err(malformed)?;
    let mut alg = None;
    for (name, value) in &members {
        match &**name {
            "alg" => alg = Some(value),
            "crit" => {
                return Err(unsupported(
                    "the header has crit; no JWS extension is supported",
                ))
            }
            _ => {}
        }
    }
    match alg {
        Some(Value::Str(a)) if a == "HS256" => Ok(()),
        Some(Value::Str(_)) => Err(unsupported("alg must be HS256")),
        Some(_) => Err(unsupported("alg is not a string")),
        None => Err(unsupported("the header has no alg")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64(s: &str) -> String {
        URL_SAFE_NO_PAD.encode(s)
    }

    fn code(token: &str) -> &'static str {
        match parse(token) {
            Ok(_) => "ok",
            Err(e) => e.code(),
        }
    }

    #[test]
    fn structure() {
        let h = b64(r#"{"alg":"HS256","typ":"JWT"}"#);
        let p = b64("{}");
        assert_eq!(code(&format!("{h}.{p}.AAAA")), "ok");
        assert_eq!(code(""), "missing_signature");
        assert_eq!(code(&format!("{h}.{p}")), "malformed_token");
        assert_eq!(code(&format!("{h}.{p}.AAAA.AAAA")), "malformed_token");
        assert_eq!(code(&format!("{h}.{p}.AAAA=")), "malformed_token");
        assert_eq!(code(&format!("{h}.{p}.AA+A")), "malformed_token");
        assert_eq!(code(&format!("{h}.{p}.AAB")), "malformed_token"); // trailing bits
        assert_eq!(code(&format!("{h}.{p}.AAA")), "ok");
        let big = format!("{h}.{p}.{}", "A".repeat(MAX_TOKEN_LEN));
        assert_eq!(code(&big), "token_too_large");
    }

    #[test]
    fn signing_input_is_header_dot_payload() {
        let h = b64(r#"{"alg":"HS256"}"#);
        let token = format!("{h}.e30.AAAA");
        let t = parse(&token).expect("parses");
        assert_eq!(t.signing_input, format!("{h}.e30"));
        assert_eq!(t.payload, b"{}");
        assert_eq!(t.signature, [0, 0, 0]);
    }

    #[test]
    fn header_rules() {
        for (header, want) in [
            (r#"{"alg":"HS256","typ":"JWT","kid":"k"}"#, "ok"),
            (r#"{"alg":"HS384"}"#, "unsupported_algorithm"),
            (r#"{"alg":"none"}"#, "unsupported_algorithm"),
            (r#"{"alg":"hs256"}"#, "unsupported_algorithm"),
            (r#"{"alg":["HS256"]}"#, "unsupported_algorithm"),
            (r#"{"typ":"JWT"}"#, "unsupported_algorithm"),
            (
                r#"{"alg":"HS256","crit":["b64"],"b64":true}"#,
                "unsupported_algorithm",
            ),
            (r#"{"alg":"HS256","alg":"HS256"}"#, "malformed_token"),
            (r#"["HS256"]"#, "malformed_token"),
            ("not json", "malformed_token"),
        ] {
            assert_eq!(code(&format!("{}.e30.AAAA", b64(header))), want, "{header}");
        }
    }
}
