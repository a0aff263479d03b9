//! Verifying deliveries and signing test ones: HMAC-SHA256 over `<id>.<timestamp>.<body>`
//! with the webhook secret (feature `webhooks`).

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use ring::hmac;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::header::{HeaderMap, HeaderValue};
use crate::webhooks::event;
use crate::webhooks::headers::Delivery;
use crate::webhooks::{FromWebhook, WebhookError, WebhookHeaders, TOLERANCE, WEBHOOK_SECRET_ENV};

/// A webhook receiver holding the signing secret; it needs no API key. Its `Debug` output
/// never shows the secret.
#[derive(Clone)]
pub struct Webhooks {
    key: hmac::Key,
}

impl fmt::Debug for Webhooks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Webhooks { key: *** }")
    }
}

impl Webhooks {
    /// A receiver for `secret`: `whsec_<base64>`, or the raw secret text.
    ///
    /// # Errors
    /// [`WebhookError::InvalidSecret`] when it is empty or its `whsec_` part is not base64.
    pub fn new(secret: &str) -> Result<Self, WebhookError> {
        let secret = secret.trim();
        let bytes = match secret.strip_prefix("whsec_") {
            Some(encoded) => STANDARD.decode(encoded).map_err(|_| WebhookError::InvalidSecret)?,
            None => secret.as_bytes().to_vec(),
        };
        if bytes.is_empty() {
            return Err(WebhookError::InvalidSecret);
        }
        Ok(Webhooks { key: hmac::Key::new(hmac::HMAC_SHA256, &bytes) })
    }

    /// A receiver for the secret in `WHOP_WEBHOOK_SECRET`.
    ///
    /// # Errors
    /// [`WebhookError::InvalidSecret`] when the variable is unset or invalid.
    pub fn from_env() -> Result<Self, WebhookError> {
        let secret = std::env::var(WEBHOOK_SECRET_ENV).map_err(|_| WebhookError::InvalidSecret)?;
        Self::new(&secret)
    }

    /// Verifies a delivery and decodes it into a typed event: the generated `WebhookEvent`
    /// (what the official SDKs call `unwrap`). `headers` is whatever the handler has: see
    /// [`WebhookHeaders`].
    ///
    /// # Errors
    /// A [`WebhookError`] saying why the delivery is not authentic, or where its body does not
    /// fit the event's type. An event type the spec does not list is not an error: it
    /// decodes to the enum's `Unknown` variant.
    pub fn verify_event<E: FromWebhook>(
        &self,
        headers: impl WebhookHeaders,
        body: &[u8],
    ) -> Result<E, WebhookError> {
        self.authenticate(headers, body, SystemTime::now())?;
        E::from_webhook(body)
    }

    /// Verifies a delivery and decodes its body into any serde type `T`.
    ///
    /// # Errors
    /// As [`verify_event`](Self::verify_event).
    pub fn verify<T: DeserializeOwned>(
        &self,
        headers: impl WebhookHeaders,
        body: &[u8],
    ) -> Result<T, WebhookError> {
        self.verify_at(headers, body, SystemTime::now())
    }

    /// [`verify`](Self::verify) as if the time were `now` (for replays of stored deliveries).
    ///
    /// # Errors
    /// As [`verify`](Self::verify).
    pub fn verify_at<T: DeserializeOwned>(
        &self,
        headers: impl WebhookHeaders,
        body: &[u8],
        now: SystemTime,
    ) -> Result<T, WebhookError> {
        self.authenticate(headers, body, now)?;
        event::decode(body)
    }

