//! `fetch(url, method="GET", headers={}, body=none, timeout=30)` and the response it
//! returns.
//!
//! Calling `fetch` checks its arguments and returns a coroutine, as calling an aiohttp
//! method does; awaiting it starts the request as a host operation (`rt::host`) on the
//! HTTP client (`rt::http`). A status that is not 2xx is a response, not an error; a
//! request that cannot complete raises `FetchError` naming the URL and the cause, and
//! `timeout` (seconds, `none` for no limit) raises `TimeoutError`.

use crate::vm::Str;
use std::any::Any;
use std::rc::Rc;

use super::{Args, BuiltinFn};
use crate::rt::Rt;
use crate::rt::native_coro::{NativeCoro, NativeKind};
use crate::vm::format::to_str;
use crate::vm::{Exc, ExcKind, NativeObject, Site, Value, exc, ops, type_error};

pub static FETCH: BuiltinFn = BuiltinFn {
    name: "fetch",
    run: fetch,
};

/// The default `timeout`, in seconds.
const DEFAULT_TIMEOUT: f64 = 30.0;

/// A request as the script gave it, checked for types, waiting to be awaited.
#[cfg_attr(not(feature = "http"), allow(dead_code))]
pub struct FetchArgs {
    url: String,
    method: String,
    headers: Vec<(String, String)>,
    body: Option<FetchBody>,
    timeout: Option<f64>,
}

#[cfg_attr(not(feature = "http"), allow(dead_code))]
enum FetchBody {
    Text(String),
    Json(String),
}

fn fetch(rt: &mut Rt, args: &Args<'_>, site: &Site) -> Result<Value, Exc> {
    args.accept(1, 5, &["method", "headers", "body", "timeout"])?;
    let url = match &args.pos[0] {
        Value::Str(s) => s.to_string(),
        other => {
            return Err(type_error(format!(
                "fetch() url must be a string, not '{}'",
                other.type_name()
            )));
        }
    };
    let method = match args.get(1, "method") {
        None => "GET".to_owned(),
        Some(Value::Str(s)) => s.to_ascii_uppercase(),
        Some(other) => {
            return Err(type_error(format!(
                "fetch() method must be a string, not '{}'",
                other.type_name()
            )));
        }
    };
    let headers = match args.get(2, "headers") {
        None | Some(Value::None) => Vec::new(),
        Some(Value::Map(map)) => map
            .borrow()
            .iter()
            .map(|(k, v)| Ok((to_str(&k.0)?, to_str(v)?)))
            .collect::<Result<_, Exc>>()?,
        Some(other) => {
            return Err(type_error(format!(
                "fetch() headers must be a map, not '{}'",
                other.type_name()
            )));
        }
    };
    let body = match args.get(3, "body") {
        None | Some(Value::None) => None,
        Some(Value::Str(s)) => Some(FetchBody::Text(s.to_string())),
        Some(v @ (Value::Map(_) | Value::List(_))) => {
            let mut json = String::new();
            super::json::write_json(&mut json, v, &mut Vec::new())?;
            Some(FetchBody::Json(json))
        }
        Some(other) => {
            return Err(type_error(format!(
                "fetch() body must be a string, a map or a list, not '{}'",
                other.type_name()
            )));
        }
    };
    let timeout = match args.get(4, "timeout") {
        None => Some(DEFAULT_TIMEOUT),
        Some(Value::None) => None,
        Some(v) => {
            let seconds = ops::seconds(v, "fetch() timeout")?;
            if seconds < 0.0 {
                return Err(crate::vm::value_error(format!(
                    "fetch() timeout must not be negative, not {}",
                    crate::vm::format::repr(v)
                )));
            }
            Some(seconds)
        }
    };
    let request = FetchArgs {
        url,
        method,
        headers,
        body,
        timeout,
    };
    Ok(Value::Native(Rc::new(NativeCoro::new(
        NativeKind::op(request),
        "fetch",
        site.clone(),
        rt.host.events.clone(),
    ))))
}

/// The network capability: a host may deny every request, or allow only some URLs.
fn check_network(rt: &Rt, url: &str, label: &str) -> Result<(), Exc> {
    let allowed = match &rt.host.config.network {
        crate::rt::Network::Allow => true,
        crate::rt::Network::Deny => false,
        crate::rt::Network::Policy(allow) => allow(url),
    };
    if allowed {
        return Ok(());
    }
    let why = match rt.host.config.network {
        crate::rt::Network::Deny => "network access is switched off by the host",
        _ => "the host's network policy does not allow this URL",
    };
    Err(exc(ExcKind::PermissionError, format!("{label}: {why}")))
}

impl crate::rt::awaitable::Awaitable for FetchArgs {
    fn start(self: Box<Self>, rt: &mut Rt, _: &Site) -> Result<crate::rt::awaitable::Started, Exc> {
        use crate::rt::task::{Fut, WaitOn, Waiter};
        let fut = start(rt, *self)?;
        Ok(crate::rt::awaitable::Started::Block(Waiter::on(
            WaitOn::Fut(Fut::Future(fut)),
        )))
    }
}

/// "GET https://example.com/: cause", the message of every `FetchError`.
fn fetch_error(label: &str, cause: impl std::fmt::Display) -> Exc {
    exc(ExcKind::FetchError, format!("{label}: {cause}"))
}

impl FetchArgs {
    /// How reports name the request: its method and URL, without the URL's credentials.
    fn label(&self) -> String {
        format!("{} {}", self.method, redact_url(&self.url))
    }
}

