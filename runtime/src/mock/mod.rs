//! An in-process mock of an API, generated with the client (`whop_api!(.., mock = true)`)
//! and served on 127.0.0.1: every operation answers out of the box, checks the bearer
//! header and the parameters against the generated types, and can be overridden per
//! operation. Generated code supplies the routes; this module is the server.

use std::collections::{HashMap, VecDeque};
use std::marker::PhantomData;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Map, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::request::Auth;

mod body;

/// Numbers the mock's `x-request-id`s, across servers (ids only need to differ).
static REQUEST_IDS: AtomicU64 = AtomicU64::new(0);

pub use body::Media;

/// How a query or header parameter's text becomes JSON before it is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Kept as a string.
    Text,
    /// An integer.
    Integer,
    /// A number.
    Number,
    /// `true` / `false`.
    Boolean,
    /// Repeated (or comma-separated) values of strings.
    List,
}

/// Where a paginated page keeps its items and cursor (wire names).
#[derive(Debug, Clone, Copy)]
pub struct PageShape {
    /// The items field.
    pub items: &'static str,
    /// The page-info field.
    pub info: &'static str,
    /// The page info's end cursor.
    pub cursor: &'static str,
    /// The page info's has-next flag.
    pub has_next: &'static str,
    /// The query parameter that takes the cursor.
    pub cursor_param: &'static str,
}

/// Where the JSON body goes in the parameters object checked against the params type.
#[derive(Debug, Clone, Copy)]
pub enum BodyShape {
    /// No body.
    None,
    /// The body's fields sit beside the query fields.
    Merge,
    /// The body is one field of the parameters.
    Field(&'static str),
}

/// One operation, as the generated code describes it.
#[derive(Clone, Copy)]
pub struct Route {
    /// Upper-case method.
    pub method: &'static str,
    /// Path template.
    pub path: &'static str,
    /// operationId.
    pub operation: &'static str,
    /// The credential the client sends, which the mock checks.
    pub auth: crate::request::Auth,
    /// Default status.
    pub status: u16,
    /// Default body: JSON, or the text of a text response ("" for none).
    pub body: &'static str,
    /// How the request body is encoded.
    pub request_media: Media,
    /// How the response body is encoded.
    pub response_media: Media,
    /// The response's content type.
    pub content_type: &'static str,
    /// Query parameters.
    pub query: &'static [(&'static str, Kind)],
    /// Header parameters.
    pub headers: &'static [(&'static str, Kind)],
    /// Where the body goes.
    pub body_shape: BodyShape,
    /// Checks the parameters object against the params type: `Err((path, message))`.
    pub check: fn(&Value) -> Result<(), (String, String)>,
    /// Pagination, for paginated lists.
    pub page: Option<PageShape>,
}

/// A value to start a stub from: the spec's example, or values that fit the schema.
/// `mock = true` implements it for every component type a response can hold, so a test writes
/// `Membership { id: "mem_1".into(), ..Membership::example() }` instead of every field.
pub trait Example: Sized {
    /// The example value.
    ///
    /// # Panics
    /// When the spec's own example does not fit its schema; the message names the type.
    fn example() -> Self;
}

/// Decodes a generated example (used by generated code).
///
/// # Panics
/// When `json` does not decode into `T`: the spec's example does not fit its schema.
#[doc(hidden)]
#[must_use]
pub fn example<T: DeserializeOwned>(json: &str, type_name: &str) -> T {
    match serde_json::from_str(json) {
        Ok(value) => value,
        Err(error) => panic!("the spec's example of {type_name} does not fit its schema: {error}"),
    }
}

/// Checks `value` against `P` (used by generated routes).
///
/// # Errors
/// The path and message of the first field that does not fit.
pub fn check<P: DeserializeOwned>(value: &Value) -> Result<(), (String, String)> {
    crate::__private::rejecting_unknown_values(|| serde_path_to_error::deserialize::<_, P>(value))
        .map(|_| ())
        .map_err(|e| (e.path().to_string(), e.inner().to_string()))
}

/// Accepts anything (operations without parameters).
///
/// # Errors
/// Never.
pub fn accept(_: &Value) -> Result<(), (String, String)> {
    Ok(())
}

