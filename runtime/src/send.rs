//! Sending a request: building it with auth and headers, one attempt, and retrying until a
//! 2xx status, a final error, or the retry budget is spent.

use std::time::{Duration, Instant};

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, AUTHORIZATION, CONTENT_TYPE, USER_AGENT};
use reqwest::StatusCode;
use tracing::Instrument;

use crate::call::RequestOptions;
use crate::client::Client;
use crate::error::{request_id, ApiError, Error};
use crate::request::{Auth, RequestSpec};
use crate::retry;

/// Sends with retries; returns the first 2xx response, or the error that ended the attempts.
pub(crate) async fn send(
    client: &Client,
    request: &RequestSpec,
    options: &RequestOptions,
    reading: Reading,
) -> Result<(StatusCode, HeaderMap, Body), Error> {
    if let Some(problem) = &request.invalid {
        return Err(Error::Request(problem.clone()));
    }
    let span = tracing::debug_span!(
        "whop_api.request",
        method = %request.method,
        path = %request.path,
        operation = request.operation,
    );
    send_with_retries(client, request, options, reading).instrument(span).await
}

async fn send_with_retries(
    client: &Client,
    request: &RequestSpec,
    options: &RequestOptions,
    reading: Reading,
) -> Result<(StatusCode, HeaderMap, Body), Error> {
    let inner = &client.inner;
    let max_retries = options.max_retries.unwrap_or(inner.max_retries);
    let timeout = options.timeout.unwrap_or(inner.timeout);
    // One key per call, made before the first attempt, so every retry carries the same one.
    let generated_key = request
        .needs_idempotency_key(|name| {
            options.idempotency_key.is_some()
                || options.headers.iter().any(|(h, _)| h.eq_ignore_ascii_case(name))
        })
        .map(|name| (name, crate::idempotency::new_key()));
    let attempts =
        Attempts { client, operation: request.operation, describe: request.describe(), max_retries, reading };
    attempts
        .run(|| {
            let mut built = build(client, request, options, timeout)?;
            if let Some((name, key)) = &generated_key {
                built.headers_mut().insert(header_name(name)?, header_value(key)?);
            }
            Ok(built)
        })
        .await
}

/// What the retry loop needs to know about the request it repeats.
pub(crate) struct Attempts<'a> {
    pub(crate) client: &'a Client,
    /// For API errors.
    pub(crate) operation: &'static str,
    /// `METHOD /path`, for timeouts and connection errors; never a URL's query.
    pub(crate) describe: String,
    pub(crate) max_retries: u32,
    pub(crate) reading: Reading,
}

impl Attempts<'_> {
    /// Sends what `build` makes until a 2xx status, a final error, or the retry budget is spent.
    pub(crate) async fn run(
        self,
        build: impl Fn() -> Result<reqwest::Request, Error>,
    ) -> Result<(StatusCode, HeaderMap, Body), Error> {
        let inner = &self.client.inner;
        let mut attempt: u32 = 0;
        loop {
            let started = Instant::now();
            let outcome = attempt_once(&inner.http, build()?, self.reading).await;
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
            let retries_left = attempt < self.max_retries;
            let wait = match outcome {
                Ok((status, headers, body)) if status.is_success() => return Ok((status, headers, body)),
                Ok((status, headers, body)) => {
                    if retries_left && retry::should_retry(status, &headers) {
                        retry::delay(attempt, Some(&headers), inner.backoff)
                    } else {
                        return Err(Error::Api(Box::new(ApiError::new(
                            self.operation,
                            status,
                            headers,
                            &body.into_bytes(),
                        ))));
                    }
                }
                Err(error) => {
                    if retries_left {
                        retry::delay(attempt, None, inner.backoff)
                    } else {
                        return Err(match error {
                            Failure::Timeout => {
                                Error::Timeout { request: self.describe, attempts: attempt + 1 }
                            }
                            Failure::Transport { status, request_id, source } => {
                                Error::Connection { request: self.describe, status, request_id, source }
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

/// Whether a success body is read before the call returns, or handed back unread.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reading {
    Whole,
    Stream,
}

/// A response body: read, or (a success when streaming) still on the connection.
#[derive(Debug)]
pub(crate) enum Body {
    Read(Bytes),
    Unread(reqwest::Response),
}

impl Body {
    pub(crate) fn into_bytes(self) -> Bytes {
        match self {
            Body::Read(bytes) => bytes,
            Body::Unread(_) => Bytes::new(),
        }
    }
}

async fn attempt_once(
    http: &reqwest::Client,
    built: reqwest::Request,
    reading: Reading,
) -> Result<(StatusCode, HeaderMap, Body), Failure> {
    let response = http.execute(built).await.map_err(|e| transport(e, None, None))?;
    let status = response.status();
    let headers = response.headers().clone();
    if reading == Reading::Stream && status.is_success() {
        return Ok((status, headers, Body::Unread(response)));
    }
    let body = response.bytes().await.map_err(|e| transport(e, Some(status), request_id(&headers)))?;
    Ok((status, headers, Body::Read(body)))
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
    let mut headers = inner.default_headers.clone();
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
    let mut own = HeaderMap::new();
    for (name, value) in &request.headers {
        own.append(header_name(name)?, header_value(value)?);
    }
    // Extending from a map replaces every value of a name: an operation's header parameter
    // beats a client default of the same name.
    headers.extend(own);
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

pub(crate) fn header_value(text: &str) -> Result<HeaderValue, Error> {
    // The message never repeats the value: it may be the API key.
    HeaderValue::from_str(text)
        .map_err(|_| Error::Request("a header value contains characters HTTP does not allow".to_owned()))
}

pub(crate) fn header_name(name: &str) -> Result<HeaderName, Error> {
    HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| Error::Request(format!("`{name}` is not a valid header name")))
}
