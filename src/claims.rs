//! The claims QStash puts in a token, read and type-checked after the MAC matched.

use alloc::borrow::Cow;
use alloc::string::String;

use serde::Serialize;

use crate::json::{self, Value};
use crate::Error;

/// The claims of a verified token.
///
/// `exp`, `nbf`, `sub` and `body` are required; `iat`, `jti` and `aud` are optional but, when
/// present, must have their type. Other claims are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Claims {
    /// Issuer: always `"Upstash"` once verified.
    pub iss: String,
    /// Subject: the destination url the message was published to.
    pub sub: String,
    /// Expiry, unix seconds.
    pub exp: i64,
    /// Not before, unix seconds (may be negative: Go's zero time has been seen).
    pub nbf: i64,
    /// Issued at, unix seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iat: Option<i64>,
    /// Token id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jti: Option<String>,
    /// Audience (QStash sends `""`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aud: Option<String>,
    /// base64url(SHA-256(body)), as in the token (often with a trailing `=`).
    pub body: String,
}

/// The claims as read from the payload, each string borrowed from it unless it had an escape to
/// undo: what the verification checks and the wasm export writes out, with no allocation in the
/// usual case. [`Claims`] is its owned form, for the public API.
#[derive(Debug)]
pub(crate) struct ClaimsRef<'a> {
    pub iss: Cow<'a, str>,
    pub sub: Cow<'a, str>,
    pub exp: i64,
    pub nbf: i64,
    pub iat: Option<i64>,
    pub jti: Option<Cow<'a, str>>,
    pub aud: Option<Cow<'a, str>>,
    pub body: Cow<'a, str>,
}

fn invalid(reason: &'static str) -> Error {
    Error::InvalidClaims { reason }
}

fn string<'a>(v: Value<'a>, wrong: &'static str) -> Result<Cow<'a, str>, &'static str> {
    match v {
        Value::Str(s) => Ok(s),
        _ => Err(wrong),
    }
}

fn integer(v: Value<'_>, wrong: &'static str) -> Result<i64, &'static str> {
    match v {
        Value::Int(n) => Ok(n),
        _ => Err(wrong),
    }
}

/// The payload as text: `malformed_token` unless it is UTF-8.
pub(crate) fn payload_text(payload: &[u8]) -> Result<&str, Error> {
    core::str::from_utf8(payload).map_err(|_| Error::MalformedToken {
        reason: "the payload is not UTF-8",
    })
}

impl Claims {
    /// Reads the payload (see [`ClaimsRef::parse`]) into owned claims.
    pub(crate) fn parse(payload: &[u8]) -> Result<Claims, Error> {
        ClaimsRef::parse(payload_text(payload)?).map(|c| c.to_claims())
    }
}

impl<'a> ClaimsRef<'a> {
    /// Reads the payload: `malformed_token` if it is not a JSON object, `invalid_claims` for a
    /// missing or mistyped claim, then `invalid_issuer` if `iss` is not `"Upstash"`.
    pub(crate) fn parse(text: &'a str) -> Result<Self, Error> {
        let (mut iss, mut sub, mut exp, mut nbf) = (None, None, None, None);
        let (mut iat, mut jti, mut aud, mut body) = (None, None, None, None);
        // The first mistyped claim, reported once the whole object has been read (a JSON error
        // or a duplicated member anywhere in it comes first).
        let mut wrong = None;
        json::each_member(text, &mut |name, value| {
            let typed = match name.as_bytes() {
                b"iss" => string(value, "iss must be a string").map(|v| iss = Some(v)),
                b"sub" => string(value, "sub must be a string").map(|v| sub = Some(v)),
                b"exp" => {
                    integer(value, "exp must be an integer within i64").map(|v| exp = Some(v))
                }
                b"nbf" => {
                    integer(value, "nbf must be an integer within i64").map(|v| nbf = Some(v))
                }
                b"iat" => {
                    integer(value, "iat must be an integer within i64").map(|v| iat = Some(v))
                }
                b"jti" => string(value, "jti must be a string").map(|v| jti = Some(v)),
                b"aud" => string(value, "aud must be a string").map(|v| aud = Some(v)),
                b"body" => string(value, "body must be a string").map(|v| body = Some(v)),
                _ => Ok(()),
            };
            if let (Err(e), None) = (typed, &wrong) {
                wrong = Some(e);
            }
        })
        .map_err(|reason| Error::MalformedToken { reason })?;
        if let Some(reason) = wrong {
            return Err(invalid(reason));
        }
        let claims = ClaimsRef {
            exp: exp.ok_or(invalid("exp is missing"))?,
            nbf: nbf.ok_or(invalid("nbf is missing"))?,
            sub: sub.ok_or(invalid("sub is missing"))?,
            body: body.ok_or(invalid("body is missing"))?,
            iss: iss.unwrap_or_default(),
            iat,
            jti,
            aud,
        };
        if claims.iss != "Upstash" {
            return Err(Error::InvalidIssuer);
        }
        Ok(claims)
    }