    fn authenticate(
        &self,
        headers: impl WebhookHeaders,
        body: &[u8],
        now: SystemTime,
    ) -> Result<(), WebhookError> {
        let delivery = Delivery::read(headers)?;
        let seconds: u64 = delivery.timestamp.parse().map_err(|_| WebhookError::InvalidTimestamp)?;
        let sent = UNIX_EPOCH + Duration::from_secs(seconds);
        let skew = now.duration_since(sent).unwrap_or_else(|early| early.duration());
        if skew > TOLERANCE {
            return Err(WebhookError::TimestampOutOfTolerance);
        }
        let signed = signed_content(&delivery.id, &delivery.timestamp, body);
        let matches = delivery
            .signatures
            .split_whitespace()
            .filter_map(|entry| entry.strip_prefix("v1,"))
            .filter_map(|encoded| STANDARD.decode(encoded).ok())
            .any(|signature| hmac::verify(&self.key, &signed, &signature).is_ok());
        if matches {
            Ok(())
        } else {
            Err(WebhookError::InvalidSignature)
        }
    }

    /// The `webhook-signature` value for a delivery.
    #[must_use]
    pub fn sign(&self, id: &str, timestamp: u64, body: &[u8]) -> String {
        let signed = signed_content(id, &timestamp.to_string(), body);
        format!("v1,{}", STANDARD.encode(hmac::sign(&self.key, &signed).as_ref()))
    }

    /// The three headers of a delivery with this id and timestamp (Unix seconds).
    ///
    /// # Errors
    /// [`WebhookError::InvalidHeader`] when `id` cannot be a header value (a control
    /// character).
    pub fn sign_headers(&self, id: &str, timestamp: u64, body: &[u8]) -> Result<HeaderMap, WebhookError> {
        let text = |name: &'static str, value: &str| {
            HeaderValue::from_str(value).map_err(|_| WebhookError::InvalidHeader(name))
        };
        let mut headers = HeaderMap::new();
        headers.insert("webhook-id", text("webhook-id", id)?);
        headers.insert("webhook-timestamp", HeaderValue::from(timestamp));
        headers.insert("webhook-signature", text("webhook-signature", &self.sign(id, timestamp, body))?);
        Ok(headers)
    }

    /// Signs `body` as a delivery sent now, with a fresh `webhook-id`: for testing a handler
    /// with the bytes it will receive.
    #[must_use]
    pub fn sign_delivery(&self, body: impl Into<Vec<u8>>) -> SignedDelivery {
        let mut headers = HeaderMap::new();
        static SENT: AtomicU64 = AtomicU64::new(0);
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
        let id = format!("msg_test_{:x}_{}", now.as_nanos(), SENT.fetch_add(1, Ordering::Relaxed));
        let body = body.into();
        // The id is ASCII letters, digits and `_`, and a signature is base64: both valid values.
        if let Ok(signed) = self.sign_headers(&id, now.as_secs(), &body) {
            headers = signed;
        }
        SignedDelivery { headers, body }
    }

    /// Writes a typed event (a `WebhookEvent` or one payload) as JSON and signs it as a
    /// delivery sent now.
    ///
    /// # Errors
    /// [`WebhookError::Encode`] when the value cannot be written as JSON.
    pub fn sign_event<T: Serialize + ?Sized>(&self, event: &T) -> Result<SignedDelivery, WebhookError> {
        let body = serde_json::to_vec(event).map_err(WebhookError::Encode)?;
        Ok(self.sign_delivery(body))
    }
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
        crate::tls::install_crypto_provider();
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

