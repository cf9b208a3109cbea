//! The HTTP client behind `fetch`: reqwest on rustls, running on a one-worker tokio runtime
//! beside the loop (reqwest's I/O needs tokio; the loop itself stays on smol's reactor).
//!
//! Both are made on the first request, so a script that never fetches pays nothing. The
//! client is shared by every run in the process, which gives connection pooling and
//! keep-alive across requests. A request is a tokio task; aborting it drops the request,
//! which closes its connection at once.

use std::sync::OnceLock;
use std::time::Duration;

/// What a script asked for, in plain data that can cross to the I/O thread.
pub struct Request {
    pub url: reqwest::Url,
    pub method: reqwest::Method,
    pub headers: Vec<(String, String)>,
    pub body: Option<Body>,
    pub timeout: Option<Duration>,
    pub max_body: u64,
}

pub enum Body {
    Text(String),
    /// A map sent as JSON, with `content-type: application/json` unless the script set one.
    Json(String),
}

/// What came back, before it becomes a script value on the loop's thread.
pub struct Response {
    pub status: u16,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// Why a request failed.
pub enum Failure {
    /// The `timeout` passed.
    Timeout,
    /// Anything else, as a cause for the message ("connection refused").
    Fetch(String),
}

/// How many redirects a request follows before failing.
pub const MAX_REDIRECTS: usize = 10;

fn runtime() -> Result<&'static tokio::runtime::Runtime, String> {
    static RUNTIME: OnceLock<Result<tokio::runtime::Runtime, String>> = OnceLock::new();
    RUNTIME
        .get_or_init(|| {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .thread_name("runner-http")
                .enable_all()
                .build()
                .map_err(|e| format!("cannot start the HTTP runtime: {e}"))
        })
        .as_ref()
        .map_err(Clone::clone)
}

fn client() -> Result<&'static reqwest::Client, String> {
    static CLIENT: OnceLock<Result<reqwest::Client, String>> = OnceLock::new();
    CLIENT
        .get_or_init(|| {
            // Another part of the process may have installed a provider already; either
            // way one is in place.
            let _ = rustls::crypto::ring::default_provider().install_default();
            reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::limited(MAX_REDIRECTS))
                // A redirect must not tell the next server where the request came from:
                // the first URL's query may hold a token. curl, urllib and aiohttp send
                // no Referer either.
                .referer(false)
                .user_agent(concat!("runner/", env!("CARGO_PKG_VERSION")))
                .build()
                .map_err(|e| format!("cannot start the HTTP client: {}", cause(&e)))
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// Starts `request` on the I/O runtime; `done` runs there with the outcome. Returns the
/// handle that aborts it.
pub fn start(
    request: Request,
    done: impl FnOnce(Result<Response, Failure>) + Send + 'static,
) -> Result<tokio::task::AbortHandle, String> {
    let client = client()?;
    let handle = runtime()?.spawn(async move {
        let outcome = match request.timeout {
            Some(limit) => tokio::time::timeout(limit, send(client, request))
                .await
                .unwrap_or(Err(Failure::Timeout)),
            None => send(client, request).await,
        };
        done(outcome);
    });
    Ok(handle.abort_handle())
}

async fn send(client: &reqwest::Client, request: Request) -> Result<Response, Failure> {
    let mut builder = client.request(request.method, request.url);
    let mut has_type = false;
    for (name, value) in &request.headers {
        has_type |= name.eq_ignore_ascii_case("content-type");
        builder = builder.header(name.as_str(), value.as_str());
    }
    builder = match request.body {
        None => builder,
        Some(Body::Text(text)) => builder.body(text),
        Some(Body::Json(json)) if has_type => builder.body(json),
        Some(Body::Json(json)) => builder
            .header("content-type", "application/json")
            .body(json),
    };
    let mut response = builder.send().await.map_err(failure)?;
    let status = response.status().as_u16();
    let mut url = response.url().clone();
    // A redirect's target may carry credentials of its own: never show them.
    let _ = url.set_username("");
    let _ = url.set_password(None);
    let url = url.to_string();
    let headers = response
        .headers()
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_owned(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let too_large = || {
        Failure::Fetch(format!(
            "the body is larger than the limit of {} bytes (--max-body)",
            request.max_body
        ))
    };
    if response
        .content_length()
        .is_some_and(|n| n > request.max_body)
    {
        return Err(too_large());
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(failure)? {
        if body.len() as u64 + chunk.len() as u64 > request.max_body {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Response {
        status,
        url,
        headers,
        body,
    })
}

fn failure(e: reqwest::Error) -> Failure {
    if e.is_timeout() {
        return Failure::Timeout;
    }
    // The cause names no URL: the message already does, with its credentials removed.
    Failure::Fetch(cause(&e.without_url()))
}

/// The cause of a failed request in a few words, found by walking the error's sources:
/// reqwest's own message is "error sending request", which says nothing.
fn cause(e: &reqwest::Error) -> String {
    if e.is_redirect() {
        return format!("too many redirects (more than {MAX_REDIRECTS})");
    }
    let chain = chain(e);
    for err in &chain {
        if let Some(tls) = err.downcast_ref::<rustls::Error>() {
            return format!("TLS error: {tls}");
        }
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            match io.kind() {
                std::io::ErrorKind::ConnectionRefused => return "connection refused".to_owned(),
                std::io::ErrorKind::ConnectionReset => return "connection reset".to_owned(),
                _ => {}
            }
        }
        let text = err.to_string();
        if text.contains("tls handshake") {
            return format!("TLS error: {text}");
        }
        if text.contains("dns error") || text.contains("failed to lookup address") {
            let detail = chain.last().map_or(text, |e| e.to_string());
            return format!("DNS lookup failed: {detail}");
        }
    }
    let innermost = chain
        .last()
        .map_or_else(|| e.to_string(), |e| e.to_string());
    if e.is_connect() {
        return format!("could not connect: {innermost}");
    }
    if e.is_body() || e.is_decode() {
        return format!("the body could not be read: {innermost}");
    }
    innermost
}

/// Every error behind `e`, outermost first: its sources, and the errors an `io::Error`
/// wraps (rustls's arrive that way, and an io error's inner error is not its source).
fn chain(e: &reqwest::Error) -> Vec<&(dyn std::error::Error + 'static)> {
    let mut out: Vec<&(dyn std::error::Error + 'static)> = Vec::new();
    let mut next: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = next {
        if out.len() > 32 {
            break;
        }
        out.push(err);
        next = match err
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
        {
            Some(inner) => Some(inner),
            None => err.source(),
        };
    }
    out
}
