//! What generated code calls. Not a public API: it may change in any release.

pub use chrono;
pub use reqwest::Method;
pub use serde;
pub use serde_json;

pub use crate::body::{File, Files};
pub use crate::request::{fill_path, Auth, RequestSpec};
pub use crate::webhooks::{decode_payload, event_type, FromWebhook, WebhookError};
pub use bytes::Bytes;

pub mod derive;
pub mod methods;

/// The mock's route table and checks, which generated `mock` modules fill in.
#[cfg(feature = "mock")]
pub mod mock {
    pub use crate::mock::plumbing::*;
}

use std::cell::Cell;
use std::fmt;
use std::str::FromStr;

use serde::de::{Deserializer, Visitor};

use crate::UnknownValue;

/// Builds a value from its wire text, keeping a value the spec does not list (string enums'
/// catch-all variant); `String` takes any text. Constructors fill `const` fields with it.
pub trait FromWire {
    /// The value for `text`.
    fn from_wire(text: &str) -> Self;
}

impl FromWire for String {
    fn from_wire(text: &str) -> Self {
        text.to_owned()
    }
}

thread_local! {
    /// Set while the mock checks a request: a string enum value the spec does not list is an
    /// error there, not the catch-all variant.
    static REJECT_UNKNOWN: Cell<bool> = const { Cell::new(false) };
}

/// Runs `check` with string enums rejecting values the spec does not list.
pub fn rejecting_unknown_values<R>(check: impl FnOnce() -> R) -> R {
    struct Reset(bool);
    impl Drop for Reset {
        fn drop(&mut self) {
            REJECT_UNKNOWN.with(|flag| flag.set(self.0));
        }
    }
    let _reset = Reset(REJECT_UNKNOWN.with(|flag| flag.replace(true)));
    check()
}

/// A string enum's value for `text`: a listed one, else `unlisted` (the enum's catch-all
/// variant) holding the text its `FromStr` error already copied.
pub fn listed_or<T: FromStr<Err = UnknownValue>>(text: &str, unlisted: fn(String) -> T) -> T {
    text.parse().unwrap_or_else(|unknown: UnknownValue| unlisted(unknown.value))
}

/// Deserializes a string enum without allocating for known values, as [`listed_or`] reads
/// one. Taking the catch-all constructor, rather than a trait each enum implements, spares
/// rustc an impl per enum on every rebuild.
///
/// # Errors
/// When the value is not a string, or (inside [`rejecting_unknown_values`]) not one the spec
/// lists.
pub fn deserialize_str_enum<'de, D: Deserializer<'de>, T: FromStr<Err = UnknownValue>>(
    deserializer: D,
    unlisted: fn(String) -> T,
) -> Result<T, D::Error> {
    struct StrVisitor<T>(fn(String) -> T);
    impl<T: FromStr<Err = UnknownValue>> Visitor<'_> for StrVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<T, E> {
            if REJECT_UNKNOWN.with(Cell::get) && value.parse::<T>().is_err() {
                return Err(E::custom(format!("`{value}` is not a value the spec lists")));
            }
            Ok(listed_or(value, self.0))
        }
    }
    deserializer.deserialize_str(StrVisitor(unlisted))
}

/// A page's next-page cursor, whatever shape the spec gave it: required (`String`), optional
/// or nullable (`Option<String>`), or both in a type that tells absent from `null`
/// (`Option<Option<String>>`). Generated `_stream` methods read every shape through it.
pub trait Cursor {
    /// The cursor, if there is one.
    fn into_cursor(self) -> Option<String>;
}

impl Cursor for String {
    fn into_cursor(self) -> Option<String> {
        Some(self)
    }
}

impl<T: Cursor> Cursor for Option<T> {
    fn into_cursor(self) -> Option<String> {
        self.and_then(Cursor::into_cursor)
    }
}

/// Reads a `text/*` success body (used by generated code).
///
/// # Errors
/// When the body is not UTF-8.
pub fn text_body(body: Bytes) -> Result<String, serde_json::Error> {
    String::from_utf8(body.to_vec()).map_err(|e| {
        <serde_json::Error as serde::de::Error>::custom(format!("the text body is not UTF-8: {e}"))
    })
}

/// Reads a binary success body (used by generated code).
///
/// # Errors
/// Never.
pub fn binary_body(body: Bytes) -> Result<Bytes, serde_json::Error> {
    Ok(body)
}

/// Generated methods that verify webhook deliveries: kept with the `webhooks` feature, left
/// out without it (typed events still decode).
#[cfg(feature = "webhooks")]
#[macro_export]
#[doc(hidden)]
macro_rules! __with_webhooks {
    ($($tokens:tt)*) => {
        $($tokens)*
    };
}

/// Generated methods that verify webhook deliveries: kept with the `webhooks` feature, left
/// out without it (typed events still decode).
#[cfg(not(feature = "webhooks"))]
#[macro_export]
#[doc(hidden)]
macro_rules! __with_webhooks {
    ($($tokens:tt)*) => {};
}

/// The generated client's user-token method: kept with the `user-tokens` feature, left out
/// without it.
#[cfg(feature = "user-tokens")]
#[macro_export]
#[doc(hidden)]
macro_rules! __with_user_tokens {
    ($($tokens:tt)*) => {
        $($tokens)*
    };
}

/// The generated client's user-token method: kept with the `user-tokens` feature, left out
/// without it.
#[cfg(not(feature = "user-tokens"))]
#[macro_export]
#[doc(hidden)]
macro_rules! __with_user_tokens {
    ($($tokens:tt)*) => {};
}

/// The generated `mock` module's items, or a clear error without the `mock` feature.
#[cfg(not(feature = "mock"))]
#[macro_export]
#[doc(hidden)]
macro_rules! __mock_module {
    ($($items:item)*) => {
        ::core::compile_error!(
            "`whop_api!(.., mock = true)` needs the `mock` feature: whop-api = { version = \"0.1\", features = [\"mock\"] }"
        );
    };
}

/// The generated `mock` module's items, or a clear error without the `mock` feature.
#[cfg(feature = "mock")]
#[macro_export]
#[doc(hidden)]
macro_rules! __mock_module {
    ($($items:item)*) => {
        $($items)*
    };
}

pub use crate::{__tagged_from as tagged_from, __union_to as union_to, __untagged_from as untagged_from};
