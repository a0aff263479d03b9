//! The server: its state, accepting connections, and reading and writing HTTP/1.1.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::mock::answer::answer;
use crate::mock::routes::Route;
use crate::mock::{MockOperation, MockReply, Received};

/// Numbers the mock's `x-request-id`s, across servers (ids only need to differ).
static REQUEST_IDS: AtomicU64 = AtomicU64::new(0);

pub(crate) type Handler = Arc<dyn Fn(&Received) -> MockReply + Send + Sync>;

#[derive(Default)]
pub(crate) struct Behaviour {
    pub(crate) replies: VecDeque<MockReply>,
    pub(crate) handler: Option<Handler>,
}

pub(crate) struct State {
    pub(crate) routes: &'static [Route],
    pub(crate) behaviours: HashMap<&'static str, Behaviour>,
    pub(crate) received: Vec<Received>,
}

/// The server. Dropping it stops it.
pub struct MockServer {
    url: String,
    pub(crate) state: Arc<Mutex<State>>,
    task: tokio::task::JoinHandle<()>,
}

impl std::fmt::Debug for MockServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockServer").field("url", &self.url).finish_non_exhaustive()
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

pub(crate) fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl MockServer {
    /// Starts serving `routes` on 127.0.0.1, on a free port (used by the generated
    /// `mock::MockServer::start`).
    ///
    /// # Errors
    /// When no local port can be bound.
    #[doc(hidden)]
    pub async fn start(routes: &'static [Route]) -> std::io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let url = format!("http://{}", listener.local_addr()?);
        let state = Arc::new(Mutex::new(State { routes, behaviours: HashMap::new(), received: Vec::new() }));
        let shared = state.clone();
        let task = tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                tokio::spawn(serve(socket, shared.clone()));
            }
        });
        Ok(MockServer { url, state, task })
    }

    /// The base URL to point a client at.
    #[must_use]
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Every request received, in order.
    #[must_use]
    pub fn received(&self) -> Vec<Received> {
        lock(&self.state).received.clone()
    }

    /// Forgets overrides and received requests.
    pub fn reset(&self) {
        let mut state = lock(&self.state);
        state.behaviours.clear();
        state.received.clear();
    }

    /// The typed handle of one operation (used by generated code).
    #[doc(hidden)]
    #[must_use]
    pub fn operation<P, R, I>(&self, operation: &'static str) -> MockOperation<'_, P, R, I> {
        MockOperation::new(self, operation)
    }
}

pub(crate) struct Incoming {
    pub(crate) method: String,
    pub(crate) target: String,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

async fn serve(mut socket: TcpStream, state: Arc<Mutex<State>>) {
    let mut buffer = Vec::new();
    while let Some(request) = read_request(&mut socket, &mut buffer).await {
        let reply = answer(&state, request);
        if !reply.delay.is_zero() {
            tokio::time::sleep(reply.delay).await;
        }
        let mut head = format!(
            "HTTP/1.1 {} {}\r\ncontent-length: {}\r\n",
            reply.status,
            reason(reply.status),
            reply.body.len()
        );
        if let (false, Some(content_type)) = (reply.body.is_empty(), &reply.content_type) {
            head.push_str(&format!("content-type: {content_type}\r\n"));
        }
        for (name, value) in &reply.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        // Like the API, every answer names its request, unless the reply sets its own id.
        if !reply.headers.iter().any(|(name, _)| name.eq_ignore_ascii_case("x-request-id")) {
            head.push_str(&format!(
                "x-request-id: req_mock_{}\r\n",
                REQUEST_IDS.fetch_add(1, Ordering::Relaxed) + 1
            ));
        }
        head.push_str("\r\n");
        if socket.write_all(head.as_bytes()).await.is_err() || socket.write_all(&reply.body).await.is_err() {
            return;
        }
    }
}

fn reason(status: u16) -> &'static str {
    reqwest::StatusCode::from_u16(status).ok().and_then(|s| s.canonical_reason()).unwrap_or("Status")
}

async fn read_request(socket: &mut TcpStream, buffer: &mut Vec<u8>) -> Option<Incoming> {
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break end + 4;
        }
        let n = socket.read(&mut chunk).await.ok().filter(|n| *n > 0)?;
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next()?.split(' ');
    let method = request_line.next()?.to_owned();
    let target = request_line.next()?.to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length: usize =
        headers.iter().find(|(k, _)| k == "content-length").and_then(|(_, v)| v.parse().ok()).unwrap_or(0);
    while buffer.len() < head_end + length {
        let n = socket.read(&mut chunk).await.ok().filter(|n| *n > 0)?;
        buffer.extend_from_slice(&chunk[..n]);
    }
    let body = buffer[head_end..head_end + length].to_vec();
    buffer.drain(..head_end + length);
    Some(Incoming { method, target, headers, body })
}
