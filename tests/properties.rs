//! Property tests (proptest): every token [`sign`] mints for random claims and bodies verifies,
//! and any single-byte change of the token, the body, the url or the key is refused with the
//! code that belongs to where the change is.
//!
//! A base64 change that decodes to the same bytes would let a token be altered without being
//! refused; canonical decoding rules it out, and `no_single_character_change_decodes_alike`
//! checks that claim on every position with every base64url character.
#![cfg(not(target_arch = "wasm32"))]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use proptest::prelude::*;
use qstash_verifier::{sign, Expect, KeyUsed, SignOptions, Url, Verifier};

const B64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// A delivery: keys, what was signed, and when it is verified.
#[derive(Debug, Clone)]
struct Delivery {
    current: String,
    next: String,
    by_next: bool,
    url: String,
    body: Vec<u8>,
    jti: String,
    now: i64,
    ttl: i64,
    /// Seconds after `now` at which it is verified, within the window.
    after: i64,
}

impl Delivery {
    fn token(&self) -> String {
        let key = if self.by_next {
            &self.next
        } else {
            &self.current
        };
        let opts = SignOptions {
            url: &self.url,
            body: &self.body,
            now: self.now,
            ttl: self.ttl,
            jti: &self.jti,
        };
        sign(key, &opts).expect("a non-empty key signs")
    }

    fn verifier(&self) -> Verifier {
        Verifier::new(&self.current, Some(&self.next)).expect("keys")
    }

    fn expect(&self) -> Expect<'_> {
        Expect::new(&self.url, self.now + self.after)
    }
}

fn delivery() -> impl Strategy<Value = Delivery> {
    (
        "sig_[A-Za-z0-9]{1,40}",
        prop_oneof!["sig_[A-Za-z0-9]{1,40}", "\\PC{1,20}"],
        any::<bool>(),
        prop_oneof![
            "https://[a-z]{1,12}\\.com/[a-z/]{0,30}",
            "\\PC{0,80}",
            any::<String>()
        ],
        prop::collection::vec(any::<u8>(), 0..512),
        prop_oneof!["jwt_[A-Za-z0-9]{28}", any::<String>()],
        -(1i64 << 40)..(1i64 << 40),
        1i64..100_000,
    )
        .prop_flat_map(|(current, next, by_next, url, body, jti, now, ttl)| {
            (0..ttl).prop_map(move |after| Delivery {
                next: if next == current {
                    format!("{next}_")
                } else {
                    next.clone()
                },
                current: current.clone(),
                by_next,
                url: url.clone(),
                body: body.clone(),
                jti: jti.clone(),
                now,
                ttl,
                after,
            })
        })
}

/// The codes a change at byte `i` of `token` may give, by the segment it falls in.
fn codes_for_change_at(token: &str, i: usize, new: u8) -> &'static [&'static str] {
    let first = token.find('.').expect("three segments");
    let second = first + 1 + token[first + 1..].find('.').expect("three segments");
    if i == first || i == second || new == b'.' {
        &["malformed_token"] // two or four segments
    } else if i < first {
        // the header is read before the MAC
        &[
            "malformed_token",
            "unsupported_algorithm",
            "invalid_signature",
        ]
    } else {
        // payload or signature: decodes to other bytes (then the MAC fails) or does not decode
        &["malformed_token", "invalid_signature"]
    }
}