/// A request the mock received.
#[derive(Debug, Clone)]
pub struct Received {
    /// operationId (empty when no route matched).
    pub operation: &'static str,
    /// Method.
    pub method: String,
    /// Path as sent.
    pub path: String,
    /// Path parameters, in template order, decoded.
    pub path_params: Vec<String>,
    /// Query pairs, decoded.
    pub query: Vec<(String, String)>,
    /// Headers (lower-case names).
    pub headers: Vec<(String, String)>,
    /// The parameters object (query, headers and body, as JSON).
    pub params: Value,
}

/// A canned reply.
#[derive(Debug, Clone)]
pub struct MockReply {
    status: u16,
    body: Vec<u8>,
    content_type: Option<String>,
    delay: Duration,
    headers: Vec<(String, String)>,
}

impl MockReply {
    /// `status` with `value` as the JSON body.
    #[must_use]
    pub fn json<T: Serialize>(status: u16, value: &T) -> Self {
        Self::bytes(status, "application/json", serde_json::to_vec(value).unwrap_or_default())
    }

    /// `status` with a body sent as it is, with its content type (text, CSV, a file).
    #[must_use]
    pub fn bytes(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        MockReply {
            status,
            body: body.into(),
            content_type: Some(content_type.to_owned()),
            delay: Duration::ZERO,
            headers: Vec::new(),
        }
    }

    /// A typed value written the way `route` answers: JSON, or the text or bytes themselves.
    fn typed<T: Serialize>(route: Option<&Route>, status: u16, value: &T) -> Self {
        let Some(route) = route.filter(|r| matches!(r.response_media, Media::Text | Media::Binary)) else {
            return Self::json(status, value);
        };
        let body = match serde_json::to_value(value) {
            Ok(Value::String(text)) => text.into_bytes(),
            Ok(Value::Array(items)) => {
                items.iter().filter_map(|b| b.as_u64().and_then(|b| u8::try_from(b).ok())).collect()
            }
            _ => Vec::new(),
        };
        Self::bytes(status, route.content_type, body)
    }

    /// `status` with the API's error envelope (`{"error": {type, message, code, param}}`).
    #[must_use]
    pub fn error(status: u16, message: &str) -> Self {
        let kind = match status {
            401 => "unauthorized",
            403 => "forbidden",
            404 => "not_found",
            429 => "rate_limited",
            500..=599 => "internal_server_error",
            _ => "invalid_request_error",
        };
        Self::json(status, &json!({"error": {"type": kind, "message": message, "code": null, "param": null}}))
    }

    /// `status` with no body.
    #[must_use]
    pub fn status(status: u16) -> Self {
        MockReply { status, body: Vec::new(), content_type: None, delay: Duration::ZERO, headers: Vec::new() }
    }

    /// Waits before answering.
    #[must_use]
    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    /// Adds a response header.
    #[must_use]
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }
}

type Handler = Arc<dyn Fn(&Received) -> MockReply + Send + Sync>;

#[derive(Default)]
struct Behaviour {
    replies: VecDeque<MockReply>,
    handler: Option<Handler>,
}

struct State {
    routes: &'static [Route],
    behaviours: HashMap<&'static str, Behaviour>,
    received: Vec<Received>,
}

/// The server. Dropping it stops it.
pub struct MockServer {
    url: String,
    state: Arc<Mutex<State>>,
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

fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl MockServer {
    /// Starts serving `routes` on 127.0.0.1, on a free port.
    ///
    /// # Errors
    /// When no local port can be bound.
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
        MockOperation { server: self, operation, types: PhantomData }
    }
}

/// One operation of a [`MockServer`]: override its answers, read its requests. `P` is its
/// parameters type, `R` its response type and `I` the item type of a paginated list (`()`
/// otherwise).
pub struct MockOperation<'a, P, R, I = ()> {
    server: &'a MockServer,
    operation: &'static str,
    types: PhantomData<Types<P, R, I>>,
}

/// The operation's types, held without owning values of them.
type Types<P, R, I> = fn() -> (P, R, I);

