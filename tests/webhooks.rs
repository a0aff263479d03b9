//! Typed webhook events from the spec's `webhooks` map (`spec/whop-webhooks-sample.yml`, six
//! events): each event's payload, built from the spec's schema, signed, verified and decoded
//! into its own variant; unknown events kept as JSON; every way a delivery is rejected.
#![deny(warnings)]

mod whop {
    whop_api::whop_api!("spec/whop-webhooks-sample.yml", mock = true);
}

/// A receiver that never calls the API: only the events are generated.
mod receiver {
    whop_api::whop_api!("spec/whop-webhooks-sample.yml", webhooks_only = true);
}

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};
use whop::mock::WEBHOOK_EXAMPLES;
use whop::Event;
use whop_api::{FromWebhook, WebhookError, Webhooks};

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

fn hooks() -> Webhooks {
    Webhooks::new(SECRET).expect("valid secret")
}

/// The spec's example payload of `kind` with distinctive values in the fields checked below.
fn payload(kind: &str, n: usize) -> Value {
    let (_, json) = WEBHOOK_EXAMPLES.iter().find(|(k, _)| *k == kind).expect("example for every event");
    let mut value: Value = serde_json::from_str(json).expect("examples are JSON");
    value["id"] = json!(format!("msg_{n}"));
    value["timestamp"] = json!(format!("2026-11-0{}T10:00:00Z", n + 1));
    value["data"]["id"] = json!(format!("obj_{n}"));
    value
}

fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).expect("clock after 1970").as_secs()
}

#[test]
fn every_event_is_verified_and_decoded_into_its_own_variant() {
    let kinds: Vec<&str> = WEBHOOK_EXAMPLES.iter().map(|(kind, _)| *kind).collect();
    assert_eq!(
        kinds,
        [
            "invoice.paid",
            "membership.activated",
            "membership.deactivated",
            "payment.failed",
            "payment.succeeded",
            "refund.created"
        ]
    );
    for (n, kind) in kinds.iter().enumerate() {
        let sent = payload(kind, n);
        let delivery = hooks().sign_delivery(sent.to_string());
        let event: Event = hooks().verify_event(&delivery.headers, &delivery.body).expect(kind);
        let data_id = match (*kind, &event) {
            ("invoice.paid", Event::InvoicePaid(e)) => &e.data.id,
            ("membership.activated", Event::MembershipActivated(e)) => &e.data.id,
            ("membership.deactivated", Event::MembershipDeactivated(e)) => &e.data.id,
            ("payment.failed", Event::PaymentFailed(e)) => &e.data.id,
            ("payment.succeeded", Event::PaymentSucceeded(e)) => &e.data.id,
            ("refund.created", Event::RefundCreated(e)) => &e.data.id,
            (kind, other) => panic!("{kind} decoded into the wrong variant: {other:?}"),
        };
        assert_eq!(data_id, &format!("obj_{n}"));
        assert_eq!(event.event_type(), *kind);
        assert_eq!(event.id(), Some(format!("msg_{n}").as_str()));
        let timestamp = event.timestamp().expect("every payload has a timestamp");
        assert_eq!(timestamp.to_rfc3339(), format!("2026-11-0{}T10:00:00+00:00", n + 1));
        // What the typed event writes reads back as the same event.
        let written = serde_json::to_vec(&event).expect("serialises");
        assert_eq!(Event::from_webhook(&written).expect("reads back"), event, "{kind}");
    }
}

#[test]
fn typed_events_are_signed_and_read_back_through_every_header_shape() {
    let delivery = hooks().sign_delivery(payload("payment.succeeded", 4).to_string());
    let Event::PaymentSucceeded(mut payment) =
        hooks().verify_event(&delivery.headers, &delivery.body).expect("valid")
    else {
        panic!("not a payment.succeeded event");
    };
    payment.data.id = "pay_edited".to_owned();
    let event = Event::PaymentSucceeded(payment);
    let signed = hooks().sign_event(&event).expect("serialises");

    // http::HeaderMap, a Vec of owned pairs, and an array of borrowed pairs.
    let from_map: Event = hooks().verify_event(&signed.headers, &signed.body).expect("header map");
    let from_pairs: Event = hooks().verify_event(signed.header_pairs(), &signed.body).expect("pairs");
    let pairs = signed.header_pairs();
    let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let upper: Vec<(String, &str)> = borrowed.iter().map(|(k, v)| (k.to_uppercase(), *v)).collect();
    let from_slice: Event = hooks().verify_event(borrowed.as_slice(), &signed.body).expect("slice");
    let from_upper: Event = hooks().verify_event(&upper, &signed.body).expect("names match in any case");
    for decoded in [from_map, from_pairs, from_slice, from_upper] {
        assert_eq!(decoded, event);
    }

    // Through the generated client, with the secret given to its builder.
    let client = whop::Client::builder().api_key("sk_test").webhook_secret(SECRET).build().expect("client");
    assert_eq!(client.verify_webhook(&signed.headers, &signed.body).expect("client verifies"), event);

    // And the receiver-only expansion decodes the same bytes into its own enum.
    let received: receiver::Event = hooks().verify_event(&signed.headers, &signed.body).expect("receiver");
    assert_eq!(received.event_type(), "payment.succeeded");
}

