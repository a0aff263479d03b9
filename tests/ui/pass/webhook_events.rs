// The webhook events enum, its accessors and the receiver API compile without warnings or
// missing docs, in a crate that only receives events.
#![deny(warnings, missing_docs)]
//! A webhook receiver.

/// The generated events.
pub mod whop {
    whop_api::whop_api!("../../../spec/whop-webhooks-sample.yml", webhooks_only = true);
}

use whop::Event;

/// What a handler does with a delivery.
///
/// # Errors
/// When the delivery is not authentic or does not decode.
pub fn handle(headers: &whop_api::header::HeaderMap, body: &[u8]) -> Result<String, whop_api::WebhookError> {
    let event: Event = whop_api::Webhooks::from_env()?.verify_event(headers, body)?;
    let when = event.timestamp().map(|t| t.to_rfc3339()).unwrap_or_default();
    Ok(match event {
        Event::PaymentSucceeded(paid) => format!("{} paid at {when}", paid.data.id),
        Event::RefundCreated(refund) => format!("refund {}", refund.data.id),
        Event::Unknown(json) => format!("unknown {json}"),
        other => format!("{} {}", other.event_type(), other.id().unwrap_or_default()),
    })
}

fn main() {
    let _ = handle(&whop_api::header::HeaderMap::new(), b"{}");
}
