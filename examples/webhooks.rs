//! Verify a webhook delivery as your HTTP handler would receive it.
//!
//! `cargo run --example webhooks` signs a sample delivery with a demo secret (or with
//! `WHOP_WEBHOOK_SECRET` when set), verifies it, then shows a tampered copy rejected.

use std::time::{SystemTime, UNIX_EPOCH};

use whop_api::header::{HeaderMap, HeaderValue};
use whop_api::Webhooks;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let secret = std::env::var(whop_api::WEBHOOK_SECRET_ENV)
        .unwrap_or_else(|_| "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".to_owned());
    let webhooks = Webhooks::new(&secret)?;

    // What Whop sends: a JSON body and three headers.
    let body = br#"{"type":"membership.activated","data":{"id":"mem_123","status":"active"}}"#;
    let timestamp = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs();
    let mut headers = HeaderMap::new();
    headers.insert("webhook-id", HeaderValue::from_static("msg_2xYzExample"));
    headers.insert("webhook-timestamp", HeaderValue::from_str(&timestamp.to_string())?);
    headers.insert(
        "webhook-signature",
        HeaderValue::from_str(&webhooks.sign("msg_2xYzExample", timestamp, body))?,
    );

    // In your handler: verify, then use the parsed event.
    let event: serde_json::Value = webhooks.verify(body, &headers)?;
    println!("verified {} for {}", event["type"], event["data"]["id"]);

    let tampered = br#"{"type":"membership.activated","data":{"id":"mem_999","status":"active"}}"#;
    match webhooks.verify::<serde_json::Value>(tampered, &headers) {
        Ok(_) => println!("tampered body accepted?!"),
        Err(error) => println!("tampered body rejected: {error}"),
    }
    Ok(())
}
