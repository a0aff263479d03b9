//! Verifying Whop webhook deliveries (the Standard Webhooks scheme the official SDKs use).
//!
//! A delivery carries `webhook-id`, `webhook-timestamp` (Unix seconds) and
//! `webhook-signature` (space-separated `v1,<base64 HMAC-SHA256>` entries) headers. The
//! signature covers `<id>.<timestamp>.<body>` with the webhook secret: `whsec_<base64>`, or
//! the raw secret text as Whop shows it. A delivery is accepted when any `v1` signature
//! matches (compared in constant time) and the timestamp is within five minutes of now.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use reqwest::header::HeaderMap;
use ring::hmac;
use serde::de::DeserializeOwned;

/// The environment variable [`Webhooks::from_env`] reads the secret from.
pub const WEBHOOK_SECRET_ENV: &str = "WHOP_WEBHOOK_SECRET";

/// How far a delivery's timestamp may be from now.
pub const TOLERANCE: Duration = Duration::from_secs(5 * 60);

/// Why a delivery was rejected.
#[derive(Debug)]
#[non_exhaustive]
pub enum WebhookError {
    /// A required header is missing or not text.
    MissingHeader(&'static str),
    /// `webhook-timestamp` is not a Unix time in seconds.
    InvalidTimestamp,
    /// The timestamp is more than five minutes from now (a replay, or a skewed clock).
    TimestampOutOfTolerance,
    /// No `v1` signature matches the body.
    InvalidSignature,
    /// The secret is not `whsec_<base64>` or usable text.
    InvalidSecret,
    /// The body is not the JSON expected.
    Json(serde_json::Error),
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
                f.write_str("the webhook secret is not valid (expected whsec_<base64>)")
            }
            WebhookError::Json(error) => write!(f, "webhook body is not the JSON expected: {error}"),
        }
    }
}

impl std::error::Error for WebhookError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WebhookError::Json(error) => Some(error),
            _ => None,
        }
    }
}

/// A webhook verifier holding the signing key. Its `Debug` output never shows the key.
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
    /// A verifier for `secret`: `whsec_<base64>`, or the raw secret text.
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

    /// A verifier for the secret in `WHOP_WEBHOOK_SECRET`.
    ///
    /// # Errors
    /// [`WebhookError::InvalidSecret`] when the variable is unset or invalid.
    pub fn from_env() -> Result<Self, WebhookError> {
        let secret = std::env::var(WEBHOOK_SECRET_ENV).map_err(|_| WebhookError::InvalidSecret)?;
        Self::new(&secret)
    }

    /// Verifies a delivery and parses its body.
    ///
    /// # Errors
    /// A [`WebhookError`] saying why the delivery is not authentic or not JSON of type `T`.
    pub fn verify<T: DeserializeOwned>(&self, body: &[u8], headers: &HeaderMap) -> Result<T, WebhookError> {
        self.verify_at(body, headers, SystemTime::now())
    }

    /// [`verify`](Self::verify) as if the time were `now` (for tests and replays).
    ///
    /// # Errors
    /// As [`verify`](Self::verify).
    pub fn verify_at<T: DeserializeOwned>(
        &self,
        body: &[u8],
        headers: &HeaderMap,
        now: SystemTime,
    ) -> Result<T, WebhookError> {
        let header = |name: &'static str| {
            headers.get(name).and_then(|v| v.to_str().ok()).ok_or(WebhookError::MissingHeader(name))
        };
        let id = header("webhook-id")?;
        let timestamp = header("webhook-timestamp")?;
        let signatures = header("webhook-signature")?;
        let seconds: u64 = timestamp.trim().parse().map_err(|_| WebhookError::InvalidTimestamp)?;
        let sent = UNIX_EPOCH + Duration::from_secs(seconds);
        let skew = now.duration_since(sent).unwrap_or_else(|early| early.duration());
        if skew > TOLERANCE {
            return Err(WebhookError::TimestampOutOfTolerance);
        }
        let mut signed = Vec::with_capacity(id.len() + timestamp.len() + body.len() + 2);
        signed.extend_from_slice(id.as_bytes());
        signed.push(b'.');
        signed.extend_from_slice(timestamp.trim().as_bytes());
        signed.push(b'.');
        signed.extend_from_slice(body);
        let matches = signatures
            .split_whitespace()
            .filter_map(|entry| entry.strip_prefix("v1,"))
            .filter_map(|encoded| STANDARD.decode(encoded).ok())
            .any(|signature| hmac::verify(&self.key, &signed, &signature).is_ok());
        if !matches {
            return Err(WebhookError::InvalidSignature);
        }
        serde_json::from_slice(body).map_err(WebhookError::Json)
    }

    /// The `webhook-signature` value for a delivery (for tests and local tools).
    #[must_use]
    pub fn sign(&self, id: &str, timestamp: u64, body: &[u8]) -> String {
        let mut signed = format!("{id}.{timestamp}.").into_bytes();
        signed.extend_from_slice(body);
        format!("v1,{}", STANDARD.encode(hmac::sign(&self.key, &signed).as_ref()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

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
                body,
                &headers("msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", expected),
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
            hooks.verify_at(b"{}", &headers("msg_1", "1700000000", &expected), at(1_700_000_000));
        assert!(ok.is_ok());
    }

    #[test]
    fn accepts_any_matching_signature_among_several() {
        let hooks = Webhooks::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").expect("secret");
        let good = hooks.sign("msg_1", 1000, b"{}");
        let list = format!("v1,AAAA v2,ignored {good}");
        let ok: Result<serde_json::Value, _> =
            hooks.verify_at(b"{}", &headers("msg_1", "1000", &list), at(1000));
        assert!(ok.is_ok());
    }

    #[test]
    fn rejects_tampering_replays_and_missing_headers() {
        let hooks = Webhooks::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").expect("secret");
        let signature = hooks.sign("msg_1", 1000, br#"{"a":1}"#);
        let check =
            |body: &[u8], h: &HeaderMap, now: u64| hooks.verify_at::<serde_json::Value>(body, h, at(now));

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
            hooks.verify_at(b"not json", &headers("m", "5", &signature), at(5));
        assert!(matches!(result, Err(WebhookError::Json(_))));
    }
}
