//! Awaiting a generated operation: per-call options, the typed result, decoding.

use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;
use std::time::Duration;

use bytes::Bytes;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;

use crate::client::Client;
use crate::download::Download;
use crate::error::{misfit_path, request_id, Error};
use crate::request::RequestSpec;
use crate::send::{send, Reading};

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
    #[doc(hidden)]
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
        let (status, headers, body) =
            send(&self.client, &self.request, &self.options, Reading::Whole).await?;
        let data = self.decode_body(status, &headers, body.into_bytes())?;
        Ok(Response { status, request_id: request_id(&headers), headers, data })
    }

    /// Sends the request (retrying as usual until a 2xx status) and hands back the success
    /// body unread, to be read piece by piece: for downloads too large to hold in memory. The
    /// call's timeout still covers the whole download; raise it with
    /// [`RequestOptions::timeout`] for large files.
    ///
    /// # Errors
    /// As for awaiting the call, but the body is not decoded.
    pub async fn download(self) -> Result<Download, Error> {
        let (status, headers, body) =
            send(&self.client, &self.request, &self.options, Reading::Stream).await?;
        Ok(Download::new(status, headers, body, self.request.describe()))
    }

    fn decode_body(&self, status: StatusCode, headers: &HeaderMap, body: Bytes) -> Result<T, Error> {
        match self.raw {
            Some(raw) => raw(body.clone()).map_err(|source| Error::Decode {
                status,
                body: String::from_utf8_lossy(&body).into_owned(),
                request_id: request_id(headers),
                path: String::from("."),
                source,
            }),
            None => decode(status, headers, &body, self.by_status),
        }
    }
}

impl<T: DeserializeOwned + Send + 'static> IntoFuture for Call<T> {
    type Output = Result<T, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<T, Error>> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let (status, headers, body) =
                send(&self.client, &self.request, &self.options, Reading::Whole).await?;
            self.decode_body(status, &headers, body.into_bytes())
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
        let path = misfit_path::<T>(json);
        Error::Decode {
            status,
            body: String::from_utf8_lossy(body).into_owned(),
            request_id: request_id(headers),
            path,
            source,
        }
    })
}
