//! Receive typed webhook events, as your HTTP handler would.
//!
//! `cargo run --example webhooks` builds a `membership.activated` payload with the generated
//! constructors, signs it with a demo secret (or `WHOP_WEBHOOK_SECRET` when set), then verifies
//! and decodes it into the typed `Event` enum, the way a handler does with the body and headers
//! it receives. A tampered copy and an event type the spec does not list follow. Offline.

use whop_api::chrono::{TimeZone, Utc};
use whop_api::Webhooks;

/// Only the events: a receiver needs no API calls and no API key.
mod whop {
    whop_api::whop_api!("spec/whop-webhooks-sample.yml", webhooks_only = true);
}

use whop::{
    Event, Membership, MembershipActivatedWebhookEvent, MembershipPlan, MembershipProduct, MembershipStatus,
};

/// What a handler does with a delivery: verify, decode, act on the event it cares about.
fn handle(
    webhooks: &Webhooks,
    headers: &whop_api::header::HeaderMap,
    body: &[u8],
) -> Result<(), whop_api::WebhookError> {
    let event: Event = webhooks.verify_event(headers, body)?;
    // `id()` is the key to process each event once; `timestamp()` says when it was sent.
    println!("{} {} at {:?}", event.event_type(), event.id().unwrap_or("-"), event.timestamp());
    match event {
        Event::MembershipActivated(activated) => {
            println!(
                "  grant access: membership {} of product {}",
                activated.data.id, activated.data.product.title
            );
        }
        Event::PaymentSucceeded(paid) => println!("  payment {} succeeded", paid.data.id),
        Event::Unknown(json) => println!("  not in this spec; kept as JSON: {json}"),
        other => println!("  ignored: {}", other.event_type()),
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let secret = std::env::var(whop_api::WEBHOOK_SECRET_ENV)
        .unwrap_or_else(|_| "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".to_owned());
    let webhooks = Webhooks::new(&secret)?;

    // A test event, built from the spec's types as Whop would send it.
    let sent_at = Utc.with_ymd_and_hms(2026, 12, 1, 9, 30, 0).single().ok_or("valid date")?;
    let membership = Membership::new(
        "mem_123",
        false,
        None,
        None,
        sent_at,
        None,
        None,
        None,
        MembershipPlan::new("plan_1", None),
        MembershipProduct::new("prod_1", None, "Pro community"),
        None,
        MembershipStatus::Active,
        sent_at,
        None,
    );
    let event = MembershipActivatedWebhookEvent::new("msg_2xYzExample", None, membership, sent_at);
    let delivery = webhooks.sign_event(&event)?;
    handle(&webhooks, &delivery.headers, &delivery.body)?;

    let tampered = String::from_utf8_lossy(&delivery.body).replace("mem_123", "mem_999");
    match handle(&webhooks, &delivery.headers, tampered.as_bytes()) {
        Ok(()) => println!("tampered body accepted?!"),
        Err(error) => println!("tampered body rejected: {error}"),
    }

    let unknown = webhooks.sign_delivery(r#"{"type":"course.completed","id":"msg_3","data":{"id":"crs_1"}}"#);
    handle(&webhooks, &unknown.headers, &unknown.body)?;
    Ok(())
}
