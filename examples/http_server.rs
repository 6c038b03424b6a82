//! A QStash webhook receiver on `std::net` alone: every POST's `Upstash-Signature` is verified
//! against the raw body before the body is used.
//!
//! ```sh
//! QSTASH_CURRENT_SIGNING_KEY=sig_... QSTASH_NEXT_SIGNING_KEY=sig_... \
//! PUBLIC_URL=https://example.com/api/qstash ADDR=127.0.0.1:8080 \
//!   cargo run --example http_server
//! ```
//!
//! `PUBLIC_URL` is the url QStash delivers to (the token's `sub`): behind a proxy or a tunnel it
//! is not the address this server listens on. Replies: `200 ok` for a genuine delivery, `401`
//! with the error code otherwise, `405` for other methods, `411` without a `Content-Length`,
//! `413` for bodies over 1 MiB. HTTP/1.1 with `Connection: close`, one thread per connection:
//! enough for a webhook endpoint, not a general HTTP server. Tested by `tests/http_server.rs`.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use qstash_verifier::{Expect, Verifier};

/// Largest body accepted, in bytes.
pub const MAX_BODY: usize = 1 << 20;
/// Largest request head (request line and headers), in bytes.
const MAX_HEAD: u64 = 32 * 1024;

/// What the server needs: the keys and the public url QStash signs for.
pub struct App {
    /// The current and next signing keys.
    pub verifier: Verifier,
    /// The url QStash delivers to.
    pub public_url: String,
}

/// A parsed request: what the handler needs and nothing more.
struct Request {
    method: String,
    signature: Option<String>,
    content_length: Option<usize>,
}

/// Reads the request line and headers (at most `MAX_HEAD` bytes).
fn read_head(reader: &mut impl BufRead) -> io::Result<Request> {
    let mut head = reader.take(MAX_HEAD);
    let mut line = String::new();
    head.read_line(&mut line)?;
    let method = line.split(' ').next().unwrap_or_default().to_string();
    let mut request = Request {
        method,
        signature: None,
        content_length: None,
    };
    loop {
        line.clear();
        if head.read_line(&mut line)? == 0 {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "request head too long or cut",
            ));
        }
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            return Ok(request);
        }
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        if name.eq_ignore_ascii_case("upstash-signature") {
            request.signature = Some(value.to_string());
        } else if name.eq_ignore_ascii_case("content-length") {
            request.content_length = value.parse().ok();
        }
    }
}

fn respond(stream: &mut TcpStream, status: &str, text: &str) -> io::Result<()> {
    write!(
        stream,
        "HTTP/1.1 {status}\r\ncontent-type: text/plain\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{text}",
        text.len()
    )?;
    stream.flush()
}

/// Handles one connection: one request, one reply.
///
/// # Errors
/// Reading the request or writing the reply failed (the client went away, a timeout).
pub fn handle(mut stream: TcpStream, app: &App) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let request = read_head(&mut reader)?;
    if request.method != "POST" {
        return respond(&mut stream, "405 Method Not Allowed", "POST only\n");
    }
    let Some(length) = request.content_length else {
        return respond(
            &mut stream,
            "411 Length Required",
            "content-length required\n",
        );
    };
    if length > MAX_BODY {
        return respond(&mut stream, "413 Content Too Large", "body too large\n");
    }
    // The raw bytes, exactly as sent: the signature covers them, not a parsed form.
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;

    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    let signature = request.signature.as_deref().unwrap_or("");
    match app
        .verifier
        .verify(signature, &body, &Expect::new(&app.public_url, now))
    {
        Ok(verified) => {
            // Only now is the body trustworthy: hand it to the application here.
            let jti = verified.claims.jti.unwrap_or_default();
            println!(
                "accepted {jti} ({} bytes, {} key)",
                body.len(),
                verified.key.as_str()
            );
            respond(&mut stream, "200 OK", &format!("ok {jti}\n"))
        }
        Err(e) => {
            println!("refused: {}: {e}", e.code());
            respond(&mut stream, "401 Unauthorized", &format!("{}\n", e.code()))
        }
    }
}

/// Accepts connections forever, one thread each.
///
/// # Errors
/// Accepting a connection failed.
pub fn serve(listener: TcpListener, app: Arc<App>) -> io::Result<()> {
    for stream in listener.incoming() {
        let stream = stream?;
        let app = Arc::clone(&app);
        thread::spawn(move || {
            if let Err(e) = handle(stream, &app) {
                eprintln!("connection: {e}");
            }
        });
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let current = var("QSTASH_CURRENT_SIGNING_KEY").ok_or("set QSTASH_CURRENT_SIGNING_KEY")?;
    let verifier = Verifier::new(&current, var("QSTASH_NEXT_SIGNING_KEY").as_deref())?;
    let public_url = var("PUBLIC_URL").ok_or("set PUBLIC_URL: the url QStash delivers to")?;
    let listener = TcpListener::bind(var("ADDR").as_deref().unwrap_or("127.0.0.1:8080"))?;
    println!(
        "listening on http://{} for deliveries to {public_url}",
        listener.local_addr()?
    );
    serve(
        listener,
        Arc::new(App {
            verifier,
            public_url,
        }),
    )?;
    Ok(())
}
