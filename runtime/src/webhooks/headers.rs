//! Reading a delivery's three headers from whatever header collection a receiver has.

#[cfg(feature = "webhooks")]
use crate::webhooks::WebhookError;

/// A collection a delivery's headers can be read from, so handlers pass what their framework
/// gives them: `&HeaderMap` (axum, hyper, reqwest; [`crate::header::HeaderMap`] is
/// `http::HeaderMap`), actix-web's `req.headers()`, a `HashMap<String, String>` from a
/// serverless event, or a list of name/value pairs (`[("webhook-id", id), ..]`,
/// `&Vec<(String, String)>`). Names match case-insensitively.
pub trait WebhookHeaders {
    /// Calls `visit` with each header's name and value.
    fn visit_headers(self, visit: &mut dyn FnMut(&str, &[u8]));
}

/// One name/value pair of a header collection.
pub trait HeaderPair {
    /// The header's name.
    fn name(&self) -> &str;
    /// The header's value as bytes.
    fn value(&self) -> &[u8];
}

impl<K: AsRef<str>, V: AsRef<[u8]>> HeaderPair for (K, V) {
    fn name(&self) -> &str {
        self.0.as_ref()
    }
    fn value(&self) -> &[u8] {
        self.1.as_ref()
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>> HeaderPair for &(K, V) {
    fn name(&self) -> &str {
        self.0.as_ref()
    }
    fn value(&self) -> &[u8] {
        self.1.as_ref()
    }
}

impl<H> WebhookHeaders for H
where
    H: IntoIterator,
    H::Item: HeaderPair,
{
    fn visit_headers(self, visit: &mut dyn FnMut(&str, &[u8])) {
        for pair in self {
            visit(pair.name(), pair.value());
        }
    }
}

/// The three Standard Webhooks headers of a delivery.
#[cfg(feature = "webhooks")]
pub(crate) struct Delivery {
    pub(crate) id: String,
    pub(crate) timestamp: String,
    pub(crate) signatures: String,
}

#[cfg(feature = "webhooks")]
impl Delivery {
    /// Reads the three headers (the first of each, when one is repeated) in one pass.
    pub(crate) fn read(headers: impl WebhookHeaders) -> Result<Self, WebhookError> {
        const NAMES: [&str; 3] = ["webhook-id", "webhook-timestamp", "webhook-signature"];
        let mut found: [Option<String>; 3] = [None, None, None];
        headers.visit_headers(&mut |name, value| {
            let Some(i) = NAMES.iter().position(|n| n.eq_ignore_ascii_case(name)) else { return };
            if found[i].is_none() {
                found[i] = std::str::from_utf8(value).ok().map(|v| v.trim().to_owned());
            }
        });
        let [id, timestamp, signatures] = found;
        let missing = |i: usize| WebhookError::MissingHeader(NAMES[i]);
        Ok(Delivery {
            id: id.ok_or_else(|| missing(0))?,
            timestamp: timestamp.ok_or_else(|| missing(1))?,
            signatures: signatures.ok_or_else(|| missing(2))?,
        })
    }
}
