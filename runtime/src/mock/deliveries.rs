//! Webhook deliveries from the mock (with the `webhooks` feature): signed with the mock's own
//! secret as Whop signs them, posted to the handler URL the test registered, each recorded with
//! the handler's answer. The store sends its collections' lifecycle events the same way when
//! asked to ([`MockServer::emit_lifecycle_events`]).

use std::sync::{Arc, Mutex};

use serde::Serialize;
use serde_json::Value;

use crate::mock::server::{lock, MockServer, State};
use crate::webhooks::Webhooks;

/// One delivery the mock made.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct MockDelivery {
    /// The event's `type`.
    pub event_type: String,
    /// The JSON body sent.
    pub body: String,
    /// The handler's status; `None` when nothing answered.
    pub status: Option<u16>,
}

/// Where deliveries go, and what was delivered.
pub(crate) struct Outbox {
    pub(crate) target: Option<String>,
    pub(crate) secret: String,
    pub(crate) lifecycle: bool,
    /// Lifecycle events the store made, for the server to send once the lock is released.
    pub(crate) pending: Vec<(String, Vec<u8>)>,
    pub(crate) delivered: Vec<MockDelivery>,
}

/// Sends the store's pending lifecycle events, each in a task of its own; the handler's
/// answers land in the deliveries as they come.
pub(crate) fn send_pending(state: &Arc<Mutex<State>>) {
    let (pending, secret) = {
        let mut locked = lock(state);
        (std::mem::take(&mut locked.outbox.pending), locked.outbox.secret.clone())
    };
    for (event_type, body) in pending {
        tokio::spawn(deliver(state.clone(), secret.clone(), event_type, body));
    }
}

/// A fresh `whsec_` secret.
pub(crate) fn new_secret() -> String {
    use base64::Engine;
    let mut bytes = [0u8; 24];
    if getrandom::getrandom(&mut bytes).is_err() {
        // A test secret only needs to differ between mocks.
        bytes[..16].copy_from_slice(&crate::idempotency::new_key().as_bytes()[..16]);
    }
    format!("whsec_{}", base64::engine::general_purpose::STANDARD.encode(bytes))
}

/// Signs `body` with `secret`, POSTs it to the outbox's target and records the answer.
pub(crate) async fn deliver(
    state: Arc<Mutex<State>>,
    secret: String,
    event_type: String,
    body: Vec<u8>,
) -> Option<u16> {
    let target = lock(&state).outbox.target.clone()?;
    let webhooks = Webhooks::new(&secret).ok()?;
    let delivery = webhooks.sign_delivery(body.clone());
    let status = delivery.post_to(&target).await.ok().map(|s| s.as_u16());
    let record = MockDelivery { event_type, body: String::from_utf8_lossy(&body).into_owned(), status };
    lock(&state).outbox.delivered.push(record);
    status
}

impl MockServer {
    /// The secret the mock signs deliveries with (`whsec_...`): give it to the handler under
    /// test, or verify with [`webhooks`](Self::webhooks).
    #[must_use]
    pub fn webhook_secret(&self) -> &str {
        &self.webhook_secret
    }

    /// A receiver for the mock's deliveries.
    ///
    /// # Errors
    /// Never in practice: the secret is one the mock made.
    pub fn webhooks(&self) -> Result<Webhooks, crate::WebhookError> {
        Webhooks::new(&self.webhook_secret)
    }

    /// Sends webhook deliveries to `url` (the test's handler) from now on.
    pub fn deliver_webhooks_to(&self, url: impl Into<String>) {
        lock(&self.state).outbox.target = Some(url.into());
    }

    /// Makes the store send its collections' lifecycle events (`<thing>.created`, `.updated`,
    /// `.deleted`, where the spec's `webhooks` map has them with the collection's type as the
    /// payload's `data`) to the handler, as each change happens. Off by default.
    pub fn emit_lifecycle_events(&self, on: bool) {
        lock(&self.state).outbox.lifecycle = on;
    }

    /// Signs `event` (a typed event, or any JSON with a `type`) with the mock's secret and
    /// POSTs it to the handler; returns the handler's status, `None` when no handler is
    /// registered or nothing answered. Recorded in [`deliveries`](Self::deliveries) either way
    /// a handler is registered.
    ///
    /// # Errors
    /// When `event` does not serialise.
    pub async fn emit<E: Serialize + ?Sized>(&self, event: &E) -> Result<Option<u16>, serde_json::Error> {
        let body = serde_json::to_vec(event)?;
        let event_type = serde_json::from_slice::<Value>(&body)
            .ok()
            .and_then(|v| v.get("type").and_then(Value::as_str).map(str::to_owned))
            .unwrap_or_default();
        Ok(deliver(self.state.clone(), self.webhook_secret.clone(), event_type, body).await)
    }

    /// Every delivery made, in order.
    #[must_use]
    pub fn deliveries(&self) -> Vec<MockDelivery> {
        lock(&self.state).outbox.delivered.clone()
    }
}
