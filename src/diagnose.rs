//! The diagnosis behind `qstash-verifier inspect` (the npm package's command, through the tools
//! module, `src/wasm/tools.rs`): a token decoded WITHOUT trusting it, and every check of the
//! verification run on its own, in the core's order and with the core's own functions
//! (`token::parse`, `ClaimsRef::parse`, `check_time`, `check_url`, [`SigningKey`]), so
//! that the command explains a refusal without a rule of its own.
//!
//! [`diagnose`] runs every check it has the inputs for, also after one failed (the later ones on
//! the unverified claims, as far as they can be read), and reports each as passed, failed (with
//! the core's [`Error`]: its code and message) or not run (and why: an input is missing). The
//! signature is checked with the current key and, when there is one, with the next key, each on
//! its own. [`Diagnosis::verdict`] is what [`Verifier::verify`](crate::Verifier::verify) returns
//! for the same inputs ([`Verifier::check_token`](crate::Verifier::check_token) when no body is
//! given, [`Url::Unchecked`] when no url is): `tests/vectors.rs` checks that on every vector, and
//! `tests/properties.rs` on altered tokens.
//!
//! No key, and nothing computed from one (a MAC), is in a diagnosis.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::claims::{payload_text, ClaimsRef};
use crate::json::{self, Value};
use crate::token;
use crate::verifier::{check_time, check_url};
use crate::{b64, Error, Expect, KeyUsed, SigningKey, Url};

/// What to diagnose: the token and whatever else is known of the delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Input<'a> {
    /// The `Upstash-Signature` value.
    pub token: &'a str,
    /// The raw body; `None`: not known (the body is not checked).
    pub body: Option<&'a [u8]>,
    /// The url(s) the token must be for; `None`: not known (`sub` is not checked).
    pub urls: Option<&'a [&'a str]>,
    /// The current signing key; `None` or empty: not known (the signature is not checked).
    pub current_key: Option<&'a str>,
    /// The next signing key; `None` or empty: none.
    pub next_key: Option<&'a str>,
    /// The time, unix seconds.
    pub now: i64,
    /// Seconds of clock skew tolerated on `exp` and `nbf`.
    pub clock_tolerance: u64,
}

/// The checks, in the order the core runs them: [`Diagnosis::checks`] has one of each, in this
/// order. (`claims`, the types, comes before `issuer`, as in the core's claims reader.)
pub const CHECKS: [&str; 10] = [
    "structure",
    "algorithm",
    "signature_current",
    "signature_next",
    "claims",
    "issuer",
    "exp",
    "nbf",
    "url",
    "body",
];

/// A token taken apart, each check's outcome, and the verdict.
///
/// Serialized (for the JS shim, by serde-wasm-bindgen) as `{ tokenLength, segments, header,
/// claims, body?, checks: [{ check, status: "passed" | "failed" | "not_run", code?, message?,
/// reason? }], verdict: { valid, key?, code?, message? } }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnosis {
    /// The token's length in bytes.
    pub token_length: usize,
    /// How many `.`-separated segments it has (a JWT has 3).
    pub segments: usize,
    /// The header, decoded and NOT trusted.
    pub header: Decoded,
    /// The claims, decoded and NOT trusted (whatever the signature says).
    pub claims: Decoded,
    /// The body's length and SHA-256, when a body was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<BodyDigest>,
    /// One outcome per check, in the order of [`CHECKS`].
    pub checks: Vec<Check>,
    /// What the verification returns for the same inputs: the key that matched, or the first
    /// rule broken (`missing_signing_key` without a current key, as `Verifier::new` refuses it).
    #[serde(serialize_with = "verdict")]
    pub verdict: Result<KeyUsed, Error>,
}

impl Diagnosis {
    /// The outcome of the check named `name` (one of [`CHECKS`]).
    pub fn outcome(&self, name: &str) -> Option<&Outcome> {
        self.checks
            .iter()
            .find(|c| c.name == name)
            .map(|c| &c.outcome)
    }
}

