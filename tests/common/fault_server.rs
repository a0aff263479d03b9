//! A fast HTTP/1.1 server on 127.0.0.1 that fails a seeded share of attempts (500, 429 with a
//! short `retry-after-ms`, a connection closed before the response, a body cut short) and logs
//! every attempt by its key, so a client's view of its calls can be reconciled with what the
//! server saw. Shared by `tests/load_faults.rs` (small counts) and `benches/load.rs` (full size).
#![allow(dead_code)] // each includer uses part of it

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the server did with one attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// A complete 200 with the body.
    Ok,
    /// 500 with an error body.
    ServerError,
    /// 429 with `retry-after-ms: 1`.
    RateLimited,
    /// The connection closed before any response.
    Closed,
    /// A 200 whose body stops halfway, then the connection closes.
    Cut,
}

/// Shares of attempts that fail, in percent.
#[derive(Debug, Clone, Copy)]
pub struct Faults {
    /// 500s.
    pub server_error: u64,
    /// 429s.
    pub rate_limited: u64,
    /// Closed before the response.
    pub closed: u64,
    /// Body cut short.
    pub cut: u64,
}

impl Faults {
    /// No faults.
    pub const NONE: Faults = Faults { server_error: 0, rate_limited: 0, closed: 0, cut: 0 };
    /// The issue's mix: 10% 500, 5% 429, 2% closed, 2% cut.
    pub const MIX: Faults = Faults { server_error: 10, rate_limited: 5, closed: 2, cut: 2 };
    /// Every attempt a 500.
    pub const ALWAYS_500: Faults = Faults { server_error: 100, rate_limited: 0, closed: 0, cut: 0 };
}

/// The success body for a request: `(method, target, key) -> JSON`.
pub type Answer = Arc<dyn Fn(&str, &str, &str) -> Vec<u8> + Send + Sync>;

/// The attempts seen, by key, in arrival order.
#[derive(Default)]
pub struct Log {
    pub attempts: HashMap<String, Vec<Outcome>>,
}

/// A running server.
pub struct FaultServer {
    pub url: String,
    pub log: Arc<Mutex<Log>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for FaultServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl FaultServer {
    /// Serves `answer` with `faults` decided by `seed`, the key and the attempt's number for
    /// that key, so a run is reproducible whatever order concurrent attempts arrive in. The key
    /// is the `idempotency-key` header, else the request target.
    pub async fn start(seed: u64, faults: Faults, answer: Answer) -> FaultServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let log = Arc::new(Mutex::new(Log::default()));
        let shared = log.clone();
        let task = tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                tokio::spawn(serve(socket, seed, faults, answer.clone(), shared.clone()));
            }
        });
        FaultServer { url, log, task }
    }

    /// The attempts logged for every key.
    pub fn attempts(&self) -> HashMap<String, Vec<Outcome>> {
        self.log.lock().expect("log").attempts.clone()
    }
}

/// The fault for attempt `n` of `key`.
fn decide(seed: u64, faults: Faults, key: &str, n: usize) -> Outcome {
    let mut hasher =
        std::hash::BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default().build_hasher();
    hasher.write_u64(seed);
    hasher.write(key.as_bytes());
    hasher.write_usize(n);
    let roll = hasher.finish() % 100;
    let mut limit = faults.server_error;
    if roll < limit {
        return Outcome::ServerError;
    }
    limit += faults.rate_limited;
    if roll < limit {
        return Outcome::RateLimited;
    }
    limit += faults.closed;
    if roll < limit {
        return Outcome::Closed;
    }
    limit += faults.cut;
    if roll < limit {
        return Outcome::Cut;
    }
    Outcome::Ok
}

