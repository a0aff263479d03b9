//! The API key: kept out of every `Debug`, `Display` and log line.

use std::fmt;

/// An API key. Its `Debug` output is `ApiKey(***)`; the key itself is only read when a
/// request header is built.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// Wraps a key.
    pub fn new(key: impl Into<String>) -> Self {
        ApiKey(key.into())
    }

    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(***)")
    }
}

impl<S: Into<String>> From<S> for ApiKey {
    fn from(key: S) -> Self {
        ApiKey::new(key)
    }
}
