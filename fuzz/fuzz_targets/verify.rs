//! The whole verification, `Verifier::verify`, with arbitrary token, body, keys, url, time and
//! clock tolerance. Tokens are either raw text or built and HMAC-signed from arbitrary parts, so
//! the fuzzer gets past the MAC and into the claims, time, url and body checks.
//!
//! Oracles: an accepted delivery really satisfies every rule (MAC of the key reported, issuer,
//! time window, url, body hash); a well-formed delivery is accepted; `verify` and
//! `verify_digest` agree; no error message shows a signing key (url_mismatch, which echoes the
//! caller's urls and the token's sub, aside).
#![no_main]

use arbitrary::Arbitrary;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::{Hmac, KeyInit, Mac};
use libfuzzer_sys::fuzz_target;
use qstash_verifier::{Error, Expect, KeyUsed, Url, Verifier, MAX_TOKEN_LEN};
use sha2::{Digest, Sha256};

#[derive(Arbitrary, Debug)]
enum Num<'a> {
    Int(i64),
    /// `now` plus this many seconds: time windows the fuzzer finds easily.
    FromNow(i16),
    Raw(&'a str),
}

#[derive(Arbitrary, Debug)]
enum Iss<'a> {
    Upstash,
    Other(Str<'a>),
}

#[derive(Arbitrary, Debug)]
enum Str<'a> {
    Text(&'a str),
    Raw(&'a str),
}

#[derive(Arbitrary, Debug)]
enum BodyClaim<'a> {
    Padded,
    Unpadded,
    Other(Str<'a>),
}

#[derive(Arbitrary, Debug)]
enum Header<'a> {
    Standard,
    Alg(Str<'a>),
    Raw(&'a [u8]),
}

#[derive(Arbitrary, Debug)]
enum Payload<'a> {
    Claims {
        iss: Option<Iss<'a>>,
        sub: Option<Str<'a>>,
        exp: Option<Num<'a>>,
        nbf: Option<Num<'a>>,
        iat: Option<Num<'a>>,
        jti: Option<Str<'a>>,
        aud: Option<Str<'a>>,
        body: Option<BodyClaim<'a>>,
        extra: Option<&'a str>,
    },
    Raw(&'a [u8]),
}

#[derive(Arbitrary, Debug)]
enum SignWith<'a> {
    Current,
    Next,
    Other(&'a str),
    Raw(&'a [u8]),
}

#[derive(Arbitrary, Debug)]
#[allow(clippy::large_enum_variant)] // a fuzz input: its size does not matter
enum Token<'a> {
    Raw(&'a str),
    Built {
        header: Header<'a>,
        payload: Payload<'a>,
        sign: SignWith<'a>,
        /// One byte of the finished token replaced (position modulo the length).
        tamper: Option<(u16, u8)>,
    },
}

#[derive(Arbitrary, Debug)]
enum UrlChoice<'a> {
    Unchecked,
    /// The token's `sub` when it has one (else the text).
    Sub(&'a str),
    Exact(&'a str),
    AnyOf(Vec<&'a str>),
}

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    current: &'a str,
    next: Option<&'a str>,
    token: Token<'a>,
    body: &'a [u8],
    url: UrlChoice<'a>,
    now: i64,
    tolerance: u64,
}

fn hmac(key: &str, input: &str) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).expect("any key length");
    mac.update(input.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

fn string(s: &Str<'_>) -> String {
    match s {
        Str::Text(t) => serde_json::to_string(t).expect("a string serializes"),
        Str::Raw(r) => (*r).to_string(),
    }
}

/// Whether the payload is a delivery every rule accepts (with `sub`, at `now`, for `body`).
struct Wellformed {
    sub: Option<String>,
    exp: i64,
    nbf: i64,
}

fn build(input: &Input<'_>, keys: (&str, &str)) -> (String, Option<Wellformed>) {
    let Token::Built {
        header,
        payload,
        sign,
        tamper,
    } = &input.token
    else {
        let Token::Raw(t) = &input.token else {
            unreachable!()
        };
        return ((*t).to_string(), None);
    };
    let mut wellformed = matches!(header, Header::Standard) && tamper.is_none();
    let header = match header {
        Header::Standard => br#"{"alg":"HS256","typ":"JWT"}"#.to_vec(),
        Header::Alg(alg) => format!(r#"{{"alg":{},"typ":"JWT"}}"#, string(alg)).into_bytes(),
        Header::Raw(bytes) => bytes.to_vec(),
    };
    let digest = URL_SAFE_NO_PAD.encode(Sha256::digest(input.body));
    let (mut exp_v, mut nbf_v, mut sub_v) = (None, None, None);
    let payload = match payload {
        Payload::Raw(bytes) => {
            wellformed = false;
            bytes.to_vec()
        }
        Payload::Claims {
            iss,
            sub,
            exp,
            nbf,
            iat,
            jti,
            aud,
            body,
            extra,
        } => {
            let mut members = Vec::new();
            match iss {
                Some(Iss::Upstash) => members.push(r#""iss":"Upstash""#.to_string()),
                Some(Iss::Other(v)) => members.push(format!("\"iss\":{}", string(v))),
                None => {}
            }
            for (name, value) in [("sub", sub), ("jti", jti), ("aud", aud)] {
                if let Some(v) = value {
                    members.push(format!("\"{name}\":{}", string(v)));
                }
            }
            wellformed &= matches!(iss, Some(Iss::Upstash));
            wellformed &= matches!(sub, Some(Str::Text(_)));
            wellformed &= !matches!(jti, Some(Str::Raw(_))) && !matches!(aud, Some(Str::Raw(_)));
            if let Some(Str::Text(s)) = sub {
                sub_v = Some((*s).to_string());
            }
            let mut num_claim = |name: &str, v: &Option<Num<'_>>, required: bool| -> Option<i64> {
                match v {
                    Some(Num::Int(n)) => {
                        members.push(format!("\"{name}\":{n}"));
                        Some(*n)
                    }
                    Some(Num::FromNow(d)) => {
                        let n = input.now.saturating_add(i64::from(*d));
                        members.push(format!("\"{name}\":{n}"));
                        Some(n)
                    }
                    Some(Num::Raw(r)) => {
                        wellformed = false;
                        members.push(format!("\"{name}\":{r}"));
                        None
                    }
                    None => {
                        wellformed &= !required;
                        None
                    }
                }
            };
            exp_v = num_claim("exp", exp, true);
            nbf_v = num_claim("nbf", nbf, true);
            num_claim("iat", iat, false);
            match body {
                Some(BodyClaim::Padded) => members.push(format!("\"body\":\"{digest}=\"")),
                Some(BodyClaim::Unpadded) => members.push(format!("\"body\":\"{digest}\"")),
                Some(BodyClaim::Other(s)) => {
                    wellformed = false;
                    members.push(format!("\"body\":{}", string(s)));
                }
                None => wellformed = false,
            }
            if let Some(extra) = extra {
                wellformed = false;
                members.push((*extra).to_string());
            }
            format!("{{{}}}", members.join(",")).into_bytes()
        }
    };
    let input_text = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(&header),
        URL_SAFE_NO_PAD.encode(&payload)
    );
    let signature = match sign {
        SignWith::Current => hmac(keys.0, &input_text),
        SignWith::Next if !keys.1.is_empty() => hmac(keys.1, &input_text),
        SignWith::Next => {
            wellformed = false;
            hmac("sig_not_a_key", &input_text)
        }
        SignWith::Other(k) => {
            wellformed = false;
            hmac(k, &input_text)
        }
        SignWith::Raw(bytes) => {
            wellformed = false;
            bytes.to_vec()
        }
    };
    let mut token = format!("{input_text}.{}", URL_SAFE_NO_PAD.encode(signature));
    if let Some((pos, byte)) = tamper {
        let mut bytes = token.into_bytes();
        if !bytes.is_empty() {
            let i = usize::from(*pos) % bytes.len();
            bytes[i] = *byte;
        }
        token = String::from_utf8_lossy(&bytes).into_owned();
    }
    let wellformed = match (wellformed, exp_v, nbf_v) {
        (true, Some(exp), Some(nbf)) => Some(Wellformed {
            sub: sub_v,
            exp,
            nbf,
        }),
        _ => None,
    };
    (token, wellformed)
}

/// A key as QStash spells them (`sig_…`), or "" to leave it out.
fn key(raw: &str) -> String {
    if raw.is_empty() {
        String::new()
    } else {
        format!("sig_{raw}")
    }
}

/// The path of a url as the rule defines it, written again here (not the crate's): after
/// `scheme://host`, up to the query or fragment; `/` when there is none; the whole url, less its
/// query, when it has no `://`.
fn path_of(url: &str) -> &str {
    let url = &url[..url.find(['?', '#']).unwrap_or(url.len())];
    match url.split_once("://") {
        None => url,
        Some((scheme, rest)) => match rest.find('/') {
            Some(i) => &url[scheme.len() + 3 + i..],
            None => "/",
        },
    }
}

fuzz_target!(|input: Input<'_>| {
    let current = key(input.current);
    let next = key(input.next.unwrap_or(""));
    let verifier = match Verifier::new(&current, input.next.map(|_| next.as_str())) {
        Ok(v) => v,
        Err(e) => {
            assert!(current.is_empty());
            assert_eq!(e, Error::MissingSigningKey);
            return;
        }
    };
    let (token, wellformed) = build(&input, (&current, &next));
    let sub_url;
    let url = match &input.url {
        UrlChoice::Unchecked => Url::Unchecked,
        UrlChoice::Sub(fallback) => {
            sub_url = wellformed
                .as_ref()
                .and_then(|w| w.sub.clone())
                .unwrap_or_else(|| (*fallback).to_string());
            Url::Exact(&sub_url)
        }
        // A "url" that starts with "/" is taken as a path, which sub's path must equal.
        UrlChoice::Exact(u) if u.starts_with('/') => Url::Path(u),
        UrlChoice::Exact(u) => Url::Exact(u),
        UrlChoice::AnyOf(list) => Url::AnyOf(list),
    };
    let expect = Expect {
        url,
        now: input.now,
        clock_tolerance: input.tolerance,
    };
    let result = verifier.verify(&token, input.body, &expect);
    let digest: [u8; 32] = Sha256::digest(input.body).into();
    assert_eq!(result, verifier.verify_digest(&token, &digest, &expect));

    let now = i128::from(input.now);
    let tol = i128::from(input.tolerance);
    match &result {
        Ok(v) => {
            let segments: Vec<&str> = token.split('.').collect();
            assert_eq!(segments.len(), 3);
            let signing_input = format!("{}.{}", segments[0], segments[1]);
            let signature = URL_SAFE_NO_PAD.decode(segments[2]).expect("canonical");
            let by = |k: &str| !k.is_empty() && hmac(k, &signing_input) == signature;
            match v.key {
                KeyUsed::Current => assert!(by(&current)),
                KeyUsed::Next => assert!(by(&next) && !by(&current)),
            }
            let c = &v.claims;
            assert_eq!(c.iss, "Upstash");
            assert!(now - tol < i128::from(c.exp), "accepted after exp");
            assert!(i128::from(c.nbf) <= now + tol, "accepted before nbf");
            match url {
                Url::Exact(u) => assert_eq!(c.sub, u),
                Url::AnyOf(list) => assert!(list.contains(&c.sub.as_str())),
                Url::Path(p) => assert_eq!(path_of(&c.sub), p),
                Url::Unchecked => {}
            }
            assert_eq!(c.body.trim_end_matches('='), URL_SAFE_NO_PAD.encode(digest));
        }
        Err(e) => {
            assert!(Error::CODES.contains(&e.code()));
            let message = e.to_string();
            // Only url_mismatch echoes caller-given text (the token's sub and the urls, joined
            // by " or "): those pieces can spell anything, a key included. Every other message
            // is fixed wording and numbers, and must never show a key.
            if !matches!(e, Error::UrlMismatch { .. }) {
                for key in [&current, &next] {
                    if !key.is_empty() {
                        assert!(!message.contains(key.as_str()), "{message}");
                    }
                }
            }
            if let Some(w) = &wellformed {
                let url_ok = match url {
                    Url::Exact(u) => w.sub.as_deref() == Some(u),
                    Url::AnyOf(list) => w.sub.as_deref().is_some_and(|s| list.contains(&s)),
                    Url::Path(p) => w.sub.as_deref().is_some_and(|s| path_of(s) == p),
                    Url::Unchecked => true,
                };
                let in_time = now - tol < i128::from(w.exp) && i128::from(w.nbf) <= now + tol;
                if url_ok && in_time && w.sub.is_some() && token.len() <= MAX_TOKEN_LEN {
                    panic!("a well-formed delivery was refused: {e:?}");
                }
            }
        }
    }
});