    /// The owned claims.
    pub(crate) fn to_claims(&self) -> Claims {
        Claims {
            iss: String::from(&*self.iss),
            sub: String::from(&*self.sub),
            exp: self.exp,
            nbf: self.nbf,
            iat: self.iat,
            jti: self.jti.as_deref().map(String::from),
            aud: self.aud.as_deref().map(String::from),
            body: String::from(&*self.body),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: &str = r#"{"iss":"Upstash","sub":"https://a/b","exp":10,"nbf":-62135596800,"iat":1,"jti":"j","aud":"","body":"x=","extra":[1.5]}"#;

    fn code(payload: &str) -> &'static str {
        match Claims::parse(payload.as_bytes()) {
            Ok(_) => "ok",
            Err(e) => e.code(),
        }
    }

    #[test]
    fn reads_every_claim() {
        let c = Claims::parse(OK.as_bytes()).expect("valid");
        assert_eq!(c.nbf, -62_135_596_800);
        assert_eq!(c.iat, Some(1));
        assert_eq!(c.jti.as_deref(), Some("j"));
        assert_eq!(c.aud.as_deref(), Some(""));
        assert_eq!(c.body, "x=");
    }

    #[test]
    fn strings_are_borrowed_unless_unescaped() {
        let c = ClaimsRef::parse(OK).expect("valid");
        for s in [&c.iss, &c.sub, &c.body] {
            assert!(matches!(s, Cow::Borrowed(_)), "{s:?} was copied");
        }
        assert!(matches!(c.jti, Some(Cow::Borrowed("j"))));
        let escaped = OK.replace("https://a/b", r"https:\/\/a\/b?x=1\u0026y=2");
        let c = ClaimsRef::parse(&escaped).expect("valid");
        assert!(matches!(&c.sub, Cow::Owned(s) if s == "https://a/b?x=1&y=2"));
        assert_eq!(c.to_claims().sub, "https://a/b?x=1&y=2");
        assert_eq!(
            ClaimsRef::parse(OK).expect("valid").to_claims(),
            Claims::parse(OK.as_bytes()).expect("valid")
        );
    }

    #[test]
    fn types_then_issuer() {
        let cases = [
            (OK.replace(r#""exp":10,"#, ""), "invalid_claims"),
            (OK.replace(r#""nbf":-62135596800,"#, ""), "invalid_claims"),
            (OK.replace(r#""sub":"https://a/b","#, ""), "invalid_claims"),
            (OK.replace(r#","body":"x=""#, ""), "invalid_claims"),
            (OK.replace(r#""exp":10"#, r#""exp":"10""#), "invalid_claims"),
            (OK.replace(r#""exp":10"#, r#""exp":10.0"#), "invalid_claims"),
            (OK.replace(r#""exp":10"#, r#""exp":1e1"#), "invalid_claims"),
            (
                OK.replace(r#""exp":10"#, r#""exp":9223372036854775808"#),
                "invalid_claims",
            ),
            (OK.replace(r#""iat":1"#, r#""iat":"1""#), "invalid_claims"),
            (OK.replace(r#""jti":"j""#, r#""jti":1"#), "invalid_claims"),
            (OK.replace(r#""aud":"""#, r#""aud":[""]"#), "invalid_claims"),
            (
                OK.replace(r#""iss":"Upstash""#, r#""iss":1"#),
                "invalid_claims",
            ),
            (
                OK.replace(r#""iss":"Upstash""#, r#""iss":"upstash""#),
                "invalid_issuer",
            ),
            (OK.replace(r#""iss":"Upstash","#, ""), "invalid_issuer"),
            (
                OK.replace(r#""exp":10"#, r#""exp":9223372036854775807"#),
                "ok",
            ),
            ("[]".to_string(), "malformed_token"),
            (OK.replace(r#""aud":"""#, r#""sub":"""#), "malformed_token"),
        ];
        for (payload, want) in cases {
            assert_eq!(code(&payload), want, "{payload}");
        }
        assert_eq!(
            Claims::parse(b"{\"sub\":\"\xff\"}").map_err(|e| e.code()),
            Err("malformed_token")
        );
    }
}
