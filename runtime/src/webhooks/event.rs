//! Typed events: decoding an authentic body into the generated events enum, and the
//! delivery a test builds to drive a handler.

use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::header::HeaderMap;
use crate::webhooks::WebhookError;

/// A type a verified delivery's body decodes into. `whop_api!` implements it for the
/// `WebhookEvent` enum it generates from the spec's `webhooks`; call it through
/// [`Webhooks::verify_event`](crate::Webhooks::verify_event), or directly to decode an event
/// stored earlier.
pub trait FromWebhook: Sized {
    /// Decodes a body (already verified, or trusted).
    ///
    /// # Errors
    /// [`WebhookError::Decode`] with the JSON path of the value that does not fit.
    fn from_webhook(body: &[u8]) -> Result<Self, WebhookError>;
}

/// A signed delivery, as Whop would send it: for testing handlers.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct SignedDelivery {
    /// The `webhook-id`, `webhook-timestamp` and `webhook-signature` headers.
    pub headers: HeaderMap,
    /// The JSON body.
    pub body: Vec<u8>,
}

impl SignedDelivery {
    /// POSTs the delivery to `url` (your handler, running locally), as Whop would: the JSON
    /// body with the three headers. The status your handler answered.
    ///
    /// # Errors
    /// [`crate::Error::Connection`] when nothing answers at `url`.
    pub async fn post_to(&self, url: &str) -> Result<crate::StatusCode, crate::Error> {
        crate::client::install_crypto_provider();
        let response = reqwest::Client::new()
            .post(url)
            .headers(self.headers.clone())
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(self.body.clone())
            .send()
            .await
            .map_err(|source| crate::Error::Connection {
                request: format!("POST {url} (webhook delivery)"),
                status: None,
                request_id: None,
                source: source.without_url(),
            })?;
        Ok(response.status())
    }

    /// The headers as name/value pairs, for frameworks without an `http::HeaderMap`.
    #[must_use]
    pub fn header_pairs(&self) -> Vec<(String, String)> {
        self.headers
            .iter()
            .map(|(name, value)| {
                (name.as_str().to_owned(), String::from_utf8_lossy(value.as_bytes()).into_owned())
            })
            .collect()
    }
}

/// The payload's `type` property, if it is a string: what picks the event's variant.
///
/// # Errors
/// [`WebhookError::Decode`] when the body is not a JSON object.
#[doc(hidden)]
pub fn event_type(body: &[u8]) -> Result<Option<String>, WebhookError> {
    #[derive(Deserialize)]
    struct Peek {
        #[serde(rename = "type", default)]
        kind: Option<serde_json::Value>,
    }
    let peek: Peek = decode(body)?;
    Ok(match peek.kind {
        Some(serde_json::Value::String(kind)) => Some(kind),
        _ => None,
    })
}

/// Decodes a payload, with the JSON path of the value that does not fit on failure.
///
/// # Errors
/// [`WebhookError::Decode`].
#[doc(hidden)]
pub fn decode<T: DeserializeOwned>(body: &[u8]) -> Result<T, WebhookError> {
    serde_json::from_slice(body).map_err(|source| {
        // Decoding again with path tracking costs only on failure.
        let mut deserializer = serde_json::Deserializer::from_slice(body);
        let path = match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
            Err(error) => error.path().to_string(),
            Ok(_) => String::from("."),
        };
        WebhookError::Decode { path, source }
    })
}
