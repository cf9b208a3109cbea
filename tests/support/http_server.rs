//! A real HTTP/1.1 server on 127.0.0.1 with a port of 0, for the fetch tests: a thread per
//! connection, keep-alive, and a listen backlog large enough for hundreds of concurrent
//! connects (Python's `http.server` has 5).
//!
//! Routes:
//! - `/page/NAME`: a few lines of text naming NAME, with blank lines among them;
//! - `/slowpage/MS/NAME`: the same page after MS milliseconds;
//! - `/status/N`: status N, body `status N`;
//! - `/echo`: the request's method, headers and body, as JSON;
//! - `/headers`: sets `X-Runner-Test: yes` and `Set-Cookie` twice;
//! - `/redirect/N`: 302 to `/redirect/N-1`, and `/redirect/0` is 200 `arrived`;
//! - `/loop`: 302 to itself, forever;
//! - `/slow/MS`: waits MS milliseconds, then 200 `slow`;
//! - `/huge/N`: N bytes of `x`, with a content-length; `/stream/N`: the same, chunked;
//! - `/gzip`, `/deflate`: a body sent compressed, with its content-encoding;
//! - `/json`: a JSON document;
//! - `/count`: how many requests the server has answered before this one;
//! - `/goto/URL`: 302 to URL (the rest of the path and query, as it is);
//! - `/allheaders`: every request header, as a JSON map of lower-case names.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

pub struct Server {
    pub base: String,
    pub answered: Arc<AtomicUsize>,
}

/// Starts a server that lives as long as the test process.
pub fn start() -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    let base = format!("http://{}", listener.local_addr().expect("local addr"));
    let answered = Arc::new(AtomicUsize::new(0));
    let count = answered.clone();
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let count = count.clone();
            thread::spawn(move || serve(stream, &count));
        }
    });
    Server { base, answered }
}

/// A page's text, as the page-preview tests expect it.
pub fn page_text(name: &str) -> String {
    format!(
        "<!doctype html>\n\n<title>{name}</title>\n   \n<h1>The {name} page</h1>\n<p>first paragraph of {name}</p>\n<p>second paragraph</p>\n"
    )
}

struct Request {
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

fn read_request(reader: &mut BufReader<TcpStream>) -> Option<Request> {
    let mut line = String::new();
    if reader.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_owned();
    let path = parts.next()?.to_owned();
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':')?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }
    let length = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Request {
        method,
        path,
        headers,
        body,
    })
}

fn serve(stream: TcpStream, answered: &AtomicUsize) {
    let Ok(write_half) = stream.try_clone() else {
        return;
    };
    let mut out = write_half;
    let mut reader = BufReader::new(stream);
    while let Some(request) = read_request(&mut reader) {
        let n = answered.fetch_add(1, Ordering::SeqCst);
        if respond(&mut out, &request, n).is_err() {
            return;
        }
    }
}

