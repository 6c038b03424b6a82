//! The cases of `tests/vectors.json`, read for the Rust tests: natively (`tests/vectors.rs`) and
//! through the wasm export (`src/wasm.rs`, which includes this file by path).
#![allow(dead_code)]

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use serde_json::Value;

pub const VECTORS: &str = include_str!("../vectors.json");

/// One vector, read from the file.
pub struct Case {
    pub id: String,
    pub token: String,
    pub current: Option<String>,
    pub next: Option<String>,
    pub body: Vec<u8>,
    /// `None`: the url is not checked.
    pub urls: Option<Vec<String>>,
    pub now: i64,
    pub clock_tolerance: u64,
    pub expect: Value,
}

pub fn opt_string(v: &Value) -> Option<String> {
    v.as_str().map(str::to_string)
}

/// The raw body of a vector: `body` as UTF-8 text, `bodyBase64` as standard base64, else empty.
pub fn body_of(v: &Value) -> Vec<u8> {
    match (v.get("body"), v.get("bodyBase64")) {
        (Some(text), _) => text.as_str().expect("body is text").as_bytes().to_vec(),
        (None, Some(b64)) => STANDARD
            .decode(b64.as_str().expect("bodyBase64 is text"))
            .expect("bodyBase64 decodes"),
        (None, None) => Vec::new(),
    }
}

pub fn cases() -> Vec<Case> {
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
pub fn expected(case: &Case) -> Result<&str, &str> {
    if case.expect["ok"].as_bool() == Some(true) {
        Ok(case.expect["key"].as_str().expect("key"))
    } else {
        Err(case.expect["code"].as_str().expect("code"))
    }
}
