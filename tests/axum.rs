//! `qstash_verifier::axum` in a real axum server on 127.0.0.1:0, sent hand-written HTTP/1.1
//! requests over TCP: genuine deliveries reach the handler with their exact bytes, every other
//! request is refused with its status and code, and a forged token is refused before its body
//! is read.
#![cfg(feature = "axum")]

use std::net::SocketAddr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::body::to_bytes;
use axum::response::IntoResponse;
use axum::routing::post;
use axum::Router;
use qstash_verifier::axum::{Clock, QStashConfig, Rejection, UrlRule, Verified};
use qstash_verifier::{sign, Error, SignOptions, Verifier};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::timeout;

const CURRENT: &str = "sig_axum_test_current_0000000000";
const NEXT: &str = "sig_axum_test_next_00000000000000";
const WRONG: &str = "sig_axum_test_wrong_0000000000000";
const HOST: &str = "https://example.com";
/// The body limit of the `/small` route.
const SMALL: u64 = 1024;
/// The time of the `/fixed` route's clock.
const FIXED_NOW: i64 = 1_700_000_000;
/// How long any one exchange may take: a server that waits for a body it should not read
/// fails the test instead of hanging it.
const PROMPT: Duration = Duration::from_secs(10);

fn now() -> i64 {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    i64::try_from(secs).expect("seconds fit")
}

fn token_at(key: &str, url: &str, body: &[u8], now: i64) -> String {
    let opts = SignOptions {
        url,
        body,
        now,
        ttl: 300,
        jti: "jwt_axum_test",
    };
    sign(key, &opts).expect("signs")
}

fn token(key: &str, url: &str, body: &[u8]) -> String {
    token_at(key, url, body, now())
}

/// The handler: the key that matched in a header, and the body it got, echoed.
async fn echo(delivery: Verified) -> impl IntoResponse {
    ([("x-key", delivery.key.as_str())], delivery.body)
}

/// One server, one route per configuration.
async fn start() -> SocketAddr {
    let verifier = Verifier::new(CURRENT, Some(NEXT)).expect("keys");
    let config = QStashConfig::new(verifier);
    let route =
        |path: &str, config: QStashConfig| Router::new().route(path, post(echo)).with_state(config);
    let app = Router::new()
        .merge(route("/api/qstash", config.clone()))
        .nest("/base", route("/hook", config.clone()))
        .merge(route("/small", config.clone().max_body_bytes(SMALL)))
        .merge(route(
            "/origin",
            config.clone().url(UrlRule::Origin(HOST.to_string())),
        ))
        .merge(route(
            "/pinned",
            config
                .clone()
                .url(UrlRule::Exact(vec![format!("{HOST}/pinned")])),
        ))
        .merge(route("/fixed", config.clock(Clock::Fixed(FIXED_NOW))));
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("local addr");
    tokio::spawn(async move { axum::serve(listener, app).await.expect("serve") });
    addr
}

#[derive(Debug)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Asserts a refusal: its status, and exactly `{"error":"<code>"}` as JSON.
    fn refused(&self, status: u16, code: &str) {
        let body = String::from_utf8_lossy(&self.body);
        assert_eq!(self.status, status, "{body}");
        assert_eq!(body, format!("{{\"error\":\"{code}\"}}"));
        assert_eq!(self.header("content-type"), Some("application/json"));
    }
}

/// Writes `head` then `body`, and reads one response (its head, then as many bytes as its
/// `Content-Length` says), all within [`PROMPT`]. The write side stays open: the server must
/// answer without waiting for more.
async fn exchange(addr: SocketAddr, head: &str, body: &[u8]) -> Reply {
    timeout(PROMPT, async {
        let mut stream = TcpStream::connect(addr).await.expect("connect");
        stream.write_all(head.as_bytes()).await.expect("write head");
        stream.write_all(body).await.expect("write body");
        let mut got = Vec::new();
        let mut chunk = [0u8; 4096];
        loop {
            if let Some(reply) = parse(&got) {
                return reply;
            }
            let n = stream.read(&mut chunk).await.expect("read reply");
            assert!(
                n > 0,
                "connection closed mid-reply: {:?}",
                String::from_utf8_lossy(&got)
            );
            got.extend_from_slice(&chunk[..n]);
        }
    })
    .await
    .expect("the server answered in time")
}

/// The response in `got`, once all of it has arrived.
fn parse(got: &[u8]) -> Option<Reply> {
    let end = got.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&got[..end]).expect("an ASCII head");
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().expect("a status");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let len: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .map_or(0, |(_, v)| v.parse().expect("a length"));
    let body = got.get(end + 4..end + 4 + len)?.to_vec();
    Some(Reply {
        status,
        headers,
        body,
    })
}