fn respond(out: &mut TcpStream, req: &Request, n: usize) -> std::io::Result<()> {
    let path = req.path.as_str();
    let segments: Vec<&str> = path.trim_start_matches('/').splitn(2, '/').collect();
    let arg = segments.get(1).copied().unwrap_or("");
    // The route is the first segment without a query (`/allheaders?token=x`).
    let route = segments[0].split('?').next().unwrap_or("");
    match route {
        "page" => send(
            out,
            200,
            &[("Content-Type", "text/html")],
            page_text(arg).as_bytes(),
        ),
        "slowpage" => {
            let (ms, name) = arg.split_once('/').unwrap_or(("0", arg));
            thread::sleep(Duration::from_millis(ms.parse().unwrap_or(0)));
            send(
                out,
                200,
                &[("Content-Type", "text/html")],
                page_text(name).as_bytes(),
            )
        }
        "status" => {
            let code: u16 = arg.parse().unwrap_or(500);
            send(out, code, &[], format!("status {code}").as_bytes())
        }
        "echo" => {
            let headers: Vec<String> = req
                .headers
                .iter()
                .filter(|(n, _)| n.starts_with("x-") || n == "content-type")
                .map(|(n, v)| format!("\"{n}\": \"{v}\""))
                .collect();
            let body = format!(
                "{{\"method\": \"{}\", \"headers\": {{{}}}, \"body\": {:?}}}",
                req.method,
                headers.join(", "),
                String::from_utf8_lossy(&req.body)
            );
            send(
                out,
                200,
                &[("Content-Type", "application/json")],
                body.as_bytes(),
            )
        }
        "headers" => send(
            out,
            200,
            &[
                ("X-Runner-Test", "yes"),
                ("Set-Cookie", "a=1"),
                ("Set-Cookie", "b=2"),
            ],
            b"headers",
        ),
        "redirect" => {
            let left: u32 = arg.parse().unwrap_or(0);
            if left == 0 {
                send(out, 200, &[], b"arrived")
            } else {
                let to = format!("/redirect/{}", left - 1);
                send(out, 302, &[("Location", &to)], b"")
            }
        }
        "loop" => send(out, 302, &[("Location", "/loop")], b""),
        "slow" => {
            thread::sleep(Duration::from_millis(arg.parse().unwrap_or(1000)));
            send(out, 200, &[], b"slow")
        }
        "huge" => {
            let size: usize = arg.parse().unwrap_or(0);
            write!(out, "HTTP/1.1 200 OK\r\nContent-Length: {size}\r\n\r\n")?;
            let block = vec![b'x'; 1 << 16];
            let mut left = size;
            while left > 0 {
                let k = left.min(block.len());
                out.write_all(&block[..k])?;
                left -= k;
            }
            Ok(())
        }
        "stream" => {
            let size: usize = arg.parse().unwrap_or(0);
            write!(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")?;
            let block = vec![b'x'; 1 << 16];
            let mut left = size;
            while left > 0 {
                let k = left.min(block.len());
                write!(out, "{k:x}\r\n")?;
                out.write_all(&block[..k])?;
                out.write_all(b"\r\n")?;
                left -= k;
            }
            out.write_all(b"0\r\n\r\n")
        }
        "gzip" => send(
            out,
            200,
            &[("Content-Encoding", "gzip")],
            &gzip(b"this body was gzipped\n"),
        ),
        "deflate" => send(
            out,
            200,
            &[("Content-Encoding", "deflate")],
            &zlib(b"this body was deflated\n"),
        ),
        "json" => send(
            out,
            200,
            &[("Content-Type", "application/json")],
            br#"{"name": "runner", "tags": ["async", "fast"], "version": 1.5, "ok": true}"#,
        ),
        "count" => send(out, 200, &[], n.to_string().as_bytes()),
        "goto" => send(out, 302, &[("Location", arg)], b""),
        "allheaders" => {
            let headers: Vec<String> = req
                .headers
                .iter()
                .map(|(n, v)| format!("{n:?}: {v:?}"))
                .collect();
            let body = format!("{{{}}}", headers.join(", "));
            send(
                out,
                200,
                &[("Content-Type", "application/json")],
                body.as_bytes(),
            )
        }
        _ => send(out, 404, &[], b"not found"),
    }
}

fn reason(code: u16) -> &'static str {
    match code {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        302 => "Found",
        404 => "Not Found",
        418 => "I'm a teapot",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Other",
    }
}

fn send(
    out: &mut TcpStream,
    code: u16,
    headers: &[(&str, &str)],
    body: &[u8],
) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {code} {}\r\nContent-Length: {}\r\n",
        reason(code),
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    out.write_all(head.as_bytes())?;
    out.write_all(body)?;
    out.flush()
}

/// DEFLATE with stored (uncompressed) blocks: valid, and needs no compressor.
fn deflate_stored(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let chunks: Vec<&[u8]> = data.chunks(65535).collect();
    for (i, chunk) in chunks.iter().enumerate() {
        out.push(u8::from(i + 1 == chunks.len()));
        let len = chunk.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(chunk);
    }
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    out.extend(deflate_stored(data));
    out.extend_from_slice(&crc32(data).to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out
}

fn zlib(data: &[u8]) -> Vec<u8> {
    let (mut a, mut b) = (1u32, 0u32);
    for &x in data {
        a = (a + u32::from(x)) % 65521;
        b = (b + a) % 65521;
    }
    let mut out = vec![0x78, 0x01];
    out.extend(deflate_stored(data));
    out.extend_from_slice(&((b << 16) | a).to_be_bytes());
    out
}
