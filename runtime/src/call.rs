//! Awaiting a generated operation: per-call options, sending with retries, decoding.

use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;
use std::time::{Duration, Instant};

use tracing::Instrument;

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, AUTHORIZATION, CONTENT_TYPE, USER_AGENT};
use reqwest::StatusCode;
use serde::de::DeserializeOwned;

use crate::client::Client;
use crate::error::{request_id, ApiError, Error};
use crate::request::{Auth, RequestSpec};
use crate::retry;

/// Settings for one call that override the client's.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct RequestOptions {
    /// The timeout of each attempt.
    pub timeout: Option<Duration>,
    /// How many times to retry.
    pub max_retries: Option<u32>,
    /// Extra headers.
    pub headers: Vec<(String, String)>,
    /// Extra query parameters.
    pub query: Vec<(String, String)>,
    /// An `Idempotency-Key` header, so a retried POST is not applied twice.
    pub idempotency_key: Option<String>,
}

impl RequestOptions {
    /// No overrides.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the per-attempt timeout.
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Sets the number of retries.
    #[must_use]
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }

    /// Adds a header.
    #[must_use]
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Adds a query parameter.
    #[must_use]
    pub fn query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push((name.into(), value.into()));
        self
    }

    /// Sets the `Idempotency-Key` header.
    #[must_use]
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }
}

/// A typed body with the response's status and headers.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Response<T> {
    /// The status.
    pub status: StatusCode,
    /// The headers.
    pub headers: HeaderMap,
    /// The request id header, if present.
    pub request_id: Option<String>,
    /// The decoded body.
    pub data: T,
}

/// A prepared operation call. `.await` it to send the request and get the typed body;
/// [`with_options`](Self::with_options) changes settings for this call only and
/// [`with_response`](Self::with_response) also returns the status and headers.
#[must_use = "a call does nothing until it is awaited"]
#[derive(Debug)]
pub struct Call<T> {
    client: Client,
    request: RequestSpec,
    options: RequestOptions,
    by_status: Option<StatusDecoder<T>>,
    raw: Option<RawDecoder<T>>,
    output: PhantomData<fn() -> T>,
}

/// Reads a text or binary success body as it is, instead of as JSON.
pub type RawDecoder<T> = fn(Bytes) -> Result<T, serde_json::Error>;

/// Decodes the body of the given status into one variant of a union of success bodies;
/// `None` leaves the body to `T`'s own `Deserialize`.
pub type StatusDecoder<T> = fn(u16, &[u8]) -> Option<Result<T, serde_json::Error>>;

impl<T: DeserializeOwned> Call<T> {
    /// Prepares a call (used by generated code).
    pub fn new(client: &Client, mut request: RequestSpec) -> Self {
        request.seal();
        Call {
            client: client.clone(),
            request,
            options: RequestOptions::default(),
            by_status: None,
            raw: None,
            output: PhantomData,
        }
    }

    /// Reads the success body as text or bytes (used by generated code for operations whose
    /// success response is not JSON).
    #[doc(hidden)]
    pub fn decode_raw(mut self, decoder: RawDecoder<T>) -> Self {
        self.raw = Some(decoder);
        self
    }

    /// Picks the success body's type by status (used by generated code for operations whose
    /// 2xx responses have different bodies).
    #[doc(hidden)]
    pub fn decode_by_status(mut self, decoder: StatusDecoder<T>) -> Self {
        self.by_status = Some(decoder);
        self
    }

    /// Every item of this list call, page after page (used by generated `<op>_stream`
    /// methods, so they reuse the plain method's request instead of building it again).
    /// `split` turns a page into its items and the next page's cursor.
    #[doc(hidden)]
    pub fn paginate<I>(
        self,
        cursor_param: &'static str,
        split: fn(T) -> (Vec<I>, Option<String>),
    ) -> crate::Paginator<T, I>
    where
        T: Send + 'static,
    {
        crate::Paginator::new(&self.client, self.request, cursor_param, split).with_options(self.options)
    }

    /// Overrides settings for this call.
    pub fn with_options(mut self, options: RequestOptions) -> Self {
        self.options = options;
        self
    }

