//! A success body read piece by piece, for downloads too large to hold in memory.

use bytes::Bytes;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;

use crate::error::{request_id, Error};
use crate::send::Body;

/// The unread success body of [`Call::download`](crate::Call::download).
#[derive(Debug)]
#[non_exhaustive]
pub struct Download {
    /// The status.
    pub status: StatusCode,
    /// The headers (`content-length` and `content-type` among them).
    pub headers: HeaderMap,
    /// The request id header, if present.
    pub request_id: Option<String>,
    request: String,
    body: Option<Body>,
}

impl Download {
    pub(crate) fn new(status: StatusCode, headers: HeaderMap, body: Body, request: String) -> Self {
        Download { status, request_id: request_id(&headers), headers, request, body: Some(body) }
    }

    /// The next piece of the body, or `None` at its end.
    ///
    /// # Errors
    /// [`Error::Connection`] when the connection breaks or the call's timeout passes mid-body.
    pub async fn chunk(&mut self) -> Result<Option<Bytes>, Error> {
        match self.body.as_mut() {
            Some(Body::Unread(response)) => response.chunk().await.map_err(|source| Error::Connection {
                request: self.request.clone(),
                status: Some(self.status),
                request_id: self.request_id.clone(),
                source: source.without_url(),
            }),
            Some(Body::Read(_)) => match self.body.take() {
                Some(Body::Read(bytes)) if !bytes.is_empty() => Ok(Some(bytes)),
                _ => Ok(None),
            },
            None => Ok(None),
        }
    }
}