/// A JSON object of the token (header or claims) as decoded, trusting nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Decoded {
    /// Its top-level members, in order (duplicates included). Empty when it cannot be read.
    pub members: Vec<Member>,
    /// Why it cannot be read, when it cannot (or, with members, why the core refuses it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<&'static str>,
    /// With `error`, the start of its text when it is text (80 characters at most, lossy UTF-8).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// One member of a decoded object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Member {
    /// Its name, unescaped.
    pub name: String,
    /// Its value as written in the token (JSON text).
    pub json: String,
    /// The value, unescaped, when it is a string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub string: Option<String>,
    /// The value when it is an integer within `i64` (serialized only when a JS number holds it
    /// exactly: within ±(2^53 - 1)).
    #[serde(skip_serializing_if = "not_a_safe_integer")]
    pub integer: Option<i64>,
}

/// The body that was given: its length and base64url SHA-256 (unpadded).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BodyDigest {
    /// Bytes.
    pub length: usize,
    /// base64url(SHA-256(body)), unpadded.
    pub sha256: String,
}

/// One check and its outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// One of [`CHECKS`].
    pub name: &'static str,
    /// What came of it.
    pub outcome: Outcome,
}

/// What came of one check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The rule holds.
    Passed,
    /// The rule is broken: the core's error for it. (A signature check fails with
    /// `invalid_signature`, whose message speaks of both keys: the signature is refused only
    /// when no key's check passed.)
    Failed(Error),
    /// Not run: what it needs is missing.
    NotRun(&'static str),
}

impl Serialize for Check {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut out = s.serialize_struct("Check", 4)?;
        out.serialize_field("check", self.name)?;
        match &self.outcome {
            Outcome::Passed => out.serialize_field("status", "passed")?,
            Outcome::Failed(e) => {
                out.serialize_field("status", "failed")?;
                out.serialize_field("code", e.code())?;
                out.serialize_field("message", &e.message())?;
            }
            Outcome::NotRun(reason) => {
                out.serialize_field("status", "not_run")?;
                out.serialize_field("reason", reason)?;
            }
        }
        out.end()
    }
}

fn verdict<S: Serializer>(v: &Result<KeyUsed, Error>, s: S) -> Result<S::Ok, S::Error> {
    let mut out = s.serialize_struct("Verdict", 3)?;
    out.serialize_field("valid", &v.is_ok())?;
    match v {
        Ok(key) => out.serialize_field("key", key.as_str())?,
        Err(e) => {
            out.serialize_field("code", e.code())?;
            out.serialize_field("message", &e.message())?;
        }
    }
    out.end()
}

fn not_a_safe_integer(v: &Option<i64>) -> bool {
    !matches!(v, Some(n) if n.unsigned_abs() < 1 << 53)
}

/// The claims the checks after the signature look at, each where it has its type.
#[derive(Default)]
struct Fields<'a> {
    iss: Option<Cow<'a, str>>,
    sub: Option<Cow<'a, str>>,
    body: Option<Cow<'a, str>>,
    exp: Option<i64>,
    nbf: Option<i64>,
}

/// Why the claims checks after the signature did not run.
const UNREADABLE: &str = "the claims cannot be read";

/// A segment (`None`: the token does not have three), base64url-decoded (`bytes`: canonically,
/// as the core decodes it), then read as JSON: for display, and the members for the checks when
/// the object is valid.
fn read_object<'a>(
    segment: Option<&str>,
    bytes: Option<&'a [u8]>,
) -> (Decoded, Option<json::Members<'a>>) {
    let failed = |error, text: Option<String>| {
        (
            Decoded {
                error: Some(error),
                text,
                ..Decoded::default()
            },
            None,
        )
    };
    if segment.is_none() {
        return failed("the token does not have three segments", None);
    }
    let Some(bytes) = bytes else {
        return failed("not canonical unpadded base64url", None);
    };
    let excerpt = || Some(String::from_utf8_lossy(bytes).chars().take(80).collect());
    let Ok(text) = core::str::from_utf8(bytes) else {
        return failed("not UTF-8", excerpt());
    };
    let mut members = Vec::new();
    let read = json::each_member(text, &mut |name, value| members.push((name, value)));
    // The members as written: shown when the text is one whole object whose members are those
    // the reader saw (also when the reader refuses it for a duplicated member).
    let spans = value_spans(text).filter(|spans| spans.len() == members.len());
    let shown = match &spans {
        Some(spans) => members
            .iter()
            .zip(spans)
            .map(|((name, value), json)| Member {
                name: String::from(&**name),
                json: String::from(*json),
                string: match value {
                    Value::Str(s) => Some(String::from(&**s)),
                    _ => None,
                },
                integer: match value {
                    Value::Int(n) => Some(*n),
                    _ => None,
                },
            })
            .collect(),
        None => Vec::new(),
    };
    match read {
        Ok(()) => (
            Decoded {
                members: shown,
                ..Decoded::default()
            },
            Some(members),
        ),
        Err(error) => (
            Decoded {
                members: shown,
                error: Some(error),
                text: excerpt(),
            },
            None,
        ),
    }
}