async fn serve(mut socket: TcpStream, seed: u64, faults: Faults, answer: Answer, log: Arc<Mutex<Log>>) {
    let mut buffer = Vec::new();
    loop {
        let Some((method, target, key)) = read_request(&mut socket, &mut buffer).await else { return };
        let outcome = {
            let mut log = log.lock().expect("log");
            let seen = log.attempts.entry(key.clone()).or_default();
            let outcome = decide(seed, faults, &key, seen.len());
            seen.push(outcome);
            outcome
        };
        let body = answer(&method, &target, &key);
        let reply: Vec<u8> = match outcome {
            Outcome::Ok => response(200, &[], &body),
            Outcome::ServerError => {
                response(500, &[], br#"{"error":{"type":"internal_server_error","message":"injected"}}"#)
            }
            Outcome::RateLimited => response(
                429,
                &[("retry-after-ms", "1")],
                br#"{"error":{"type":"rate_limited","message":"slow down"}}"#,
            ),
            Outcome::Closed => return,
            Outcome::Cut => {
                let mut reply = response(200, &[], &body);
                reply.truncate(reply.len() - body.len() / 2);
                let _ = socket.write_all(&reply).await;
                return;
            }
        };
        if socket.write_all(&reply).await.is_err() {
            return;
        }
    }
}

fn response(status: u16, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut head = format!(
        "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let mut out = head.into_bytes();
    out.extend_from_slice(body);
    out
}

/// Method, target and key of the next request on the connection.
async fn read_request(socket: &mut TcpStream, buffer: &mut Vec<u8>) -> Option<(String, String, String)> {
    let mut chunk = [0u8; 16384];
    let head_end = loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break end + 4;
        }
        let n = socket.read(&mut chunk).await.ok().filter(|n| *n > 0)?;
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let (method, target) = (first.next()?.to_owned(), first.next()?.to_owned());
    let mut length = 0;
    let mut key = None;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else { continue };
        match name.trim().to_ascii_lowercase().as_str() {
            "content-length" => length = value.trim().parse().unwrap_or(0),
            "idempotency-key" => key = Some(value.trim().to_owned()),
            _ => {}
        }
    }
    while buffer.len() < head_end + length {
        let n = socket.read(&mut chunk).await.ok().filter(|n| *n > 0)?;
        buffer.extend_from_slice(&chunk[..n]);
    }
    buffer.drain(..head_end + length);
    let key = key.unwrap_or_else(|| target.clone());
    Some((method, target, key))
}

/// How one call ended, as the client saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ended {
    /// A decoded body with this id.
    Ok(String),
    /// An API error with this status.
    Api(u16),
    /// A broken connection or body.
    Connection,
    /// A timeout.
    Timeout,
    /// Anything else (a mismatch by itself).
    Other(String),
}

impl Ended {
    /// How a call that returned `result` ended; `id` reads a success's id.
    pub fn of<T>(result: Result<T, whop_api::Error>, id: impl Fn(&T) -> String) -> Ended {
        match result {
            Ok(value) => Ended::Ok(id(&value)),
            Err(whop_api::Error::Api(api)) => Ended::Api(api.status.as_u16()),
            Err(whop_api::Error::Connection { .. }) => Ended::Connection,
            Err(whop_api::Error::Timeout { .. }) => Ended::Timeout,
            Err(other) => Ended::Other(other.to_string()),
        }
    }
}

/// The client's and the server's views compared.
#[derive(Debug, Default)]
pub struct Reconciliation {
    pub calls: usize,
    pub attempts: usize,
    pub successes: usize,
    pub errors: std::collections::BTreeMap<String, usize>,
    pub mismatches: Vec<String>,
}

/// Checks every call against the server's log: a success's last attempt was a complete 200
/// carrying its id, and it was the only 200; a failure used exactly `1 + max_retries`
/// attempts, all of them faults, and its error is the last one's; no key has more attempts
/// than that; the server saw no key the client did not call.
pub fn reconcile(
    calls: &[(String, Ended)],
    log: &HashMap<String, Vec<Outcome>>,
    max_retries: u32,
) -> Reconciliation {
    let limit = 1 + max_retries as usize;
    let mut report = Reconciliation {
        calls: calls.len(),
        attempts: log.values().map(Vec::len).sum(),
        ..Default::default()
    };
    let mut miss = |text: String| report.mismatches.push(text);
    let known: std::collections::HashSet<&str> = calls.iter().map(|(k, _)| k.as_str()).collect();
    for key in log.keys().filter(|k| !known.contains(k.as_str())) {
        miss(format!("{key}: attempted, but the client made no such call"));
    }
    for (key, ended) in calls {
        let seen = log.get(key).map(Vec::as_slice).unwrap_or_default();
        if seen.len() > limit {
            miss(format!("{key}: {} attempts, more than {limit}", seen.len()));
        }
        let last = seen.last().copied();
        match ended {
            Ended::Ok(id) => {
                if last != Some(Outcome::Ok) || seen.iter().filter(|o| **o == Outcome::Ok).count() != 1 {
                    miss(format!("{key}: the client succeeded, the server's attempts were {seen:?}"));
                }
                if id != key {
                    miss(format!("{key}: decoded the body of {id}"));
                }
            }
            failure => {
                let expected = match last {
                    Some(Outcome::ServerError) => Ended::Api(500),
                    Some(Outcome::RateLimited) => Ended::Api(429),
                    Some(Outcome::Closed | Outcome::Cut) => Ended::Connection,
                    _ => Ended::Other("a failure after a 200".to_owned()),
                };
                if seen.len() != limit || seen.contains(&Outcome::Ok) || *failure != expected {
                    miss(format!("{key}: the client got {failure:?}, the server's attempts were {seen:?}"));
                }
            }
        }
    }
    for (_, ended) in calls {
        match ended {
            Ended::Ok(_) => report.successes += 1,
            other => *report.errors.entry(format!("{other:?}")).or_default() += 1,
        }
    }
    report
}