#[test]
fn an_event_type_the_spec_does_not_list_is_kept_as_json() {
    let sent = json!({
        "id": "msg_new",
        "type": "course.completed",
        "timestamp": "2026-11-30T08:00:00Z",
        "data": {"id": "crs_1", "lessons": [1, 2, 3], "nested": {"a": null}}
    });
    let delivery = hooks().sign_delivery(sent.to_string());
    let event: Event =
        hooks().verify_event(&delivery.headers, &delivery.body).expect("unknown events are valid");
    assert_eq!(event, Event::Unknown(sent.clone()));
    assert_eq!(event.event_type(), "course.completed");
    assert_eq!(event.id(), Some("msg_new"));
    assert_eq!(event.timestamp().map(|t| t.to_rfc3339()).as_deref(), Some("2026-11-30T08:00:00+00:00"));
    // Without a `type` at all it is still kept.
    let untyped = Event::from_webhook(br#"{"hello":"world"}"#).expect("decodes");
    assert_eq!(untyped.event_type(), "");
    assert_eq!(untyped, Event::Unknown(json!({"hello": "world"})));
}

#[test]
fn each_rejected_delivery_has_its_typed_error() {
    let body = payload("refund.created", 5).to_string();
    let delivery = hooks().sign_delivery(body.clone());

    let tampered = body.replace("obj_5", "obj_6");
    assert!(matches!(
        hooks().verify_event::<Event>(&delivery.headers, tampered.as_bytes()),
        Err(WebhookError::InvalidSignature)
    ));

    let other = Webhooks::new("whsec_c2VjcmV0LW9mLXNvbWVvbmUtZWxzZQ==").expect("valid secret");
    assert!(matches!(
        other.verify_event::<Event>(&delivery.headers, body.as_bytes()),
        Err(WebhookError::InvalidSignature)
    ));

    let stale = hooks().sign_headers("msg_old", now() - 10 * 60, body.as_bytes()).expect("headers");
    assert!(matches!(
        hooks().verify_event::<Event>(&stale, body.as_bytes()),
        Err(WebhookError::TimestampOutOfTolerance)
    ));

    let mut unsigned = delivery.headers.clone();
    unsigned.remove("webhook-signature");
    let missing = hooks().verify_event::<Event>(&unsigned, body.as_bytes());
    assert!(matches!(missing, Err(WebhookError::MissingHeader("webhook-signature"))), "{missing:?}");

    // Authentic, but the payload does not fit its event's type: the error names where.
    let mut wrong = payload("refund.created", 5);
    wrong["data"]["id"] = json!(42);
    let delivery = hooks().sign_delivery(wrong.to_string());
    match hooks().verify_event::<Event>(&delivery.headers, &delivery.body) {
        Err(WebhookError::Decode { path, .. }) => assert_eq!(path, "data.id"),
        other => panic!("expected a decode error, got {other:?}"),
    }
    let not_json = hooks().sign_delivery("not json");
    assert!(matches!(
        hooks().verify_event::<Event>(&not_json.headers, &not_json.body),
        Err(WebhookError::Decode { .. })
    ));
}

#[test]
fn a_client_without_a_secret_says_so() {
    // No secret given, and none in the environment (the tests never set WHOP_WEBHOOK_SECRET).
    let client = whop::Client::builder().api_key("sk_test").build().expect("client");
    let delivery = hooks().sign_delivery(payload("invoice.paid", 0).to_string());
    assert!(matches!(
        client.verify_webhook(&delivery.headers, &delivery.body),
        Err(WebhookError::InvalidSecret)
    ));
    assert!(whop::Client::builder().api_key("sk_test").webhook_secret("whsec_!!").build().is_err());
}

#[tokio::test]
async fn a_signed_event_is_delivered_to_a_local_handler() {
    let server = wiremock::MockServer::start().await;
    wiremock::Mock::given(wiremock::matchers::method("POST"))
        .and(wiremock::matchers::path("/hooks/whop"))
        .respond_with(wiremock::ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let event = Event::from_webhook(payload("invoice.paid", 0).to_string().as_bytes()).expect("decodes");
    let delivery = hooks().sign_event(&event).expect("serialises");
    let status = delivery.post_to(&format!("{}/hooks/whop", server.uri())).await.expect("delivered");
    assert_eq!(status.as_u16(), 204);

    // What the handler received verifies and decodes into the event that was sent.
    let received = server.received_requests().await.expect("recorded");
    assert_eq!(received.len(), 1);
    let request = &received[0];
    assert_eq!(
        request.headers.get("content-type").map(|v| v.as_bytes()),
        Some(b"application/json".as_slice())
    );
    let decoded: Event = hooks().verify_event(&request.headers, &request.body).expect("authentic");
    assert_eq!(decoded, event);

    let nobody = "http://127.0.0.1:9/hooks";
    assert!(matches!(delivery.post_to(nobody).await, Err(whop_api::Error::Connection { .. })));
}