    /// Sends the request and returns the body with the status and headers.
    ///
    /// # Errors
    /// Any [`Error`]: an API error status, a timeout, a broken connection, a body that does
    /// not match the spec.
    pub async fn with_response(self) -> Result<Response<T>, Error> {
        let (status, headers, body) = send(&self.client, &self.request, &self.options).await?;
        let data = decode(status, &headers, &body, self.by_status)?;
        Ok(Response { status, request_id: request_id(&headers), headers, data })
    }
}

impl<T: DeserializeOwned + Send + 'static> IntoFuture for Call<T> {
    type Output = Result<T, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<T, Error>> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let (status, headers, body) = send(&self.client, &self.request, &self.options).await?;
            match self.raw {
                Some(raw) => raw(body.clone()).map_err(|source| Error::Decode {
                    status,
                    body: String::from_utf8_lossy(&body).into_owned(),
                    request_id: request_id(&headers),
                    path: String::from("."),
                    source,
                }),
                None => decode(status, &headers, &body, self.by_status),
            }
        })
    }
}

/// An empty body decodes as JSON `null`, so operations without a response body yield `()`.
/// Only a failed decode pays for finding the path of the value that did not fit.
fn decode<T: DeserializeOwned>(
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    by_status: Option<StatusDecoder<T>>,
) -> Result<T, Error> {
    let json = if body.iter().all(u8::is_ascii_whitespace) { b"null".as_slice() } else { body };
    let decoded = match by_status.and_then(|decoder| decoder(status.as_u16(), json)) {
        Some(result) => result,
        None => serde_json::from_slice(json),
    };
    decoded.map_err(|source| {
        let mut deserializer = serde_json::Deserializer::from_slice(json);
        let path = match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
            Err(error) => error.path().to_string(),
            Ok(_) => String::from("."),
        };
        Error::Decode {
            status,
            body: String::from_utf8_lossy(body).into_owned(),
            request_id: request_id(headers),
            path,
            source,
        }
    })
}

/// Sends with retries; returns the first 2xx response, or the error that ended the attempts.
async fn send(
    client: &Client,
    request: &RequestSpec,
    options: &RequestOptions,
) -> Result<(StatusCode, HeaderMap, Bytes), Error> {
    if let Some(problem) = &request.invalid {
        return Err(Error::Request(problem.clone()));
    }
    let span = tracing::debug_span!(
        "whop_api.request",
        method = %request.method,
        path = %request.path,
        operation = request.operation,
    );
    send_with_retries(client, request, options).instrument(span).await
}

async fn send_with_retries(
    client: &Client,
    request: &RequestSpec,
    options: &RequestOptions,
) -> Result<(StatusCode, HeaderMap, Bytes), Error> {
    let inner = &client.inner;
    let max_retries = options.max_retries.unwrap_or(inner.max_retries);
    let timeout = options.timeout.unwrap_or(inner.timeout);
    let mut attempt: u32 = 0;
    loop {
        let built = build(client, request, options, timeout)?;
        let started = Instant::now();
        let outcome = attempt_once(&inner.http, built).await;
        let elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
        match &outcome {
            Ok((status, _, _)) => {
                tracing::debug!(attempt = attempt + 1, status = status.as_u16(), elapsed_ms, "response")
            }
            Err(failure) => tracing::debug!(
                attempt = attempt + 1,
                failure = failure.describe(),
                elapsed_ms,
                "no response"
            ),
        }
        let retries_left = attempt < max_retries;
        let wait = match outcome {
            Ok((status, headers, body)) if status.is_success() => return Ok((status, headers, body)),
            Ok((status, headers, body)) => {
                if retries_left && retry::should_retry(status, &headers) {
                    retry::delay(attempt, Some(&headers))
                } else {
                    return Err(Error::Api(Box::new(ApiError::new(status, headers, &body))));
                }
            }
            Err(error) => {
                if retries_left {
                    retry::delay(attempt, None)
                } else {
                    return Err(match error {
                        Failure::Timeout => {
                            Error::Timeout { request: request.describe(), attempts: attempt + 1 }
                        }
                        Failure::Transport { status, request_id, source } => {
                            Error::Connection { request: request.describe(), status, request_id, source }
                        }
                    });
                }
            }
        };
        tracing::info!(
            attempt = attempt + 1,
            wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX),
            "retrying"
        );
        tokio::time::sleep(wait).await;
        attempt += 1;
    }
}