/// A URL as messages may show it: `http://user:secret@host/` becomes `http://host/`, as
/// aiohttp and requests show it. Works on text that does not parse as a URL too.
fn redact_url(url: &str) -> String {
    let Some(scheme_end) = url.find("://") else {
        return url.to_owned();
    };
    let authority_start = scheme_end + 3;
    let rest = &url[authority_start..];
    let authority_len = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_len].rfind('@') {
        Some(at) => format!("{}{}", &url[..authority_start], &rest[at + 1..]),
        None => url.to_owned(),
    }
}

/// Starts the request (the `await`); its future completes with a response or an error.
#[cfg(feature = "http")]
pub fn start(rt: &mut Rt, request: FetchArgs) -> Result<Rc<crate::rt::Future>, Exc> {
    use crate::rt::http;
    use crate::vm::format::repr;

    let label = request.label();
    check_network(rt, &request.url, &label)?;
    let FetchArgs {
        url,
        method,
        headers,
        body,
        timeout,
    } = request;
    let url =
        reqwest::Url::parse(&url).map_err(|e| fetch_error(&label, format!("bad URL: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(fetch_error(
            &label,
            format!(
                "bad URL: the scheme must be http or https, not '{}'",
                url.scheme()
            ),
        ));
    }
    let method = reqwest::Method::from_bytes(method.as_bytes())
        .map_err(|_| fetch_error(&label, "bad method"))?;
    for (name, value) in &headers {
        if reqwest::header::HeaderName::from_bytes(name.as_bytes()).is_err()
            || reqwest::header::HeaderValue::from_str(value).is_err()
        {
            return Err(fetch_error(&label, format!("bad header '{name}'")));
        }
    }
    let spec = http::Request {
        url,
        method,
        headers,
        body: body.map(|b| match b {
            FetchBody::Text(t) => http::Body::Text(t),
            FetchBody::Json(j) => http::Body::Json(j),
        }),
        timeout: timeout
            .map(|t| std::time::Duration::try_from_secs_f64(t).unwrap_or(std::time::Duration::MAX)),
        max_body: rt.host.config.max_body,
    };
    let seconds = timeout.unwrap_or(0.0);
    rt.start_host(|completer| {
        // The result is made on the loop's thread; the message needs the label there too.
        let done_label = label.clone();
        let handle = http::start(spec, move |outcome| {
            completer.finish(Box::new(move || match outcome {
                Ok(response) => Ok(Response::value(response)),
                Err(http::Failure::Timeout) => Err(exc(
                    ExcKind::TimeoutError,
                    format!(
                        "{done_label}: no response within {} s",
                        repr(&Value::Float(seconds))
                    ),
                )),
                Err(http::Failure::Fetch(cause)) => Err(fetch_error(&done_label, cause)),
            }));
        })
        .map_err(|cause| fetch_error(&label, cause))?;
        Ok(Box::new(move || handle.abort()))
    })
}

/// Without the `http` feature there is no client: every fetch fails, saying why.
#[cfg(not(feature = "http"))]
pub fn start(rt: &mut Rt, request: FetchArgs) -> Result<Rc<crate::rt::Future>, Exc> {
    check_network(rt, &request.url, &request.label())?;
    Err(fetch_error(
        &request.label(),
        "fetch is not available: this runner was built without HTTP support (the `http` feature)",
    ))
}

/// What `await fetch(...)` returns.
#[cfg_attr(not(feature = "http"), allow(dead_code))]
pub struct Response {
    status: i64,
    url: Str,
    headers: Value,
    text: Str,
}

impl Response {
    #[cfg(feature = "http")]
    fn value(response: crate::rt::http::Response) -> Value {
        use crate::vm::Key;
        use indexmap::IndexMap;

        // Header names arrive lower-case; a repeated header is joined with ", " as
        // aiohttp's and the fetch API's views of it are.
        let mut headers: IndexMap<Key, Value> = IndexMap::new();
        for (name, value) in response.headers {
            let key = Key(Value::Str(Str::from(name)));
            match headers.get_mut(&key) {
                Some(Value::Str(old)) => *old = Str::from(format!("{old}, {value}")),
                _ => {
                    headers.insert(key, Value::Str(Str::from(value)));
                }
            }
        }
        Value::Native(Rc::new(Response {
            status: i64::from(response.status),
            url: Str::from(response.url),
            headers: Value::map(headers),
            text: Str::from(String::from_utf8_lossy(&response.body)),
        }))
    }
}

impl NativeObject for Response {
    fn type_name(&self) -> &'static str {
        "Response"
    }
    fn repr(&self) -> String {
        format!("<Response {} {}>", self.status, self.url)
    }
    fn attr(&self, name: &str) -> Option<Value> {
        match name {
            "status" => Some(Value::Int(self.status)),
            "url" => Some(Value::Str(self.url.clone())),
            "headers" => Some(self.headers.clone()),
            "text" => Some(Value::Str(self.text.clone())),
            _ => None,
        }
    }
    fn call(
        &self,
        _rt: &mut Rt,
        name: &str,
        args: &Args<'_>,
        _site: &Site,
    ) -> Option<Result<Value, Exc>> {
        match name {
            "json" => Some(
                args.accept(0, 0, &[])
                    .and_then(|()| super::json_parse::parse(&self.text)),
            ),
            _ => None,
        }
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::redact_url;

    #[test]
    fn credentials_never_show() {
        for (url, shown) in [
            ("http://user:pa55@host:8/p?q=1", "http://host:8/p?q=1"),
            ("https://token@example.com", "https://example.com"),
            ("http://a:b@[::1]:80/x@y", "http://[::1]:80/x@y"),
            ("http://u:p@bad url", "http://bad url"),
            ("http://host/p?email=a@b", "http://host/p?email=a@b"),
            ("not a url", "not a url"),
        ] {
            assert_eq!(redact_url(url), shown, "{url}");
        }
    }
}
