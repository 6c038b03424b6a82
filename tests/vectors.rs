//! Every case of `tests/vectors.json` (the one vectors file, shared with the JS tests), natively
//! through [`Verifier`]; `src/wasm.rs`'s tests run the same cases through the wasm `verify`
//! export under `wasm-pack test --node`. A failure names the vector.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::*;
use serde_json::Value;

mod native {
    use super::*;
    use qstash_verifier::{sign, Claims, Error, Expect, SignOptions, Url, Verifier};

    /// `sign` mints exactly the tokens of the vectors' `sign` list (minted independently by
    /// tools/testing/gen-vectors.mjs; js/test/sign.test.mjs checks the JS `sign()` against them too).
    #[test]
    fn sign_mints_the_tokens_of_the_sign_list() {
        let file: Value = serde_json::from_str(VECTORS).expect("tests/vectors.json is JSON");
        let list = file["sign"].as_array().expect("a sign array");
        assert!(list.len() >= 5, "only {} sign cases", list.len());
        for c in list {
            let text = |k: &str| c[k].as_str().unwrap_or_else(|| panic!("{k} is text"));
            let body = body_of(c);
            let opts = SignOptions {
                url: text("url"),
                body: &body,
                now: c["now"].as_i64().expect("now"),
                ttl: c["ttl"].as_i64().expect("ttl"),
                jti: text("jti"),
            };
            let token = sign(text("signingKey"), &opts).expect("signs");
            assert_eq!(token, text("token"), "{}", text("id"));
        }
    }

    fn check_claims(case: &Case, got: &Claims) {
        let want = &case.expect["claims"];
        let id = &case.id;
        assert_eq!(want["iss"].as_str(), Some(got.iss.as_str()), "{id}: iss");
        assert_eq!(want["sub"].as_str(), Some(got.sub.as_str()), "{id}: sub");
        assert_eq!(want["exp"].as_i64(), Some(got.exp), "{id}: exp");
        assert_eq!(want["nbf"].as_i64(), Some(got.nbf), "{id}: nbf");
        assert_eq!(want["iat"].as_i64(), got.iat, "{id}: iat");
        assert_eq!(want["jti"].as_str(), got.jti.as_deref(), "{id}: jti");
        assert_eq!(want["aud"].as_str(), got.aud.as_deref(), "{id}: aud");
        assert_eq!(want["body"].as_str(), Some(got.body.as_str()), "{id}: body");
    }

    #[test]
    fn every_vector_natively() {
        let mut seen = std::collections::BTreeSet::new();
        for case in cases() {
            let outcome =
                Verifier::new(case.current.as_deref().unwrap_or(""), case.next.as_deref())
                    .and_then(|verifier| {
                        let refs: Vec<&str>;
                        let url = match &case.urls {
                            None => Url::Unchecked,
                            Some(list) => {
                                refs = list.iter().map(String::as_str).collect();
                                Url::AnyOf(&refs)
                            }
                        };
                        let expect = Expect {
                            url,
                            now: case.now,
                            clock_tolerance: case.clock_tolerance,
                        };
                        verifier.verify(&case.token, &case.body, &expect)
                    });
            match (&outcome, expected(&case)) {
                (Ok(v), Ok(key)) => {
                    assert_eq!(v.key.as_str(), key, "{}: key", case.id);
                    check_claims(&case, &v.claims);
                }
                (Err(e), Err(code)) => {
                    assert_eq!(e.code(), code, "{}: {e}", case.id);
                    seen.insert(e.code());
                }
                (got, want) => panic!("{}: got {got:?}, want {want:?}", case.id),
            }
            if let Err(e) = &outcome {
                let message = e.to_string();
                for key in [&case.current, &case.next].into_iter().flatten() {
                    assert!(
                        key.is_empty() || !message.contains(key.as_str()),
                        "{}: key in message",
                        case.id
                    );
                }
            }
        }
        // body_too_large comes from a body's length against a limit, which no vector carries
        // (src/boundary.rs and src/verifier.rs test it).
        let all: std::collections::BTreeSet<_> = Error::CODES
            .into_iter()
            .filter(|c| *c != "body_too_large")
            .collect();
        assert_eq!(
            seen, all,
            "every error code but body_too_large comes out of a vector"
        );
    }

    /// The diagnosis of `qstash-verifier inspect` (src/diagnose.rs) comes to the verifier's own
    /// verdict on every vector: with everything given (`verify`), without the body
    /// (`check_token`), and without the url (`Url::Unchecked`); and a check fails exactly when
    /// the verdict is a refusal that a check can give.
    #[test]
    fn the_diagnosis_has_the_verifiers_verdict_on_every_vector() {
        use qstash_verifier::diagnose::{diagnose, Input, Outcome, CHECKS};
        for case in cases() {
            let refs: Option<Vec<&str>> = case
                .urls
                .as_ref()
                .map(|list| list.iter().map(String::as_str).collect());
            for (body, urls) in [
                (Some(&case.body[..]), refs.as_deref()),
                (None, refs.as_deref()),
                (Some(&case.body[..]), None),
            ] {
                let expect = Expect {
                    url: urls.map_or(Url::Unchecked, Url::AnyOf),
                    now: case.now,
                    clock_tolerance: case.clock_tolerance,
                };
                let want =
                    Verifier::new(case.current.as_deref().unwrap_or(""), case.next.as_deref())
                        .and_then(|v| match body {
                            Some(body) => v.verify(&case.token, body, &expect).map(|v| v.key),
                            None => v.check_token(&case.token, &expect),
                        });
                let d = diagnose(&Input {
                    token: &case.token,
                    body,
                    urls,
                    current_key: case.current.as_deref(),
                    next_key: case.next.as_deref(),
                    now: case.now,
                    clock_tolerance: case.clock_tolerance,
                });
                let with = format!(
                    "{} (body {}, url {})",
                    case.id,
                    body.is_some(),
                    urls.is_some()
                );
                assert_eq!(d.verdict, want, "{with}");
                let names: Vec<_> = d.checks.iter().map(|c| c.name).collect();
                assert_eq!(names, CHECKS, "{with}");
                let failed = d
                    .checks
                    .iter()
                    .any(|c| matches!(c.outcome, Outcome::Failed(_)));
                match &want {
                    Ok(_) => {
                        // Only a key that did not match may have failed.
                        for c in &d.checks {
                            if matches!(c.outcome, Outcome::Failed(_)) {
                                assert!(c.name.starts_with("signature_"), "{with}: {}", c.name);
                            }
                        }
                    }
                    Err(Error::MissingSigningKey) => {}
                    Err(_) => assert!(failed, "{with}: refused, and no check failed"),
                }
                let shown = format!("{d:?}");
                for key in [&case.current, &case.next].into_iter().flatten() {
                    assert!(
                        key.len() < 4 || !shown.contains(key.as_str()),
                        "{with}: a key in the diagnosis"
                    );
                }
            }
        }
    }
}