/// POSTs `body` to `path` with `headers` (each `Name: value`) and its real length.
async fn post_to(addr: SocketAddr, path: &str, headers: &[String], body: &[u8]) -> Reply {
    let mut head = format!(
        "POST {path} HTTP/1.1\r\nHost: example.com\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for h in headers {
        head.push_str(h);
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
    exchange(addr, &head, body).await
}

fn signature(token: &str) -> String {
    format!("Upstash-Signature: {token}")
}

#[tokio::test]
async fn genuine_deliveries_reach_the_handler_with_their_exact_bytes() {
    let addr = start().await;
    // Bytes that are not UTF-8 and not text: the handler must get them unchanged.
    let body: Vec<u8> = (0..=255u8).chain(*b"\r\n\0{\"k\":1}").collect();
    let url = format!("{HOST}/api/qstash");

    let reply = post_to(
        addr,
        "/api/qstash",
        &[signature(&token(CURRENT, &url, &body))],
        &body,
    )
    .await;
    assert_eq!(reply.status, 200, "{reply:?}");
    assert_eq!(reply.body, body);
    assert_eq!(reply.header("x-key"), Some("current"));

    let reply = post_to(
        addr,
        "/api/qstash",
        &[signature(&token(NEXT, &url, &body))],
        &body,
    )
    .await;
    assert_eq!(reply.status, 200, "{reply:?}");
    assert_eq!(reply.body, body);
    assert_eq!(reply.header("x-key"), Some("next"));

    // An empty body, and the path as the client sent it under `Router::nest`.
    let url = format!("{HOST}/base/hook");
    let reply = post_to(
        addr,
        "/base/hook",
        &[signature(&token(CURRENT, &url, b""))],
        b"",
    )
    .await;
    assert_eq!(reply.status, 200, "{reply:?}");
    assert_eq!(reply.body, b"");

    // Exactly at the limit is allowed.
    let at_limit = vec![b'x'; usize::try_from(SMALL).expect("fits")];
    let url = format!("{HOST}/small");
    let t = token(CURRENT, &url, &at_limit);
    let reply = post_to(addr, "/small", &[signature(&t)], &at_limit).await;
    assert_eq!(reply.status, 200, "{reply:?}");
    assert_eq!(reply.body, at_limit);
}

#[tokio::test]
async fn a_tampered_body_or_a_wrong_key_is_refused() {
    let addr = start().await;
    let url = format!("{HOST}/api/qstash");
    let t = token(CURRENT, &url, br#"{"amount":1}"#);
    post_to(addr, "/api/qstash", &[signature(&t)], br#"{"amount":9}"#)
        .await
        .refused(401, "body_mismatch");

    let t = token(WRONG, &url, b"hi");
    post_to(addr, "/api/qstash", &[signature(&t)], b"hi")
        .await
        .refused(401, "invalid_signature");

    post_to(addr, "/api/qstash", &[], b"hi")
        .await
        .refused(401, "missing_signature");
    post_to(addr, "/api/qstash", &[signature("")], b"hi")
        .await
        .refused(401, "missing_signature");
    post_to(addr, "/api/qstash", &[signature("not.a.jwt")], b"hi")
        .await
        .refused(401, "malformed_token");
}

#[tokio::test]
async fn a_token_for_another_url_is_refused_whatever_the_host_header_says() {
    let addr = start().await;
    let body = b"hi";
    // Path rule: a token for another path of the account.
    let t = token(CURRENT, &format!("{HOST}/other"), body);
    post_to(addr, "/api/qstash", &[signature(&t)], body)
        .await
        .refused(401, "url_mismatch");

    // The same, with a Host header naming the token's host: the host is not what is checked.
    let head = |path: &str, t: &str| {
        format!(
            "POST {path} HTTP/1.1\r\nHost: evil.example\r\nContent-Length: {}\r\n\
             Connection: close\r\nUpstash-Signature: {t}\r\n\r\n",
            body.len()
        )
    };
    let t = token(CURRENT, "https://evil.example/other", body);
    exchange(addr, &head("/api/qstash", &t), body)
        .await
        .refused(401, "url_mismatch");

    // Origin rule: the trusted origin, never the Host header, joined with the path.
    let t = token(CURRENT, "https://evil.example/origin", body);
    exchange(addr, &head("/origin", &t), body)
        .await
        .refused(401, "url_mismatch");
    let t = token(CURRENT, &format!("{HOST}/origin"), body);
    let reply = exchange(addr, &head("/origin", &t), body).await;
    assert_eq!(reply.status, 200, "{reply:?}");

    // Pinned url: only that url.
    let t = token(CURRENT, &format!("{HOST}/pinned?x=1"), body);
    post_to(addr, "/pinned", &[signature(&t)], body)
        .await
        .refused(401, "url_mismatch");
    let t = token(CURRENT, &format!("{HOST}/pinned"), body);
    let reply = post_to(addr, "/pinned", &[signature(&t)], body).await;
    assert_eq!(reply.status, 200, "{reply:?}");
}

#[tokio::test]
async fn the_clock_is_checked_and_can_be_fixed() {
    let addr = start().await;
    let body = b"hi";
    let url = format!("{HOST}/api/qstash");
    let t = token_at(CURRENT, &url, body, now() - 600);
    post_to(addr, "/api/qstash", &[signature(&t)], body)
        .await
        .refused(401, "token_expired");

    // The fixed clock: a token of that time is valid, one of now is not yet.
    let url = format!("{HOST}/fixed");
    let t = token_at(CURRENT, &url, body, FIXED_NOW - 10);
    let reply = post_to(addr, "/fixed", &[signature(&t)], body).await;
    assert_eq!(reply.status, 200, "{reply:?}");
    let t = token(CURRENT, &url, body);
    post_to(addr, "/fixed", &[signature(&t)], body)
        .await
        .refused(401, "token_not_yet_valid");
}

#[tokio::test]
async fn a_body_over_the_limit_is_413() {
    let addr = start().await;
    let url = format!("{HOST}/small");
    let big = vec![b'x'; usize::try_from(SMALL + 1).expect("fits")];
    let t = token(CURRENT, &url, &big);
    // Declared by its Content-Length.
    post_to(addr, "/small", &[signature(&t)], &big)
        .await
        .refused(413, "body_too_large");

    // Chunked, with no length declared: the read stops at the limit.
    let mut chunked = format!("{:x}\r\n", big.len()).into_bytes();
    chunked.extend_from_slice(&big);
    chunked.extend_from_slice(b"\r\n0\r\n\r\n");
    let head = format!(
        "POST /small HTTP/1.1\r\nHost: example.com\r\nTransfer-Encoding: chunked\r\n\
         Connection: close\r\nUpstash-Signature: {t}\r\n\r\n"
    );
    exchange(addr, &head, &chunked)
        .await
        .refused(413, "body_too_large");
}

#[tokio::test]
async fn a_forged_token_is_refused_before_the_body_is_read() {
    let addr = start().await;
    // 40 MB declared (under the default limit), 5 bytes sent, the write side left open: the
    // server can only answer in time if it did not wait for the body.
    let head = |path: &str, t: &str| {
        format!(
            "POST {path} HTTP/1.1\r\nHost: example.com\r\nContent-Length: 40000000\r\n\
             Upstash-Signature: {t}\r\n\r\n"
        )
    };
    let t = token(WRONG, &format!("{HOST}/api/qstash"), b"anything");
    exchange(addr, &head("/api/qstash", &t), b"start")
        .await
        .refused(401, "invalid_signature");
    let t = token(CURRENT, &format!("{HOST}/elsewhere"), b"anything");
    exchange(addr, &head("/api/qstash", &t), b"start")
        .await
        .refused(401, "url_mismatch");
    // A genuine token with a body declared over the limit: refused on the declared length.
    let t = token(CURRENT, &format!("{HOST}/small"), b"anything");
    exchange(addr, &head("/small", &t), b"start")
        .await
        .refused(413, "body_too_large");
}

#[tokio::test]
async fn a_refusal_names_only_its_code() {
    for (error, status) in [
        (Error::MissingSigningKey, 500),
        (Error::BodyTooLarge { max: 1 }, 413),
        (Error::InvalidSignature, 401),
        (
            Error::UrlMismatch {
                got: "https://a/secret-path".into(),
                expected: "https://b/".into(),
            },
            401,
        ),
    ] {
        let code = error.code();
        let response = Rejection::from(error).into_response();
        assert_eq!(response.status().as_u16(), status, "{code}");
        assert_eq!(
            response.headers()["content-type"],
            "application/json",
            "{code}"
        );
        let body = to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("body");
        assert_eq!(body, format!("{{\"error\":\"{code}\"}}"));
    }
}

#[tokio::test]
async fn a_body_cut_short_is_400() {
    let addr = start().await;
    let body = b"0123456789";
    let t = token(CURRENT, &format!("{HOST}/api/qstash"), body);
    let head = format!(
        "POST /api/qstash HTTP/1.1\r\nHost: example.com\r\nContent-Length: 100\r\n\
         Upstash-Signature: {t}\r\n\r\n"
    );
    let reply = timeout(PROMPT, async {
        let mut stream = TcpStream::connect(addr).await.expect("connect");
        stream.write_all(head.as_bytes()).await.expect("write head");
        stream.write_all(body).await.expect("write body");
        // The client goes away before the 100 bytes it declared.
        stream.shutdown().await.expect("shutdown");
        let mut got = Vec::new();
        stream.read_to_end(&mut got).await.expect("read reply");
        got
    })
    .await
    .expect("the server answered in time");
    parse(&reply)
        .expect("a whole reply")
        .refused(400, "body_unreadable");
}