impl<P: DeserializeOwned, R: Serialize, I: Serialize> MockOperation<'_, P, R, I> {
    fn behaviour<T>(&self, change: impl FnOnce(&mut Behaviour) -> T) -> T {
        change(lock(&self.server.state).behaviours.entry(self.operation).or_default())
    }

    /// Answers every call with `value` (status 200), as JSON or, for a text or binary
    /// response, as the text or bytes themselves.
    pub fn respond(&self, value: &R) {
        let route = lock(&self.server.state).routes.iter().find(|r| r.operation == self.operation).copied();
        self.replies([MockReply::typed(route.as_ref(), 200, value)]);
    }

    /// Answers every call with the API's error envelope and `status`.
    pub fn fail(&self, status: u16, message: &str) {
        self.replies([MockReply::error(status, message)]);
    }

    /// Answers calls with these replies in turn; the last one repeats.
    pub fn replies(&self, replies: impl IntoIterator<Item = MockReply>) {
        self.behaviour(|b| {
            b.handler = None;
            b.replies = replies.into_iter().collect();
        });
    }

    /// Answers each call with what `handler` returns for the typed request.
    pub fn respond_with(&self, handler: impl Fn(&MockRequest<P>) -> MockReply + Send + Sync + 'static) {
        self.behaviour(|b| {
            b.replies.clear();
            b.handler = Some(Arc::new(move |received: &Received| handler(&MockRequest::from(received))));
        });
    }

    /// Serves `items` as cursor-paginated pages of `page_size`.
    ///
    /// # Errors
    /// When the operation is not a paginated list.
    pub fn paginate(&self, items: &[I], page_size: usize) -> Result<(), String> {
        let route = lock(&self.server.state).routes.iter().find(|r| r.operation == self.operation).copied();
        let Some((route, shape)) = route.and_then(|r| r.page.map(|p| (r, p))) else {
            return Err(format!("{} is not a paginated list", self.operation));
        };
        let items: Vec<Value> = items.iter().filter_map(|i| serde_json::to_value(i).ok()).collect();
        let template: Value = serde_json::from_str(route.body).unwrap_or_else(|_| json!({}));
        let size = page_size.max(1);
        self.behaviour(|b| {
            b.replies.clear();
            b.handler = Some(Arc::new(move |received: &Received| {
                let start = received
                    .query
                    .iter()
                    .find(|(k, _)| k == shape.cursor_param)
                    .and_then(|(_, v)| v.strip_prefix("cursor_")?.parse::<usize>().ok())
                    .unwrap_or(0)
                    .min(items.len());
                let end = (start + size).min(items.len());
                let more = end < items.len();
                let mut page = template.clone();
                page[shape.items] = Value::Array(items[start..end].to_vec());
                page[shape.info][shape.cursor] =
                    if more { json!(format!("cursor_{end}")) } else { Value::Null };
                page[shape.info][shape.has_next] = json!(more);
                MockReply::json(200, &page)
            }));
        });
        Ok(())
    }

    /// The requests this operation received, typed.
    #[must_use]
    pub fn requests(&self) -> Vec<MockRequest<P>> {
        lock(&self.server.state)
            .received
            .iter()
            .filter(|r| r.operation == self.operation)
            .map(MockRequest::from)
            .collect()
    }
}

/// A request an operation received.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct MockRequest<P> {
    /// Path parameters, in template order.
    pub path_params: Vec<String>,
    /// Query pairs.
    pub query: Vec<(String, String)>,
    /// Headers (lower-case names).
    pub headers: Vec<(String, String)>,
    /// The parameters, decoded into the operation's params type (`None` if they do not fit).
    pub params: Option<P>,
}

impl<P: DeserializeOwned> From<&Received> for MockRequest<P> {
    fn from(r: &Received) -> Self {
        MockRequest {
            path_params: r.path_params.clone(),
            query: r.query.clone(),
            headers: r.headers.clone(),
            params: serde_json::from_value(r.params.clone()).ok(),
        }
    }
}

