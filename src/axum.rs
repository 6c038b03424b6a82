//! An [axum](https://docs.rs/axum/0.8) extractor for QStash deliveries (the `axum` feature).
//!
//! [`Verified`] takes its [`QStashConfig`] from the router's state (through [`FromRef`]), reads
//! the `Upstash-Signature` header, checks the token *before* it reads a byte of the body, reads
//! the body up to the configured limit, then verifies the body against the token. A handler that
//! takes it runs only for a genuine delivery; anything else gets a [`Rejection`]: 401 with
//! `{"error":"<code>"}` ([`Error::code`]), 413 for `body_too_large`, 500 for
//! `missing_signing_key`, 400 `body_unreadable` for a body whose connection failed.
//!
//! ```no_run
//! use axum::{routing::post, Router};
//! use qstash_verifier::axum::{QStashConfig, Verified};
//! use qstash_verifier::Verifier;
//!
//! async fn hook(delivery: Verified) -> &'static str {
//!     println!("{} bytes for {}", delivery.body.len(), delivery.claims.sub);
//!     "ok"
//! }
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let verifier = Verifier::new(
//!     &std::env::var("QSTASH_CURRENT_SIGNING_KEY")?,
//!     std::env::var("QSTASH_NEXT_SIGNING_KEY").ok().as_deref(),
//! )?;
//! let app = Router::new()
//!     .route("/api/qstash", post(hook))
//!     .with_state(QStashConfig::new(verifier));
//! let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await?;
//! axum::serve(listener, app).await?;
//! # Ok(())
//! # }
//! ```
//!
//! By default the token's url must have the request's path ([`UrlRule::Path`]); the `Host`
//! header is never trusted. [`UrlRule::Origin`] and [`UrlRule::Exact`] check the whole url.
//! A router whose state is something else implements `FromRef<TheState> for QStashConfig`;
//! middleware can call [`verify_request`] itself. `Verified` reads the body, so it is the
//! handler's last argument; it applies its own limit, [`QStashConfig::max_body_bytes`], not
//! axum's `DefaultBodyLimit`.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::body::{to_bytes, Body, Bytes};
use axum::extract::{FromRef, FromRequest, OriginalUri, Request};
use axum::http::header::{CONNECTION, CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use http_body_util::LengthLimitError;

use crate::{check_body_len, Claims, Error, Expect, KeyUsed, Url, Verifier};

/// The default body limit: QStash's largest message, 50 MB on its Fixed plans (the JS adapters'
/// `DEFAULT_MAX_BODY_BYTES`).
pub const DEFAULT_MAX_BODY_BYTES: u64 = 50 * 1024 * 1024;

/// Which url a delivery's token must name.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum UrlRule {
    /// The token's url must have the request's path (without the query string), on any host:
    /// the default, for a server that does not know its public url. A token for another
    /// endpoint of the account is refused; the `Host` header is not used.
    #[default]
    Path,
    /// The token's url must be this origin (scheme and host, such as `https://example.com`)
    /// followed by the request's path.
    Origin(String),
    /// The token's url must be one of these full urls exactly (an empty list refuses every
    /// delivery).
    Exact(Vec<String>),
}

/// Where the verification time comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Clock {
    /// The system clock ([`SystemTime::now`]).
    #[default]
    System,
    /// Always this time, unix seconds: for tests.
    Fixed(i64),
}

impl Clock {
    /// The time, unix seconds.
    pub fn now(self) -> i64 {
        match self {
            Clock::Fixed(now) => now,
            Clock::System => SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX)),
        }
    }
}

/// How [`Verified`] checks deliveries: the keys, the url rule, the body limit and the clock.
///
/// Cheap to clone (the settings are shared), so it can be the router's state itself or be
/// returned by a `FromRef` implementation for the app's state.
#[derive(Debug, Clone)]
pub struct QStashConfig {
    settings: Arc<Settings>,
}

#[derive(Debug, Clone)]
struct Settings {
    verifier: Verifier,
    url: UrlRule,
    max_body_bytes: u64,
    clock_tolerance: u64,
    clock: Clock,
}

impl QStashConfig {
    /// Deliveries checked by `verifier`, for the request's path ([`UrlRule::Path`]), with bodies
    /// of at most [`DEFAULT_MAX_BODY_BYTES`], no clock tolerance and the system clock.
    pub fn new(verifier: Verifier) -> Self {
        QStashConfig {
            settings: Arc::new(Settings {
                verifier,
                url: UrlRule::Path,
                max_body_bytes: DEFAULT_MAX_BODY_BYTES,
                clock_tolerance: 0,
                clock: Clock::System,
            }),
        }
    }

    /// Sets the url rule.
    pub fn url(mut self, rule: UrlRule) -> Self {
        Arc::make_mut(&mut self.settings).url = rule;
        self
    }

    /// Sets the most bytes a body may have (a larger one is `body_too_large`, 413).
    pub fn max_body_bytes(mut self, max: u64) -> Self {
        Arc::make_mut(&mut self.settings).max_body_bytes = max;
        self
    }

    /// Sets the seconds of clock skew tolerated on `exp` and `nbf`.
    pub fn clock_tolerance(mut self, seconds: u64) -> Self {
        Arc::make_mut(&mut self.settings).clock_tolerance = seconds;
        self
    }

    /// Sets the clock (tests use [`Clock::Fixed`]).
    pub fn clock(mut self, clock: Clock) -> Self {
        Arc::make_mut(&mut self.settings).clock = clock;
        self
    }
}

/// A verified delivery: the extractor. See the [module](self) documentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The token's claims.
    pub claims: Claims,
    /// The key whose signature matched.
    pub key: KeyUsed,
    /// The body, exactly as received.
    pub body: Bytes,
}