fn decoded_segments(token: &str) -> Option<Vec<Vec<u8>>> {
    let segments: Vec<&str> = token.split('.').collect();
    if segments.len() != 3 {
        return None;
    }
    segments
        .iter()
        .map(|s| URL_SAFE_NO_PAD.decode(s).ok())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    /// What `sign` mints verifies, with the key that signed it and the claims it was given; one
    /// second outside the window it is refused with the time code.
    #[test]
    fn every_signed_token_verifies(d in delivery()) {
        let token = d.token();
        let v = d.verifier().verify(&token, &d.body, &d.expect());
        let v = v.map_err(|e| format!("{}: {e}", e.code()));
        let v = v.expect("a token from sign() verifies");
        prop_assert_eq!(v.key, if d.by_next { KeyUsed::Next } else { KeyUsed::Current });
        let c = &v.claims;
        prop_assert_eq!(&c.iss, "Upstash");
        prop_assert_eq!(&c.sub, &d.url);
        prop_assert_eq!(c.exp, d.now + d.ttl);
        prop_assert_eq!(c.nbf, d.now);
        prop_assert_eq!(c.iat, Some(d.now));
        prop_assert_eq!(c.jti.as_deref(), Some(d.jti.as_str()));
        prop_assert_eq!(c.aud.as_deref(), Some(""));

        let at = |now| d.verifier().verify(&token, &d.body, &Expect::new(&d.url, now)).map(|_| ()).map_err(|e| e.code());
        prop_assert_eq!(at(d.now + d.ttl), Err("token_expired"));
        prop_assert_eq!(at(d.now - 1), Err("token_not_yet_valid"));
        prop_assert_eq!(at(d.now), Ok(()));
        prop_assert_eq!(at(d.now + d.ttl - 1), Ok(()));
        // Unchecked url and the digest entry point decide the same.
        let unchecked = Expect { url: Url::Unchecked, ..d.expect() };
        prop_assert!(d.verifier().verify(&token, &d.body, &unchecked).is_ok());
    }

    /// Any single byte of the token changed (to an ASCII byte: the token is a &str) is refused,
    /// with a code that belongs to the part changed; and whenever the changed token still
    /// decodes, it decodes to other bytes.
    #[test]
    fn any_single_byte_change_of_the_token_is_refused(d in delivery(), picks in prop::collection::vec(any::<u8>(), 2)) {
        let token = d.token();
        let original = decoded_segments(&token).expect("sign() writes canonical base64url");
        let verifier = d.verifier();
        let expect = d.expect();
        let bytes = token.as_bytes();
        for i in 0..bytes.len() {
            for &pick in &picks {
                // Half the time a base64url character (the changes that still decode), else any
                // ASCII byte.
                let new = if pick & 1 == 0 { B64URL[usize::from(pick >> 2)] } else { pick >> 1 };
                if new == bytes[i] {
                    continue;
                }
                let mut changed = bytes.to_vec();
                changed[i] = new;
                let changed = String::from_utf8(changed).expect("ASCII for ASCII");
                let err = verifier.verify(&changed, &d.body, &expect).expect_err("a changed token is refused");
                let allowed = codes_for_change_at(&token, i, new);
                prop_assert!(allowed.contains(&err.code()), "byte {} to {:?}: {} ({})", i, new as char, err.code(), err);
                if let Some(decoded) = decoded_segments(&changed) {
                    prop_assert_ne!(&decoded, &original, "byte {} to {:?} decodes to the same bytes", i, new as char);
                }
            }
        }
    }

    /// Any single byte of the body changed, added or removed: `body_mismatch`.
    #[test]
    fn any_single_byte_change_of_the_body_is_refused(d in delivery(), delta in 1u8..=255) {
        let token = d.token();
        let verifier = d.verifier();
        let expect = d.expect();
        let refused = |body: &[u8]| verifier.verify(&token, body, &expect).map(|_| ()).map_err(|e| e.code());
        for i in 0..d.body.len() {
            let mut body = d.body.clone();
            body[i] = body[i].wrapping_add(delta);
            prop_assert_eq!(refused(&body), Err("body_mismatch"), "byte {}", i);
        }
        let mut longer = d.body.clone();
        longer.push(delta);
        prop_assert_eq!(refused(&longer), Err("body_mismatch"));
        if let Some((_, shorter)) = d.body.split_last() {
            prop_assert_eq!(refused(shorter), Err("body_mismatch"));
        }
    }

    /// A url or a key that differs by one character is refused: `url_mismatch`,
    /// `invalid_signature`.
    #[test]
    fn a_url_or_key_one_character_off_is_refused(d in delivery(), c in any::<char>()) {
        let token = d.token();
        let other_url = format!("{}{c}", d.url);
        let e = d.verifier().verify(&token, &d.body, &Expect::new(&other_url, d.now + d.after));
        prop_assert_eq!(e.map(|_| ()).map_err(|e| e.code()), Err("url_mismatch"));
        let signer = if d.by_next { &d.next } else { &d.current };
        let mut wrong = signer.clone();
        wrong.pop();
        wrong.push(c);
        if &wrong != signer {
            let e = Verifier::new(&wrong, None).expect("a key").verify(&token, &d.body, &d.expect());
            prop_assert_eq!(e.map(|_| ()).map_err(|e| e.code()), Err("invalid_signature"));
        }
    }
}

/// Canonical decoding, exhaustively on a fixed token: every position, every base64url
/// character. No changed token decodes to the same three byte strings.
#[test]
fn no_single_character_change_decodes_alike() {
    let opts = SignOptions {
        url: "https://example.com/api/webhook",
        body: b"{\"hello\":\"world\"}",
        now: 1_767_225_600,
        ttl: 300,
        jti: "jwt_7AqGnDKWwKNf6tGT4LgF8jtCDB8j",
    };
    let token = sign("sig_CURRENT5ZB6DVzB1wjE8S6rZ7eenA8Pd", &opts).expect("signs");
    let original = decoded_segments(&token).expect("canonical");
    let mut decoded_alike = 0;
    let mut still_decodes = 0;
    for i in 0..token.len() {
        for &c in B64URL {
            if token.as_bytes()[i] == c {
                continue;
            }
            let mut changed = token.clone().into_bytes();
            changed[i] = c;
            let changed = String::from_utf8(changed).expect("ASCII");
            if let Some(d) = decoded_segments(&changed) {
                still_decodes += 1;
                if d == original {
                    decoded_alike += 1;
                }
            }
        }
    }
    println!(
        "{} positions x 63 characters: {still_decodes} changed tokens still decode, {decoded_alike} to the same bytes",
        token.len()
    );
    assert!(still_decodes > 0, "the test must reach decodable changes");
    assert_eq!(decoded_alike, 0);
}

