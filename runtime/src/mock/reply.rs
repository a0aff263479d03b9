//! Canned replies: JSON, errors in the API's envelope, bytes, delays and headers.

use std::time::Duration;

use serde::Serialize;
use serde_json::{json, Value};

use crate::mock::body::Media;
use crate::mock::routes::Route;

/// A canned reply.
#[derive(Debug, Clone)]
pub struct MockReply {
    pub(crate) status: u16,
    pub(crate) body: Vec<u8>,
    pub(crate) content_type: Option<String>,
    pub(crate) delay: Duration,
    pub(crate) headers: Vec<(String, String)>,
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
    pub(crate) fn typed<T: Serialize>(route: Option<&Route>, status: u16, value: &T) -> Self {
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
