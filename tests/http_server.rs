//! The `examples/http_server.rs` receiver, started on 127.0.0.1:0 and sent real HTTP requests:
//! signed ones are accepted, tampered ones refused with their code. (Native only: wasm32 has no
//! sockets.)
#![cfg(not(target_arch = "wasm32"))]

#[allow(dead_code)] // its `main` is not called here
#[path = "../examples/http_server.rs"]
mod http_server;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::thread;
use std::time::{SystemTime, UNIX_EPOCH};

use http_server::{App, MAX_BODY};
use qstash_verifier::{sign, SignOptions, Verifier};

const CURRENT: &str = "sig_http_example_current_000000";
const NEXT: &str = "sig_http_example_next_000000000";
const URL: &str = "https://example.com/api/qstash";

fn start() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    let addr = listener.local_addr().expect("local addr");
    let app = App {
        verifier: Verifier::new(CURRENT, Some(NEXT)).expect("keys"),
        public_url: URL.to_string(),
    };
    thread::spawn(move || http_server::serve(listener, Arc::new(app)));
    addr
}

fn now() -> i64 {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    i64::try_from(secs).expect("seconds fit")
}

fn token(key: &str, url: &str, body: &[u8], now: i64) -> String {
    let opts = SignOptions {
        url,
        body,
        now,
        ttl: 300,
        jti: "jwt_http_example",
    };
    sign(key, &opts).expect("signs")
}

/// Sends `head` and `body` (in two writes) and returns the status code and the reply's body.
fn send(addr: SocketAddr, head: &str, body: &[u8]) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.write_all(head.as_bytes()).expect("write head");
    stream.write_all(body).expect("write body");
    let mut reply = String::new();
    stream.read_to_string(&mut reply).expect("read reply");
    let status = reply
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status code");
    let text = reply
        .split("\r\n\r\n")
        .nth(1)
        .unwrap_or_default()
        .to_string();
    (status, text)
}

fn post(addr: SocketAddr, signature: Option<&str>, body: &[u8]) -> (u16, String) {
    let header = signature.map_or(String::new(), |s| format!("Upstash-Signature: {s}\r\n"));
    let head = format!(
        "POST /api/qstash HTTP/1.1\r\nHost: x\r\n{header}Content-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    send(addr, &head, body)
}

#[test]
fn signed_requests_are_accepted() {
    let addr = start();
    let body = br#"{"hello":"world"}"#;
    assert_eq!(
        post(addr, Some(&token(CURRENT, URL, body, now())), body),
        (200, "ok jwt_http_example\n".to_string())
    );
    // Signed with the next key, a binary body, an empty body, a lower-case header name.
    let binary = [0u8, 255, 13, 10, 13, 10, 128];
    assert_eq!(
        post(addr, Some(&token(NEXT, URL, &binary, now())), &binary).0,
        200
    );
    assert_eq!(
        post(addr, Some(&token(CURRENT, URL, b"", now())), b"").0,
        200
    );
    let t = token(CURRENT, URL, body, now());
    let head = format!("POST / HTTP/1.1\r\nupstash-signature: {t}\r\ncontent-length: 17\r\n\r\n");
    assert_eq!(send(addr, &head, body).0, 200);
}

#[test]
fn tampered_requests_are_refused_with_their_code() {
    let addr = start();
    let body = br#"{"amount":100}"#;
    let good = token(CURRENT, URL, body, now());
    let cases: [(Option<String>, &[u8], &str); 6] = [
        (Some(good.clone()), br#"{"amount":999}"#, "body_mismatch"),
        (
            Some(token(CURRENT, "https://example.com/other", body, now())),
            body,
            "url_mismatch",
        ),
        (
            Some(token("sig_someone_else", URL, body, now())),
            body,
            "invalid_signature",
        ),
        (
            Some(token(CURRENT, URL, body, now() - 600)),
            body,
            "token_expired",
        ),
        (Some(format!("{good}.x")), body, "malformed_token"),
        (None, body, "missing_signature"),
    ];
    for (signature, sent, code) in cases {
        assert_eq!(
            post(addr, signature.as_deref(), sent),
            (401, format!("{code}\n")),
            "{code}"
        );
    }
}

#[test]
fn other_requests_are_turned_away_before_verification() {
    let addr = start();
    assert_eq!(send(addr, "GET / HTTP/1.1\r\nHost: x\r\n\r\n", b"").0, 405);
    assert_eq!(send(addr, "POST / HTTP/1.1\r\nHost: x\r\n\r\n", b"").0, 411);
    let too_big = format!(
        "POST / HTTP/1.1\r\nContent-Length: {}\r\n\r\n",
        MAX_BODY + 1
    );
    assert_eq!(send(addr, &too_big, b"").0, 413);
    // The server still serves after all that.
    let body = b"still here";
    assert_eq!(
        post(addr, Some(&token(CURRENT, URL, body, now())), body).0,
        200
    );
}