/// The text of each top-level member's value in `text`, when `text` is one JSON object (only
/// brackets, strings and separators are followed: the core's reader has checked, or refuses,
/// the rest). Never panics, whatever `text` is.
fn value_spans(text: &str) -> Option<Vec<&str>> {
    let b = text.as_bytes();
    let ws = |mut i: usize| {
        while matches!(b.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            i += 1;
        }
        i
    };
    // Past the string that starts at `i` (a `"`).
    let string = |mut i: usize| -> Option<usize> {
        i += 1;
        loop {
            match *b.get(i)? {
                b'\\' => i += 2,
                b'"' => return Some(i + 1),
                _ => i += 1,
            }
        }
    };
    let mut i = ws(0);
    if b.get(i) != Some(&b'{') {
        return None;
    }
    let mut spans = Vec::new();
    i = ws(i + 1);
    if b.get(i) == Some(&b'}') {
        return (ws(i + 1) == b.len()).then_some(spans);
    }
    loop {
        if b.get(i) != Some(&b'"') {
            return None;
        }
        i = ws(string(i)?);
        if b.get(i) != Some(&b':') {
            return None;
        }
        i = ws(i + 1);
        let start = i;
        let mut depth = 0usize;
        loop {
            match *b.get(i)? {
                b'"' => i = string(i)?,
                b'{' | b'[' => {
                    depth += 1;
                    i += 1;
                }
                b'}' | b']' if depth > 0 => {
                    depth -= 1;
                    i += 1;
                }
                b',' | b'}' if depth == 0 => break,
                _ => i += 1,
            }
        }
        spans.push(text.get(start..i)?.trim_end());
        let end = b[i];
        i = ws(i + 1);
        if end == b'}' {
            return (i == b.len()).then_some(spans);
        }
    }
}

