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

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserializer, Visitor};

/// Deserializes a string enum without allocating for known values.
///
/// # Errors
/// When the value is not a string.
pub fn deserialize_str_enum<'de, D: Deserializer<'de>, T>(
    deserializer: D,
    from: fn(&str) -> T,
) -> Result<T, D::Error> {
    struct StrVisitor<T>(fn(&str) -> T, PhantomData<T>);
    impl<T> Visitor<'_> for StrVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<T, E> {
            Ok((self.0)(value))
        }
    }
    deserializer.deserialize_str(StrVisitor(from, PhantomData))
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

pub use crate::{
    __object_from as object_from, __object_to as object_to, __setters as setters, __str_enum as str_enum,
    __str_enum_from as str_enum_from, __str_enum_to as str_enum_to, __tagged_from as tagged_from,
    __union_to as union_to, __untagged_from as untagged_from,
};