/// A token with chosen header and claims text, signed with `key` (HMAC-SHA256, as QStash): for
/// tokens whose claims break the rules after the MAC.
fn signed_with(key: &str, header: &str, payload: &str) -> String {
    use hmac::{Hmac, KeyInit, Mac};
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header),
        URL_SAFE_NO_PAD.encode(payload)
    );
    let mac = Hmac::<sha2::Sha256>::new_from_slice(key.as_bytes())
        .expect("any key length")
        .chain_update(input.as_bytes())
        .finalize()
        .into_bytes();
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(mac))
}

/// One claim's member text: right, of another type, or absent (`None`).
fn claim(
    name: &'static str,
    right: String,
    wrong: &'static [&'static str],
) -> impl Strategy<Value = Option<String>> {
    let wrong: Vec<Option<String>> = wrong
        .iter()
        .map(|w| Some(format!("\"{name}\":{w}")))
        .collect();
    prop_oneof![
        24 => Just(Some(format!("\"{name}\":{right}"))),
        2 => prop::sample::select(wrong),
        1 => Just(None),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    /// The diagnosis of `qstash-verifier inspect` (src/diagnose.rs) comes to the verifier's
    /// verdict, whatever breaks: header, claims of the wrong type or missing, a duplicated claim,
    /// the issuer, the time, the url, the body, the key; with and without a body, a url, a next
    /// key; and with a byte of the token changed.
    #[test]
    fn the_diagnosis_has_the_verifiers_verdict(
        header in prop_oneof![
            12 => Just(r#"{"alg":"HS256","typ":"JWT"}"#),
            1 => Just(r#"{"alg":"HS384"}"#),
            1 => Just(r#"{"alg":"HS256","crit":["b64"]}"#),
            1 => Just(r#"{"alg":"HS256","alg":"HS256"}"#),
        ],
        iss in claim("iss", "\"Upstash\"".into(), &["\"upstash\"", "1"]),
        sub in claim("sub", "\"https://a/b\"".into(), &["\"https://a/b/\"", "[]"]),
        exp in (95i64..125).prop_flat_map(|e| claim("exp", e.to_string(), &["\"100\"", "1e2", "9223372036854775808"])),
        nbf in (75i64..105).prop_flat_map(|n| claim("nbf", n.to_string(), &["null", "1.5"])),
        body_claim in claim("body", "\"RBNvo1WzZ4oRRq0W9-hknpT7T8If536DEMBg9hyq_4o=\"".into(), &["\"AAAA\"", "true"]),
        duplicate in prop::option::weighted(0.1, prop::sample::select(vec!["\"sub\":\"x\"", "\"jti\":1,\"jti\":2", "\"x\":{\"a\":1,\"a\":2}"])),
        signer in 0..3usize,
        next in any::<bool>(),
        body in prop::option::weighted(0.8, prop_oneof![Just(b"{}".to_vec()), Just(b"{} ".to_vec())]),
        urls in prop::option::weighted(0.8, prop::sample::select(vec![vec!["https://a/b"], vec!["https://a/c", "https://a/b"], vec![]])),
        now in 85i64..115,
        tolerance in prop_oneof![Just(0u64), 0u64..10, Just(u64::MAX)],
        change in prop::option::weighted(0.1, (any::<prop::sample::Index>(), 0x20u8..0x7f)),
    ) {
        use qstash_verifier::diagnose::{diagnose, Input};
        let members: Vec<String> = [iss, sub, exp, nbf, body_claim, duplicate.map(String::from)].into_iter().flatten().collect();
        let payload = format!("{{{}}}", members.join(","));
        let key = ["sig_current", "sig_next", "sig_other"][signer];
        let mut token = signed_with(key, header, &payload);
        if let Some((at, byte)) = change {
            let i = at.index(token.len());
            token.replace_range(i..=i, &char::from(byte).to_string());
        }
        let next = next.then_some("sig_next");
        let urls = urls.as_deref();
        let expect = Expect { url: urls.map_or(Url::Unchecked, Url::AnyOf), now, clock_tolerance: tolerance };
        let verifier = Verifier::new("sig_current", next).expect("keys");
        let want = match &body {
            Some(b) => verifier.verify(&token, b, &expect).map(|v| v.key),
            None => verifier.check_token(&token, &expect),
        };
        let d = diagnose(&Input {
            token: &token,
            body: body.as_deref(),
            urls,
            current_key: Some("sig_current"),
            next_key: next,
            now,
            clock_tolerance: tolerance,
        });
        prop_assert_eq!(&d.verdict, &want, "{} {}", payload, token);
    }
}
