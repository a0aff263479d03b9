//! The serde impls of generated types. A struct's impls are written by the generator, one
//! line each, through [`encode`] and [`decode`]; unions' through the `macro_rules!` below.
//!
//! Why not `#[derive(Serialize, Deserialize)]`: for an API of a few hundred operations, the
//! derives' output (a field enum, a visitor with `visit_seq` and `visit_map`, and per-field
//! wrappers for every struct) is most of what rustc expands, lowers and hashes on every
//! rebuild of the crate that invokes `whop_api!`. A struct here names each field once per impl
//! (a tuple of its fields, see [`Properties`]); the key lookup, missing-field handling, error
//! keeping and the map visitor are generic code compiled once, here.

mod object_in;
mod object_out;
mod properties;
#[cfg(test)]
mod tests;

pub use object_in::{decode, Extras};
pub use object_out::{encode, ExtrasOut};
pub use properties::{Properties, Property, Rest, ThreeState, Written, WrittenAll};

use serde::de::{IgnoredAny, MapAccess};

/// Reads past the current map value: a property a struct does not list or keep.
fn skip_value<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(drop)
}

/// `Serialize` for an untagged union or a tagged union with a catch-all: each variant
/// serialises its payload.
#[macro_export]
#[doc(hidden)]
macro_rules! __union_to {
    ($name:ident { $($variant:ident),* $(,)? }) => {
        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                match self {
                    $(Self::$variant(value) => $crate::__private::serde::Serialize::serialize(value, serializer),)*
                }
            }
        }
    };
}

/// `Deserialize` for an untagged union: the first variant the value decodes as, in spec order.
#[macro_export]
#[doc(hidden)]
macro_rules! __untagged_from {
    ($name:ident { $($variant:ident),* $(,)? }) => {
        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                let value = <$crate::__private::serde_json::Value as $crate::__private::serde::Deserialize>::deserialize(deserializer)?;
                $(if let ::core::result::Result::Ok(inner) = $crate::__private::serde::Deserialize::deserialize(&value) {
                    return ::core::result::Result::Ok(Self::$variant(inner));
                })*
                ::core::result::Result::Err(<D::Error as $crate::__private::serde::de::Error>::custom(
                    ::core::concat!("data did not match any variant of untagged enum ", ::core::stringify!($name)),
                ))
            }
        }
    };
}

/// `Deserialize` for a union tagged by a property: the tag's value picks the variant, and an
/// unknown tag keeps the raw JSON in the catch-all.
#[macro_export]
#[doc(hidden)]
macro_rules! __tagged_from {
    ($name:ident $tag:literal { $($($value:literal)|+ => $variant:ident),* $(,)? } $catch_all:ident) => {
        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                let value = <$crate::__private::serde_json::Value as $crate::__private::serde::Deserialize>::deserialize(deserializer)?;
                match value.get($tag).and_then($crate::__private::serde_json::Value::as_str) {
                    $($(::core::option::Option::Some($value))|+ => $crate::__private::serde_json::from_value(value)
                        .map(Self::$variant)
                        .map_err(<D::Error as $crate::__private::serde::de::Error>::custom),)*
                    _ => ::core::result::Result::Ok(Self::$catch_all(value)),
                }
            }
        }
    };
}
