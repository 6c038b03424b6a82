//! The token parser (size, segments, canonical base64url, header) and the strict JSON reader,
//! with oracles: what parses re-encodes to itself, and the JSON reader agrees with serde_json
//! except where it is deliberately stricter.
//!
//! The first input byte picks the mode: a raw token; header, payload and signature bytes joined
//! by 0x00 and encoded into a token (so the header and claims readers see arbitrary JSON); or
//! text for the JSON reader alone.
#![no_main]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use libfuzzer_sys::fuzz_target;
use qstash_verifier::fuzzing::{parse_json_object, parse_token};
use qstash_verifier::{Error, MAX_TOKEN_LEN};

/// Reasons the strict reader refuses what serde_json accepts: all deliberate.
const STRICTER: [&str; 3] = [
    "a JSON object has a duplicated member",
    "JSON nested too deeply",
    "not a JSON object",
];

fn check_json(text: &str) {
    let ours = parse_json_object(text);
    let serde = serde_json::from_str::<serde_json::Value>(text);
    match (&ours, &serde) {
        (Ok(n), Ok(serde_json::Value::Object(map))) => assert_eq!(*n, map.len(), "{text:?}"),
        // serde_json (without arbitrary_precision) refuses numbers beyond f64, such as 1e400;
        // the strict reader reads them as numbers (which no integer claim accepts).
        (Ok(_), Err(e)) if e.to_string().starts_with("number out of range") => {}
        (Ok(_), other) => {
            panic!("strict reader accepted what serde_json reads as {other:?}: {text:?}")
        }
        (Err(reason), Ok(_)) => assert!(STRICTER.contains(reason), "{reason}: {text:?}"),
        (Err(_), Err(_)) => {}
    }
}

fn check_token(token: &str) {
    match parse_token(token) {
        Ok(t) => {
            assert!(!token.is_empty() && token.len() <= MAX_TOKEN_LEN);
            let segments: Vec<&str> = token.split('.').collect();
            assert_eq!(segments.len(), 3, "{token:?}");
            assert_eq!(t.signing_input, format!("{}.{}", segments[0], segments[1]));
            // Canonical: what was decoded encodes back to the very same text.
            assert_eq!(URL_SAFE_NO_PAD.encode(&t.payload), segments[1]);
            assert_eq!(URL_SAFE_NO_PAD.encode(&t.signature), segments[2]);
            if let Ok(claims) = &t.claims {
                assert_eq!(claims.iss, "Upstash");
            }
            if let Ok(text) = std::str::from_utf8(&t.payload) {
                check_json(text);
            }
        }
        Err(Error::MissingSignature) => assert!(token.is_empty()),
        Err(Error::TokenTooLarge { len }) => assert!(len == token.len() && len > MAX_TOKEN_LEN),
        Err(Error::MalformedToken { .. } | Error::UnsupportedAlgorithm { .. }) => {
            assert!(!token.is_empty() && token.len() <= MAX_TOKEN_LEN)
        }
        Err(other) => panic!("the parser cannot give {other:?}"),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    match mode % 3 {
        0 => {
            if let Ok(token) = std::str::from_utf8(rest) {
                check_token(token);
            }
        }
        1 => {
            let mut parts = rest.splitn(3, |&b| b == 0);
            let header = parts.next().unwrap_or_default();
            let payload = parts.next().unwrap_or_default();
            let signature = parts.next().unwrap_or_default();
            for json in [header, payload] {
                if let Ok(text) = std::str::from_utf8(json) {
                    check_json(text);
                }
            }
            let token = format!(
                "{}.{}.{}",
                URL_SAFE_NO_PAD.encode(header),
                URL_SAFE_NO_PAD.encode(payload),
                URL_SAFE_NO_PAD.encode(signature)
            );
            check_token(&token);
        }
        _ => {
            if let Ok(text) = std::str::from_utf8(rest) {
                check_json(text);
            }
        }
    }
});