/// `<id>.<timestamp>.<body>`: what the signature covers.
fn signed_content(id: &str, timestamp: &str, body: &[u8]) -> Vec<u8> {
    let mut signed = Vec::with_capacity(id.len() + timestamp.len() + body.len() + 2);
    signed.extend_from_slice(id.as_bytes());
    signed.push(b'.');
    signed.extend_from_slice(timestamp.as_bytes());
    signed.push(b'.');
    signed.extend_from_slice(body);
    signed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(id: &str, timestamp: &str, signature: &str) -> HeaderMap {
        let mut map = HeaderMap::new();
        map.insert("webhook-id", HeaderValue::from_str(id).expect("header"));
        map.insert("webhook-timestamp", HeaderValue::from_str(timestamp).expect("header"));
        map.insert("webhook-signature", HeaderValue::from_str(signature).expect("header"));
        map
    }

    fn at(seconds: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(seconds)
    }

    /// The test vector published with the Standard Webhooks specification.
    #[test]
    fn standard_webhooks_published_vector() {
        let hooks = Webhooks::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").expect("secret");
        let body = br#"{"test": 2432232314}"#;
        let expected = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
        assert_eq!(hooks.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1_614_265_330, body), expected);
        let value: serde_json::Value = hooks
            .verify_at(
                &headers("msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", expected),
                body,
                at(1_614_265_330),
            )
            .expect("valid");
        assert_eq!(value["test"], 2_432_232_314_u64);
    }

    /// A vector computed here from the algorithm with ring's HMAC directly, for a raw secret.
    #[test]
    fn raw_secrets_sign_with_their_bytes() {
        let secret = "my raw webhook secret";
        let key = hmac::Key::new(hmac::HMAC_SHA256, secret.as_bytes());
        let expected = format!("v1,{}", STANDARD.encode(hmac::sign(&key, b"msg_1.1700000000.{}").as_ref()));
        let hooks = Webhooks::new(secret).expect("secret");
        assert_eq!(hooks.sign("msg_1", 1_700_000_000, b"{}"), expected);
        let ok: Result<serde_json::Value, _> =
            hooks.verify_at(&headers("msg_1", "1700000000", &expected), b"{}", at(1_700_000_000));
        assert!(ok.is_ok());
    }

    #[test]
    fn accepts_any_matching_signature_among_several() {
        let hooks = Webhooks::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").expect("secret");
        let good = hooks.sign("msg_1", 1000, b"{}");
        let list = format!("v1,AAAA v2,ignored {good}");
        let ok: Result<serde_json::Value, _> =
            hooks.verify_at(&headers("msg_1", "1000", &list), b"{}", at(1000));
        assert!(ok.is_ok());
    }

    #[test]
    fn rejects_tampering_replays_and_missing_headers() {
        let hooks = Webhooks::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").expect("secret");
        let signature = hooks.sign("msg_1", 1000, br#"{"a":1}"#);
        let check =
            |body: &[u8], h: &HeaderMap, now: u64| hooks.verify_at::<serde_json::Value>(h, body, at(now));

        let good = headers("msg_1", "1000", &signature);
        assert!(check(br#"{"a":1}"#, &good, 1000 + 299).is_ok());
        assert!(matches!(check(br#"{"a":2}"#, &good, 1000), Err(WebhookError::InvalidSignature)));
        assert!(matches!(
            check(br#"{"a":1}"#, &headers("msg_2", "1000", &signature), 1000),
            Err(WebhookError::InvalidSignature)
        ));
        assert!(matches!(
            check(br#"{"a":1}"#, &good, 1000 + 301),
            Err(WebhookError::TimestampOutOfTolerance)
        ));
        assert!(matches!(
            check(br#"{"a":1}"#, &good, 1000 - 301),
            Err(WebhookError::TimestampOutOfTolerance)
        ));
        assert!(matches!(
            check(br#"{"a":1}"#, &headers("msg_1", "soon", &signature), 1000),
            Err(WebhookError::InvalidTimestamp)
        ));
        assert!(matches!(
            check(br#"{"a":1}"#, &HeaderMap::new(), 1000),
            Err(WebhookError::MissingHeader("webhook-id"))
        ));
        assert!(matches!(Webhooks::new("whsec_!!notbase64"), Err(WebhookError::InvalidSecret)));
        assert_eq!(format!("{hooks:?}"), "Webhooks { key: *** }");
    }

    #[test]
    fn a_valid_signature_on_a_body_that_is_not_json_is_a_json_error() {
        let hooks = Webhooks::new("secret").expect("secret");
        let signature = hooks.sign("m", 5, b"not json");
        let result: Result<serde_json::Value, _> =
            hooks.verify_at(&headers("m", "5", &signature), b"not json", at(5));
        assert!(matches!(result, Err(WebhookError::Decode { .. })));
    }
}
