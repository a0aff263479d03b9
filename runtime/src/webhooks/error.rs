//! Why a webhook delivery was rejected.

use std::fmt;

/// Why a delivery was rejected, or a test delivery could not be built.
#[derive(Debug)]
#[non_exhaustive]
pub enum WebhookError {
    /// A required header is missing or not text.
    MissingHeader(&'static str),
    /// `webhook-timestamp` is not a Unix time in seconds.
    InvalidTimestamp,
    /// The timestamp is more than the tolerance (five minutes) from now: a replay, or a
    /// skewed clock.
    TimestampOutOfTolerance,
    /// No `v1` signature matches the body.
    InvalidSignature,
    /// The secret is not `whsec_<base64>` or usable text, or none is configured.
    InvalidSecret,
    /// The body is authentic but does not decode into the type asked for.
    Decode {
        /// Where in the body the value that did not fit is (`data.status`; `.` for the top).
        path: String,
        /// What did not fit, with the line and column in the body.
        source: serde_json::Error,
    },
    /// A test payload could not be written as JSON.
    Encode(serde_json::Error),
    /// A test delivery's header value is not valid header text.
    InvalidHeader(&'static str),
}

impl fmt::Display for WebhookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WebhookError::MissingHeader(name) => write!(f, "webhook delivery has no `{name}` header"),
            WebhookError::InvalidTimestamp => f.write_str("webhook-timestamp is not a Unix time in seconds"),
            WebhookError::TimestampOutOfTolerance => {
                f.write_str("webhook timestamp is more than five minutes from now")
            }
            WebhookError::InvalidSignature => f.write_str("no webhook signature matches the body"),
            WebhookError::InvalidSecret => {
                f.write_str("the webhook secret is missing or not valid (expected whsec_<base64>)")
            }
            WebhookError::Decode { path, source } => {
                write!(f, "the webhook payload does not match the spec at `{path}`: {source}")
            }
            WebhookError::InvalidHeader(name) => write!(f, "the `{name}` value is not valid header text"),
            WebhookError::Encode(error) => {
                write!(f, "the webhook payload cannot be written as JSON: {error}")
            }
        }
    }
}

impl std::error::Error for WebhookError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WebhookError::Decode { source, .. } | WebhookError::Encode(source) => Some(source),
            _ => None,
        }
    }
}