struct Incoming {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
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

pub(crate) fn decode(text: &str) -> String {
    let bytes = text.replace('+', " ").into_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn matches(template: &str, path: &str) -> Option<Vec<String>> {
    let want: Vec<&str> = template.trim_matches('/').split('/').collect();
    let got: Vec<&str> = path.trim_matches('/').split('/').collect();
    if want.len() != got.len() {
        return None;
    }
    let mut params = Vec::new();
    for (w, g) in want.iter().zip(&got) {
        if w.starts_with('{') {
            if g.is_empty() {
                return None;
            }
            params.push(decode(g));
        } else if w != g {
            return None;
        }
    }
    Some(params)
}

fn coerce(text: &str, kind: Kind) -> Value {
    match kind {
        Kind::Integer => text.parse::<i64>().map_or_else(|_| json!(text), Value::from),
        Kind::Number => text.parse::<f64>().map_or_else(|_| json!(text), Value::from),
        Kind::Boolean => match text {
            "true" => json!(true),
            "false" => json!(false),
            other => json!(other),
        },
        Kind::Text | Kind::List => json!(text),
    }
}

fn invalid(status: u16, code: &str, message: String, param: Option<String>) -> MockReply {
    MockReply::json(
        status,
        &json!({"error": {"type": "invalid_request_error", "code": code, "message": message, "param": param}}),
    )
}

fn answer(state: &Mutex<State>, request: Incoming) -> MockReply {
    let (path, query_text) = request.target.split_once('?').unwrap_or((&request.target, ""));
    let query: Vec<(String, String)> = query_text
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect();
    let mut state = lock(state);
    let found = state.routes.iter().find_map(|r| {
        (r.method.eq_ignore_ascii_case(&request.method))
            .then(|| matches(r.path, path).map(|p| (*r, p)))
            .flatten()
    });
    let Some((route, path_params)) = found else {
        return MockReply::error(404, &format!("no operation for {} {path}", request.method));
    };
    let mut params = Map::new();
    for (name, kind) in route.query {
        let values: Vec<&String> = query.iter().filter(|(k, _)| k == name).map(|(_, v)| v).collect();
        match (kind, values.as_slice()) {
            (_, []) => {}
            (Kind::List, values) => {
                let list: Vec<Value> = values.iter().flat_map(|v| v.split(',')).map(|v| json!(v)).collect();
                params.insert((*name).to_owned(), Value::Array(list));
            }
            (kind, [value, ..]) => {
                params.insert((*name).to_owned(), coerce(value, *kind));
            }
        }
    }
    for (name, kind) in route.headers {
        if let Some((_, value)) = request.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)) {
            params.insert((*name).to_owned(), coerce(value, *kind));
        }
    }
    let content_type = request.headers.iter().find(|(k, _)| k == "content-type").map(|(_, v)| v.as_str());
    let body_json = body::to_json(route.request_media, content_type, &request.body);
    let received = Received {
        operation: route.operation,
        method: request.method.clone(),
        path: path.to_owned(),
        path_params,
        query,
        headers: request.headers.clone(),
        params: Value::Null,
    };
    let body = match body_json {
        Ok(body) => body,
        Err(error) => {
            state.received.push(received);
            return invalid(400, "invalid_body", error, None);
        }
    };
    let params = match (route.body_shape, body) {
        (BodyShape::Merge, Value::Object(fields)) => {
            params.extend(fields);
            Value::Object(params)
        }
        // The params type is the body itself (an array or a union of scalars, say).
        (BodyShape::Merge, body) if params.is_empty() && !body.is_null() => body,
        (BodyShape::Field(name), body) if !body.is_null() => {
            params.insert(name.to_owned(), body);
            Value::Object(params)
        }
        _ => Value::Object(params),
    };
    let mut received = Received { params: params.clone(), ..received };
    state.received.push(received.clone());
    let header =
        |name: &str| request.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v);
    let authorized = match route.auth {
        Auth::None => true,
        Auth::Bearer => header("authorization").is_some_and(|v| v.starts_with("Bearer ") && v.len() > 7),
        Auth::Header(name) => header(name).is_some_and(|v| !v.is_empty()),
        Auth::Query(name) => received.query.iter().any(|(k, v)| k == name && !v.is_empty()),
    };
    if !authorized {
        return MockReply::error(401, "Invalid or missing API key");
    }
    if let Err((path, message)) = (route.check)(&params) {
        // Form fields are text: numbers and booleans arrive spelled out.
        let form = matches!(route.request_media, Media::Form | Media::Multipart);
        let scalars = form.then(|| body::with_scalars(&params)).filter(|p| (route.check)(p).is_ok());
        match scalars {
            Some(params) => {
                if let Some(last) = state.received.last_mut() {
                    last.params = params.clone();
                }
                received.params = params;
            }
            None => {
                let param = (path != ".").then_some(path);
                return invalid(422, "parameter_invalid", format!("invalid parameters: {message}"), param);
            }
        }
    }
    let behaviour = state.behaviours.entry(route.operation).or_default();
    if let Some(handler) = behaviour.handler.clone() {
        // The user's handler runs without the state lock: it may call back into the server.
        drop(state);
        return handler(&received);
    }
    match behaviour.replies.len() {
        0 => MockReply::bytes(
            route.status,
            if route.response_media == Media::Json { "application/json" } else { route.content_type },
            route.body.as_bytes(),
        ),
        1 => behaviour.replies.front().cloned().unwrap_or_else(|| MockReply::status(500)),
        _ => behaviour.replies.pop_front().unwrap_or_else(|| MockReply::status(500)),
    }
}
