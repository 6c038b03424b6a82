//! Every case of `tests/vectors.json` (the one vectors file, shared with the JS tests): natively
//! through [`Verifier`], and under `wasm-pack test --node` through the wasm-bindgen `verify`
//! export. A failure names the vector.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use serde_json::Value;

const VECTORS: &str = include_str!("vectors.json");

/// One vector, read from the file.
struct Case {
    id: String,
    token: String,
    current: Option<String>,
    next: Option<String>,
    body: Vec<u8>,
    /// `None`: the url is not checked.
    urls: Option<Vec<String>>,
    now: i64,
    clock_tolerance: u64,
    expect: Value,
}

fn opt_string(v: &Value) -> Option<String> {
    v.as_str().map(str::to_string)
}

/// The raw body of a vector: `body` as UTF-8 text, `bodyBase64` as standard base64, else empty.
fn body_of(v: &Value) -> Vec<u8> {
    match (v.get("body"), v.get("bodyBase64")) {
        (Some(text), _) => text.as_str().expect("body is text").as_bytes().to_vec(),
        (None, Some(b64)) => STANDARD
            .decode(b64.as_str().expect("bodyBase64 is text"))
            .expect("bodyBase64 decodes"),
        (None, None) => Vec::new(),
    }
}

fn cases() -> Vec<Case> {
    let file: Value = serde_json::from_str(VECTORS).expect("tests/vectors.json is JSON");
    let vectors = file["vectors"].as_array().expect("a vectors array");
    assert!(vectors.len() > 50, "only {} vectors", vectors.len());
    vectors
        .iter()
        .map(|v| {
            let body = body_of(v);
            let urls = match &v["url"] {
                Value::Null => None,
                Value::String(u) => Some(vec![u.clone()]),
                Value::Array(list) => Some(list.iter().filter_map(opt_string).collect()),
                other => panic!("bad url {other}"),
            };
            Case {
                id: v["id"].as_str().expect("id").to_string(),
                token: v["token"].as_str().expect("token").to_string(),
                current: opt_string(&v["currentSigningKey"]),
                next: opt_string(&v["nextSigningKey"]),
                body,
                urls,
                now: v["now"].as_i64().expect("now"),
                clock_tolerance: v["clockTolerance"].as_u64().expect("clockTolerance"),
                expect: v["expect"].clone(),
            }
        })
        .collect()
}

/// The expected outcome: `Ok(key)` or `Err(code)`.
fn expected(case: &Case) -> Result<&str, &str> {
    if case.expect["ok"].as_bool() == Some(true) {
        Ok(case.expect["key"].as_str().expect("key"))
    } else {
        Err(case.expect["code"].as_str().expect("code"))
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use super::*;
    use qstash_verifier::{sign, Claims, Error, Expect, SignOptions, Url, Verifier};

    /// `sign` mints exactly the tokens of the vectors' `sign` list (minted independently by
    /// scripts/gen-vectors.mjs; js/test/sign.test.mjs checks the JS `sign()` against them too).
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
        let all: std::collections::BTreeSet<_> = Error::CODES.into_iter().collect();
        assert_eq!(seen, all, "every error code comes out of a vector");
    }
}

#[cfg(target_arch = "wasm32")]
mod through_wasm {
    use super::*;
    use qstash_verifier::wasm::{body_reset, body_update, keys_free, keys_new, verify};
    use wasm_bindgen::JsValue;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn get(obj: &JsValue, name: &str) -> JsValue {
        js_sys::Reflect::get(obj, &JsValue::from_str(name)).expect("property")
    }

    #[wasm_bindgen_test]
    fn every_vector_through_the_wasm_export() {
        let mut seen = std::collections::BTreeSet::new();
        for case in cases() {
            let current = case.current.as_deref().unwrap_or("");
            let next = case.next.as_deref().unwrap_or("");
            let outcome = keys_new(current.as_bytes(), next.as_bytes()).and_then(|keys| {
                body_reset()?;
                for chunk in case.body.chunks(7) {
                    body_update(chunk)?;
                }
                let result = verify(
                    keys,
                    &case.token,
                    case.urls.clone(),
                    case.clock_tolerance as f64,
                    case.now as f64,
                );
                keys_free(keys)?;
                result
            });
            match (&outcome, expected(&case)) {
                (Ok(claims), Ok(key)) => {
                    assert_eq!(
                        get(claims, "key").as_string().as_deref(),
                        Some(key),
                        "{}",
                        case.id
                    );
                    let want = &case.expect["claims"];
                    assert_eq!(
                        get(claims, "sub").as_string().as_deref(),
                        want["sub"].as_str(),
                        "{}",
                        case.id
                    );
                    assert_eq!(
                        get(claims, "body").as_string().as_deref(),
                        want["body"].as_str(),
                        "{}",
                        case.id
                    );
                    assert_eq!(
                        get(claims, "exp").as_f64(),
                        want["exp"].as_f64(),
                        "{}",
                        case.id
                    );
                }
                (Err(err), Err(code)) => {
                    let got = get(err, "code").as_string().expect("code");
                    assert_eq!(got, code, "{}", case.id);
                    seen.insert(code.to_string());
                }
                (got, want) => panic!("{}: got {got:?}, want {want:?}", case.id),
            }
        }
        assert_eq!(seen.len(), qstash_verifier::Error::CODES.len(), "{seen:?}");
    }
}
