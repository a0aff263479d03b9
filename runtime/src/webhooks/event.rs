//! Typed events: decoding an authentic body into the generated events enum.

use serde::de::DeserializeOwned;
use serde::Deserialize;

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
    serde_json::from_slice(body)
        .map_err(|source| WebhookError::Decode { path: crate::error::misfit_path::<T>(body), source })
}
