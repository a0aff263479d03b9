//! Receiving Whop webhook deliveries (the Standard Webhooks scheme the official SDKs use):
//! verifying them, decoding them into typed events, and signing test deliveries.
//!
//! A delivery carries `webhook-id`, `webhook-timestamp` (Unix seconds) and
//! `webhook-signature` (space-separated `v1,<base64 HMAC-SHA256>` entries) headers. The
//! signature covers `<id>.<timestamp>.<body>` with the webhook secret: `whsec_<base64>`, or
//! the raw secret text as Whop shows it. A delivery is accepted when any `v1` signature
//! matches (compared in constant time) and the timestamp is within five minutes of now.

//!
//! Decoding typed events needs nothing more; verifying and signing (HMAC) are the `webhooks`
//! feature (on by default), so a build without it never compiles `ring`.

mod error;
mod event;
mod headers;
#[cfg(feature = "webhooks")]
mod signing;

use std::time::Duration;

pub use error::WebhookError;
pub use event::FromWebhook;
#[doc(hidden)]
pub use event::{decode as decode_payload, event_type};
pub use headers::{HeaderPair, WebhookHeaders};
#[cfg(feature = "webhooks")]
pub use signing::{SignedDelivery, Webhooks};

/// The environment variable [`Webhooks::from_env`] reads the secret from.
pub const WEBHOOK_SECRET_ENV: &str = "WHOP_WEBHOOK_SECRET";

/// How far a delivery's timestamp may be from now.
pub const TOLERANCE: Duration = Duration::from_secs(5 * 60);