/// Runs every check it has the inputs for; see the module documentation.
pub fn diagnose(input: &Input<'_>) -> Diagnosis {
    use Outcome::{Failed, NotRun, Passed};

    let token = input.token;
    let segments = token.split('.').count();
    let mut parts = token.split('.').filter(|_| segments == 3);
    let (header_segment, payload_segment) = (parts.next(), parts.next());
    let header_bytes = header_segment.and_then(b64::decode);
    let payload_bytes = payload_segment.and_then(b64::decode);
    let (header, _) = read_object(header_segment, header_bytes.as_deref());
    let (claims, members) = read_object(payload_segment, payload_bytes.as_deref());

    // 1. Structure and algorithm: the core's parse (size, segments, base64url, header).
    let parsed = token::parse(token);
    let (structure, algorithm) = match &parsed {
        Ok(_) => (Passed, Passed),
        Err(e @ Error::UnsupportedAlgorithm { .. }) => (Passed, Failed(e.clone())),
        Err(e) => (
            Failed(e.clone()),
            NotRun("the token's structure is invalid"),
        ),
    };

    // 2. The MAC, with each key on its own.
    let current_key = input.current_key.filter(|k| !k.is_empty());
    let next_key = input.next_key.filter(|k| !k.is_empty());
    let signed_by = |key: Option<&str>, none: &'static str| match (key, &parsed) {
        (None, _) => NotRun(none),
        (Some(_), Err(_)) => NotRun("the token's structure or algorithm is invalid"),
        (Some(key), Ok(t)) => match SigningKey::new(key) {
            Ok(key) if key.signed(t.signing_input, &t.signature) => Passed,
            _ => Failed(Error::InvalidSignature),
        },
    };
    let signature_current = signed_by(current_key, "no current signing key was given");
    let signature_next = signed_by(next_key, "no next signing key was given");

    // 3. The claims: their types (the core's reader), then each rule on its own claim.
    let claims_read = payload_bytes
        .as_deref()
        .map(|p| payload_text(p).and_then(ClaimsRef::parse).map(|_| ()));
    let claims_outcome = match &claims_read {
        None => NotRun("the payload cannot be decoded"),
        Some(Ok(()) | Err(Error::InvalidIssuer)) => Passed,
        Some(Err(e)) => Failed(e.clone()),
    };
    let fields = members.map(|members| {
        let mut f = Fields::default();
        for (name, value) in members {
            match (&*name, value) {
                ("iss", Value::Str(s)) => f.iss = Some(s),
                ("sub", Value::Str(s)) => f.sub = Some(s),
                ("body", Value::Str(s)) => f.body = Some(s),
                ("exp", Value::Int(n)) => f.exp = Some(n),
                ("nbf", Value::Int(n)) => f.nbf = Some(n),
                _ => {}
            }
        }
        f
    });
    let issuer = match &fields {
        None => NotRun(UNREADABLE),
        Some(f) if f.iss.as_deref() == Some("Upstash") => Passed,
        Some(_) => Failed(Error::InvalidIssuer),
    };
    let expect = Expect {
        url: Url::Unchecked,
        now: input.now,
        clock_tolerance: input.clock_tolerance,
    };
    // `check_time` on claims that hold only the one bound: with `nbf` at i64::MIN it can only
    // find `exp` passed, and with `exp` at i64::MAX only `nbf` (it finds that expired only at
    // now = i64::MAX with no tolerance, where no `nbf` is in the future).
    let time = |exp: i64, nbf: i64| {
        let empty = || Cow::Borrowed("");
        let claims = ClaimsRef {
            iss: empty(),
            sub: empty(),
            exp,
            nbf,
            iat: None,
            jti: None,
            aud: None,
            body: empty(),
        };
        check_time(&claims, &expect)
    };
    let exp = match fields.as_ref().map(|f| f.exp) {
        None => NotRun(UNREADABLE),
        Some(None) => NotRun("the token has no integer exp claim"),
        Some(Some(exp)) => time(exp, i64::MIN).map_or_else(Failed, |()| Passed),
    };
    let nbf = match fields.as_ref().map(|f| f.nbf) {
        None => NotRun(UNREADABLE),
        Some(None) => NotRun("the token has no integer nbf claim"),
        Some(Some(nbf)) => match time(i64::MAX, nbf) {
            Err(e @ Error::TokenNotYetValid { .. }) => Failed(e),
            _ => Passed,
        },
    };
    let url = match (input.urls, fields.as_ref().map(|f| f.sub.as_deref())) {
        (None, _) => NotRun("no url was given"),
        (_, None) => NotRun(UNREADABLE),
        (_, Some(None)) => NotRun("the token has no string sub claim"),
        (Some(urls), Some(Some(sub))) => {
            check_url(sub, Url::AnyOf(urls)).map_or_else(Failed, |()| Passed)
        }
    };
    let body = input.body.map(|b| BodyDigest {
        length: b.len(),
        sha256: b64::encode(&Sha256::digest(b)),
    });
    let body_outcome = match (&body, fields.as_ref().map(|f| f.body.as_deref())) {
        (None, _) => NotRun("no body was given"),
        (_, None) => NotRun(UNREADABLE),
        (_, Some(None)) => NotRun("the token has no string body claim"),
        (Some(digest), Some(Some(claim))) if claim.trim_end_matches('=') == digest.sha256 => Passed,
        (Some(_), Some(Some(_))) => Failed(Error::BodyMismatch),
    };

    // The verdict, in the core's order: the keys, the structure, a key whose MAC matched, the
    // claims, then the first rule broken.
    let verdict = (|| {
        if current_key.is_none() {
            return Err(Error::MissingSigningKey);
        }
        parsed.as_ref().map_err(Clone::clone)?;
        let key = match (&signature_current, &signature_next) {
            (Passed, _) => KeyUsed::Current,
            (_, Passed) => KeyUsed::Next,
            _ => return Err(Error::InvalidSignature),
        };
        if let Some(Err(e)) = &claims_read {
            return Err(e.clone());
        }
        for outcome in [&exp, &nbf, &url, &body_outcome] {
            if let Failed(e) = outcome {
                return Err(e.clone());
            }
        }
        Ok(key)
    })();

    let outcomes = [
        structure,
        algorithm,
        signature_current,
        signature_next,
        claims_outcome,
        issuer,
        exp,
        nbf,
        url,
        body_outcome,
    ];
    Diagnosis {
        token_length: token.len(),
        segments,
        header,
        claims,
        body,
        checks: CHECKS
            .into_iter()
            .zip(outcomes)
            .map(|(name, outcome)| Check { name, outcome })
            .collect(),
        verdict,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{sign, SignOptions};

    const KEY: &str = "sig_diagnose_current";
    const NEXT: &str = "sig_diagnose_next";
    const URL: &str = "https://example.com/api/webhook";
    const NOW: i64 = 1_700_000_000;

    /// The member `name` of a decoded header or payload.
    fn member<'a>(decoded: &'a Decoded, name: &str) -> &'a Member {
        decoded
            .members
            .iter()
            .find(|m| m.name == name)
            .unwrap_or_else(|| panic!("no member {name}"))
    }

    fn token(key: &str, url: &str, body: &[u8]) -> String {
        let opts = SignOptions {
            url,
            body,
            now: NOW,
            ttl: 300,
            jti: "jwt_d",
        };
        sign(key, &opts).expect("signs")
    }

    fn input(token: &str) -> Input<'_> {
        Input {
            token,
            body: Some(b"{}"),
            urls: Some(&[URL]),
            current_key: Some(KEY),
            next_key: None,
            now: NOW + 10,
            clock_tolerance: 0,
        }
    }

    fn statuses(d: &Diagnosis) -> Vec<String> {
        d.checks
            .iter()
            .map(|c| match &c.outcome {
                Outcome::Passed => format!("{} ok", c.name),
                Outcome::Failed(e) => format!("{} {}", c.name, e.code()),
                Outcome::NotRun(_) => format!("{} -", c.name),
            })
            .collect()
    }

    #[test]
    fn a_valid_delivery_passes_every_check() {
        let t = token(KEY, URL, b"{}");
        let d = diagnose(&input(&t));
        assert_eq!(d.verdict, Ok(KeyUsed::Current));
        assert_eq!(
            statuses(&d),
            [
                "structure ok",
                "algorithm ok",
                "signature_current ok",
                "signature_next -",
                "claims ok",
                "issuer ok",
                "exp ok",
                "nbf ok",
                "url ok",
                "body ok"
            ]
        );
        assert_eq!((d.segments, d.token_length), (3, t.len()));
        let names: Vec<_> = d.header.members.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["alg", "typ"]);
        assert_eq!(d.header.members[0].json, "\"HS256\"");
        let sub = member(&d.claims, "sub");
        assert_eq!(sub.string.as_deref(), Some(URL));
        let exp = member(&d.claims, "exp");
        assert_eq!(
            (exp.json.as_str(), exp.integer),
            ("1700000300", Some(NOW + 300))
        );
        assert_eq!(d.body.as_ref().map(|b| b.length), Some(2));
    }

    #[test]
    fn each_key_is_checked_on_its_own() {
        let t = token(NEXT, URL, b"{}");
        let d = diagnose(&Input {
            next_key: Some(NEXT),
            ..input(&t)
        });
        assert_eq!(d.verdict, Ok(KeyUsed::Next));
        assert_eq!(
            d.outcome("signature_current"),
            Some(&Outcome::Failed(Error::InvalidSignature))
        );
        assert_eq!(d.outcome("signature_next"), Some(&Outcome::Passed));
        let d = diagnose(&Input {
            next_key: Some("sig_other"),
            ..input(&t)
        });
        assert_eq!(d.verdict, Err(Error::InvalidSignature));
        // Without a key: not run, and the verdict is the core's for no key.
        let d = diagnose(&Input {
            current_key: Some(""),
            next_key: Some(NEXT),
            ..input(&t)
        });
        assert_eq!(d.verdict, Err(Error::MissingSigningKey));
        assert!(matches!(
            d.outcome("signature_current"),
            Some(Outcome::NotRun(_))
        ));
        assert_eq!(d.outcome("signature_next"), Some(&Outcome::Passed));
        assert_eq!(d.outcome("body"), Some(&Outcome::Passed));
    }

    #[test]
    fn every_check_runs_after_a_failure() {
        let t = token(KEY, "https://example.com/api/webhook/", b"{}\n");
        let d = diagnose(&Input {
            current_key: Some("sig_wrong"),
            now: NOW + 400,
            ..input(&t)
        });
        assert_eq!(d.verdict, Err(Error::InvalidSignature));
        assert_eq!(
            statuses(&d)[2..],
            [
                "signature_current invalid_signature",
                "signature_next -",
                "claims ok",
                "issuer ok",
                "exp token_expired",
                "nbf ok",
                "url url_mismatch",
                "body body_mismatch"
            ]
        );
        let Some(Outcome::Failed(e)) = d.outcome("exp") else {
            panic!("exp")
        };
        assert_eq!(
            e.to_string(),
            "the token expired at 1700000300 (now is 1700000400)"
        );
        // With the right key, the first of them is the verdict.
        let d = diagnose(&Input {
            now: NOW + 400,
            ..input(&t)
        });
        assert_eq!(
            d.verdict.clone().map_err(|e| e.code()),
            Err("token_expired")
        );
        let d = diagnose(&Input {
            now: NOW - 10,
            ..input(&t)
        });
        assert_eq!(
            d.verdict.clone().map_err(|e| e.code()),
            Err("token_not_yet_valid")
        );
        // Nothing missing but the inputs: url and body not run, and not in the verdict.
        let d = diagnose(&Input {
            urls: None,
            body: None,
            ..input(&t)
        });
        assert_eq!(d.verdict, Ok(KeyUsed::Current));
        assert_eq!(d.outcome("url"), Some(&Outcome::NotRun("no url was given")));
        assert_eq!(
            d.outcome("body"),
            Some(&Outcome::NotRun("no body was given"))
        );
    }

    fn b64json(s: &str) -> String {
        b64::encode(s.as_bytes())
    }

    #[test]
    fn claims_are_read_as_far_as_they_can_be() {
        let t = token(KEY, URL, b"{}");
        let (head, mac) = (
            t.split('.').next().expect("h"),
            t.rsplit('.').next().expect("s"),
        );
        let payload = b64json(
            r#"{"iss":"Other","sub":"https://example.com/api/webhook","exp":"soon","nbf":1700000000,"x":[1,{"y":"}"}] }"#,
        );
        let forged = format!("{head}.{payload}.{mac}");
        let d = diagnose(&input(&forged));
        assert_eq!(
            statuses(&d)[4..],
            [
                "claims invalid_claims",
                "issuer invalid_issuer",
                "exp -",
                "nbf ok",
                "url ok",
                "body -"
            ]
        );
        assert_eq!(d.verdict, Err(Error::InvalidSignature));
        let x = member(&d.claims, "x");
        assert_eq!(x.json, r#"[1,{"y":"}"}]"#);
        let exp = member(&d.claims, "exp");
        assert_eq!(
            (exp.json.as_str(), exp.string.as_deref(), exp.integer),
            ("\"soon\"", Some("soon"), None)
        );

        // A duplicated member: shown, both of them, and refused as the core refuses it.
        let payload = b64json(r#"{"sub":"a","sub":"b"}"#);
        let d = diagnose(&input(&format!("{head}.{payload}.{mac}")));
        assert_eq!(d.claims.members.len(), 2);
        assert_eq!(
            d.claims.error,
            Some("a JSON object has a duplicated member")
        );
        assert_eq!(
            d.outcome("claims")
                .map(|o| matches!(o, Outcome::Failed(Error::MalformedToken { .. }))),
            Some(true)
        );
        assert_eq!(d.outcome("url"), Some(&Outcome::NotRun(UNREADABLE)));

        // Not JSON: the start of the text.
        let payload = b64json("not json at all");
        let d = diagnose(&input(&format!("{head}.{payload}.{mac}")));
        assert_eq!(d.claims.text.as_deref(), Some("not json at all"));
        assert!(d.claims.members.is_empty());
    }

    #[test]
    fn broken_tokens() {
        let d = diagnose(&input("abc.def"));
        assert_eq!(d.segments, 2);
        assert_eq!(
            statuses(&d)[..3],
            [
                "structure malformed_token",
                "algorithm -",
                "signature_current -"
            ]
        );
        assert_eq!(
            d.header.error,
            Some("the token does not have three segments")
        );
        assert_eq!(
            d.verdict.clone().map_err(|e| e.code()),
            Err("malformed_token")
        );

        let t = token(KEY, URL, b"{}");
        let rest = t.split_once('.').expect("dot").1;
        let none = format!("{}.{rest}", b64json(r#"{"alg":"none"}"#));
        let d = diagnose(&input(&none));
        assert_eq!(
            statuses(&d)[..3],
            [
                "structure ok",
                "algorithm unsupported_algorithm",
                "signature_current -"
            ]
        );
        assert_eq!(d.header.members[0].json, "\"none\"");
        assert_eq!(d.outcome("exp"), Some(&Outcome::Passed)); // the claims are still read

        let spaced = format!(" {t}\n");
        let d = diagnose(&input(&spaced));
        assert_eq!(
            d.verdict.clone().map_err(|e| e.code()),
            Err("malformed_token")
        );
        assert_eq!(d.outcome("url"), Some(&Outcome::Passed));
        assert_eq!(d.header.error, Some("not canonical unpadded base64url"));

        let d = diagnose(&Input {
            current_key: None,
            ..input("")
        });
        assert_eq!(d.verdict, Err(Error::MissingSigningKey));
        assert_eq!(
            d.outcome("structure")
                .map(|o| matches!(o, Outcome::Failed(Error::MissingSignature))),
            Some(true)
        );
    }

    #[test]
    fn time_bounds_at_the_edges() {
        for (exp, nbf, now, tolerance, want) in [
            (10, 0, 10, 0, ["exp token_expired", "nbf ok"]),
            (10, 0, 10, 1, ["exp ok", "nbf ok"]),
            (10, 5, 4, 0, ["exp ok", "nbf token_not_yet_valid"]),
            (10, 5, 4, 1, ["exp ok", "nbf ok"]),
            (
                i64::MAX,
                i64::MAX,
                i64::MAX,
                0,
                ["exp token_expired", "nbf ok"],
            ),
            (
                i64::MIN,
                i64::MAX,
                0,
                0,
                ["exp token_expired", "nbf token_not_yet_valid"],
            ),
            (i64::MIN, i64::MAX, i64::MIN, u64::MAX, ["exp ok", "nbf ok"]),
            (i64::MAX, i64::MIN, i64::MIN, u64::MAX, ["exp ok", "nbf ok"]),
        ] {
            let payload = b64json(&format!(
                r#"{{"iss":"Upstash","sub":"u","body":"","exp":{exp},"nbf":{nbf}}}"#
            ));
            let t = format!("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.{payload}.AAAA");
            let d = diagnose(&Input {
                now,
                clock_tolerance: tolerance,
                ..input(&t)
            });
            assert_eq!(statuses(&d)[6..8], want, "{exp} {nbf} {now} {tolerance}");
        }
    }

    #[test]
    fn value_spans_follow_only_brackets_and_strings() {
        assert_eq!(
            value_spans(r#" { "a" : 1 , "b":"x,}\"y" ,"c":{"d":[1,2]}} "#),
            Some(vec!["1", r#""x,}\"y""#, r#"{"d":[1,2]}"#])
        );
        assert_eq!(value_spans("{}"), Some(vec![]));
        for bad in [
            "",
            "{",
            "{\"a\"",
            "{\"a\":",
            "{\"a\":1",
            "{\"a\":1}x",
            "[1]",
            "{\"a\":\"\\",
            "{1:2}",
        ] {
            assert_eq!(value_spans(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn no_key_in_the_serialized_diagnosis() {
        let t = token(KEY, URL, b"{}");
        for keys in [(KEY, NEXT), ("sig_wrong_key", "sig_wrong_next")] {
            let d = diagnose(&Input {
                current_key: Some(keys.0),
                next_key: Some(keys.1),
                ..input(&t)
            });
            let json = serde_json::to_string(&d).expect("serializes");
            assert!(!json.contains(keys.0) && !json.contains(keys.1), "{json}");
            assert!(json.contains(r#""verdict":{"valid":"#), "{json}");
        }
        let d = diagnose(&input(&t));
        let json = serde_json::to_value(&d).expect("serializes");
        assert_eq!(
            json["checks"][0],
            serde_json::json!({ "check": "structure", "status": "passed" })
        );
        assert_eq!(json["checks"][3]["status"], "not_run");
        assert_eq!(
            json["verdict"],
            serde_json::json!({ "valid": true, "key": "current" })
        );
        assert_eq!(json["tokenLength"], t.len());
    }
}
