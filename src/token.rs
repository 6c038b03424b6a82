//! The cheap, structural checks: size, three segments, canonical base64url, the header.
//! Nothing here needs a key; [`crate::Verifier`] runs it before the MAC.

use alloc::vec::Vec;

use crate::json::{self, Value};
use crate::{b64, Error, MAX_TOKEN_LEN};

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

/// Decodes one segment, refusing `=`, `+`, `/` and non-zero trailing bits.
fn decode(segment: &str, what: &'static str) -> Result<Vec<u8>, Error> {
    b64::decode(segment).ok_or(malformed(what))
}

/// base64url of `{"alg":"HS256","typ":"JWT"}`, the header of every token QStash signs.
const QSTASH_HEADER: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";

/// Checks size, segments, encoding and header, in that order.
pub(crate) fn parse(token: &str) -> Result<Token<'_>, Error> {
    if token.is_empty() {
        return Err(Error::MissingSignature);
    }
    if token.len() > MAX_TOKEN_LEN {
        return Err(Error::TokenTooLarge { len: token.len() });
    }
    // The dots. The first one follows QStash's own header in every QStash token, so it is
    // found without a scan; the last one is a signature's length from the end. A dot between
    // them (more than three segments) makes the payload fail to decode, as `.` is not base64url:
    // only then is the middle searched for one, so that the error says what is wrong.
    let three_segments = || malformed("a JWT has exactly three segments");
    let bytes = token.as_bytes();
    let first = if bytes.get(QSTASH_HEADER.len()) == Some(&b'.') && token.starts_with(QSTASH_HEADER)
    {
        Some(QSTASH_HEADER.len())
    } else {
        bytes.iter().position(|&b| b == b'.')
    };
    let second = bytes.iter().rposition(|&b| b == b'.');
    let (Some(first), Some(second)) = (first, second) else {
        return Err(three_segments());
    };
    // `None` only for the payload of a token with one dot (`first == second`: its range runs
    // backwards); `get` keeps the panicking slice path out of the `.wasm`.
    let (Some(header), Some(payload), Some(signature)) = (
        token.get(..first),
        token.get(first + 1..second),
        token.get(second + 1..),
    ) else {
        return Err(three_segments());
    };
    let segments_first = |e| {
        if payload.bytes().any(|b| b == b'.') {
            three_segments()
        } else {
            e
        }
    };
    // QStash's own header passes every check below: a fast path that changes no outcome.
    let header_bytes = if header == QSTASH_HEADER {
        None
    } else {
        Some(
            decode(header, "the header is not canonical unpadded base64url")
                .map_err(segments_first)?,
        )
    };
    let payload = decode(payload, "the payload is not canonical unpadded base64url")
        .map_err(segments_first)?;
    let signature = decode(
        signature,
        "the signature is not canonical unpadded base64url",
    )?;

    if let Some(bytes) = header_bytes {
        check_header(&bytes)?;
    }
    Ok(Token {
        // `get` (not indexing) keeps the panicking slice path out of the `.wasm`; never `None`.
        signing_input: token.get(..second).unwrap_or_default(),
        payload,
        signature,
    })
}

fn check_header(bytes: &[u8]) -> Result<(), Error> {
    let text = core::str::from_utf8(bytes).map_err(|_| malformed("the header is not UTF-8"))?;
    let (mut alg, mut crit) = (None, false);
    json::each_member(text, &mut |name, value| match &*name {
        "alg" => alg = Some(value),
        "crit" => crit = true,
        _ => {}
    })
    .map_err(malformed)?;
    if crit {
        return Err(unsupported(
            "the header has crit; no JWS extension is supported",
        ));
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
        b64::encode(s.as_bytes())
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
    fn qstash_header_is_what_the_checks_accept() {
        assert_eq!(
            b64::encode(br#"{"alg":"HS256","typ":"JWT"}"#),
            QSTASH_HEADER
        );
        let bytes = b64::decode(QSTASH_HEADER).expect("canonical");
        assert_eq!(check_header(&bytes), Ok(()));
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