/// Why [`Verified`] refused a request; as a response, a status and `{"error":"<code>"}`.
#[derive(Debug)]
#[non_exhaustive]
pub enum Rejection {
    /// The delivery was refused (or no signing key was configured).
    Refused(Error),
    /// The body could not be read (the connection failed while it was arriving): 400,
    /// `{"error":"body_unreadable"}`.
    BodyUnreadable(axum::Error),
}

impl Rejection {
    /// The response's status: 500 for `missing_signing_key`, 413 for `body_too_large`, 400 for
    /// an unreadable body, 401 for every other refusal.
    pub fn status(&self) -> StatusCode {
        match self {
            Rejection::Refused(Error::MissingSigningKey) => StatusCode::INTERNAL_SERVER_ERROR,
            Rejection::Refused(Error::BodyTooLarge { .. }) => StatusCode::PAYLOAD_TOO_LARGE,
            Rejection::Refused(_) => StatusCode::UNAUTHORIZED,
            Rejection::BodyUnreadable(_) => StatusCode::BAD_REQUEST,
        }
    }

    /// The response's code: [`Error::code`], or `body_unreadable`.
    pub fn code(&self) -> &'static str {
        match self {
            Rejection::Refused(e) => e.code(),
            Rejection::BodyUnreadable(_) => "body_unreadable",
        }
    }
}

impl From<Error> for Rejection {
    fn from(e: Error) -> Self {
        Rejection::Refused(e)
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rejection::Refused(e) => fmt::Display::fmt(e, f),
            Rejection::BodyUnreadable(e) => write!(f, "the body could not be read: {e}"),
        }
    }
}

impl std::error::Error for Rejection {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Rejection::Refused(e) => Some(e),
            Rejection::BodyUnreadable(e) => Some(e),
        }
    }
}

impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        let status = self.status();
        // Only the code: a message may name urls, which are the log's and not the sender's.
        let body = format!("{{\"error\":\"{}\"}}", self.code());
        let mut response = (status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        // A refused body may still be arriving: close the connection rather than read it.
        headers.insert(CONNECTION, HeaderValue::from_static("close"));
        response
    }
}

impl<S> FromRequest<S> for Verified
where
    S: Send + Sync,
    QStashConfig: FromRef<S>,
{
    type Rejection = Rejection;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        verify_request(req, &QStashConfig::from_ref(state)).await
    }
}

/// What the extractor does, for middleware or a handler that holds its config elsewhere (an
/// `Extension`, say): verifies `req` and reads its body.
///
/// # Errors
/// The first check the delivery fails, in this order: the token (everything but the body,
/// before any of the body is read), the declared `Content-Length`, the body's length as read,
/// then the body against the token.
pub async fn verify_request(req: Request, config: &QStashConfig) -> Result<Verified, Rejection> {
    let settings = &*config.settings;
    let (parts, body) = req.into_parts();
    let token: Cow<'_, str> = match parts.headers.get("upstash-signature") {
        // A value that is not UTF-8 is passed on lossily: the verifier refuses it as malformed.
        Some(value) => String::from_utf8_lossy(value.as_bytes()),
        None => return Err(Error::MissingSignature.into()),
    };
    // The path the client asked for, before `Router::nest` stripped its prefix.
    let path = parts
        .extensions
        .get::<OriginalUri>()
        .map_or(parts.uri.path(), |uri| uri.0.path());
    let joined;
    let exact: Vec<&str>;
    let url = match &settings.url {
        UrlRule::Path => Url::Path(path),
        UrlRule::Origin(origin) => {
            joined = format!("{}{path}", origin.trim_end_matches('/'));
            Url::Exact(&joined)
        }
        UrlRule::Exact(urls) => {
            exact = urls.iter().map(String::as_str).collect();
            Url::AnyOf(&exact)
        }
    };
    // One time for both checks: the time the delivery arrived.
    let expect = Expect {
        url,
        now: settings.clock.now(),
        clock_tolerance: settings.clock_tolerance,
    };
    let max = settings.max_body_bytes;

    // Everything but the body first: a forged or expired token, or a body declared too large,
    // is refused before a byte of the body is read.
    settings.verifier.check_token(&token, &expect)?;
    if let Some(len) = declared_len(&parts.headers) {
        check_body_len(len, max)?;
    }
    let bytes = read_body(body, max).await?;
    check_body_len(u64::try_from(bytes.len()).unwrap_or(u64::MAX), max)?;
    let verified = settings.verifier.verify(&token, &bytes, &expect)?;
    Ok(Verified {
        claims: verified.claims,
        key: verified.key,
        body: bytes,
    })
}

/// The declared `Content-Length`, when it is a plain number (one too large for `u64` counts as
/// `u64::MAX`).
fn declared_len(headers: &HeaderMap) -> Option<u64> {
    let text = headers.get(CONTENT_LENGTH)?.to_str().ok()?;
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(text.parse().unwrap_or(u64::MAX))
}

/// Reads the body, stopping once it has more than `max` bytes (then `body_too_large`).
async fn read_body(body: Body, max: u64) -> Result<Bytes, Rejection> {
    let limit = usize::try_from(max).unwrap_or(usize::MAX);
    match to_bytes(body, limit).await {
        Ok(bytes) => Ok(bytes),
        Err(e) if std::error::Error::source(&e).is_some_and(|s| s.is::<LengthLimitError>()) => {
            Err(Error::BodyTooLarge { max }.into())
        }
        Err(e) => Err(Rejection::BodyUnreadable(e)),
    }
}