enum Failure {
    Timeout,
    Transport { status: Option<StatusCode>, request_id: Option<String>, source: reqwest::Error },
}

impl Failure {
    fn describe(&self) -> &'static str {
        match self {
            Failure::Timeout => "timeout",
            Failure::Transport { status: None, .. } => "connection",
            Failure::Transport { status: Some(_), .. } => "body",
        }
    }
}

async fn attempt_once(
    http: &reqwest::Client,
    built: reqwest::Request,
) -> Result<(StatusCode, HeaderMap, Bytes), Failure> {
    let response = http.execute(built).await.map_err(|e| transport(e, None, None))?;
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.bytes().await.map_err(|e| transport(e, Some(status), request_id(&headers)))?;
    Ok((status, headers, body))
}

fn transport(error: reqwest::Error, status: Option<StatusCode>, request_id: Option<String>) -> Failure {
    if error.is_timeout() {
        Failure::Timeout
    } else {
        Failure::Transport { status, request_id, source: error.without_url() }
    }
}

fn build(
    client: &Client,
    request: &RequestSpec,
    options: &RequestOptions,
    timeout: Duration,
) -> Result<reqwest::Request, Error> {
    let inner = &client.inner;
    let mut url = reqwest::Url::parse(&format!("{}{}", inner.base_url, request.path))
        .map_err(|e| Error::Request(format!("invalid URL for {}: {e}", request.describe())))?;
    let key = || {
        inner.api_key.as_ref().ok_or_else(|| {
            Error::Config(format!(
                "{} needs an API key; set WHOP_API_KEY or ClientBuilder::api_key",
                request.operation
            ))
        })
    };
    let has_query =
        !request.query.is_empty() || !options.query.is_empty() || matches!(request.auth, Auth::Query(_));
    if has_query {
        let mut pairs = url.query_pairs_mut();
        for (name, value) in &request.query {
            pairs.append_pair(name, value);
        }
        for (name, value) in &options.query {
            pairs.append_pair(name, value);
        }
        if let Auth::Query(name) = request.auth {
            pairs.append_pair(name, key()?.expose());
        }
    }
    let mut headers = HeaderMap::new();
    headers.insert(USER_AGENT, inner.user_agent.clone());
    match request.auth {
        Auth::Bearer => {
            key()?;
            if let Some(bearer) = &inner.bearer {
                headers.insert(AUTHORIZATION, bearer.clone());
            }
        }
        Auth::Header(name) => {
            let mut value = header_value(key()?.expose())?;
            value.set_sensitive(true);
            headers.insert(header_name(name)?, value);
        }
        Auth::None | Auth::Query(_) => {}
    }
    for (name, value) in &request.headers {
        headers.append(header_name(name)?, header_value(value)?);
    }
    if let Some(key) = &options.idempotency_key {
        headers.insert("idempotency-key", header_value(key)?);
    }
    for (name, value) in &options.headers {
        headers.insert(header_name(name)?, header_value(value)?);
    }
    let mut built = reqwest::Request::new(request.method.clone(), url);
    if let Some(body) = &request.body {
        // A content type the caller set in the call's options wins (a raw multipart body, say).
        if let (Some(content_type), false) = (&request.content_type, headers.contains_key(CONTENT_TYPE)) {
            headers.insert(CONTENT_TYPE, header_value(content_type)?);
        }
        // `Bytes` clones share the buffer: a retry does not copy the body.
        *built.body_mut() = Some(body.clone().into());
    }
    *built.headers_mut() = headers;
    *built.timeout_mut() = Some(timeout);
    Ok(built)
}

fn header_value(text: &str) -> Result<HeaderValue, Error> {
    // The message never repeats the value: it may be the API key.
    HeaderValue::from_str(text)
        .map_err(|_| Error::Request("a header value contains characters HTTP does not allow".to_owned()))
}

fn header_name(name: &str) -> Result<HeaderName, Error> {
    HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| Error::Request(format!("`{name}` is not a valid header name")))
}
