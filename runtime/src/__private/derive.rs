//! The serde impls of generated types, written once here as `macro_rules!` and invoked by
//! generated code with one line per field.
//!
//! Why not `#[derive(Serialize, Deserialize)]`: for an API of a few hundred operations, the
//! derives' output (a field enum, a visitor with `visit_seq` and `visit_map`, and per-field
//! wrappers for every struct) is most of what rustc type-checks and borrow-checks on every
//! rebuild of the crate that invokes `whop_api!`. These impls do the same JSON work with a
//! fraction of the code: a struct decodes through one map visitor whose key lookup and
//! missing-field handling are generic functions compiled once, here.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap};
use serde::Deserialize;

/// A map key as a generated struct sees it: the index of one of its properties, or another
/// name (kept only when the struct collects additional properties).
#[derive(Debug)]
pub enum Key {
    /// The property at this index of the struct's property list.
    Known(usize),
    /// A property the struct does not list.
    Other(String),
}

/// Looks a map key up in a struct's property names, without allocating for known names.
#[derive(Debug, Clone, Copy)]
pub struct Fields(pub &'static [&'static str]);

impl<'de> DeserializeSeed<'de> for Fields {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl Visitor<'_> for Fields {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a property name")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Key, E> {
        Ok(match self.0.iter().position(|known| *known == name) {
            Some(index) => Key::Known(index),
            None => Key::Other(name.to_owned()),
        })
    }
}

/// Where properties a struct does not list go: nowhere, or its additional-properties map.
pub trait Extra {
    /// Consumes the value of the property `name`.
    ///
    /// # Errors
    /// When the value does not decode as the map's value type.
    fn take<'de, A: MapAccess<'de>>(&mut self, name: String, map: &mut A) -> Result<(), A::Error>;
}

/// Unlisted properties are skipped.
impl Extra for () {
    fn take<'de, A: MapAccess<'de>>(&mut self, _: String, map: &mut A) -> Result<(), A::Error> {
        map.next_value::<IgnoredAny>().map(drop)
    }
}

/// Unlisted properties are collected (`additionalProperties` with a schema).
impl<V: for<'a> Deserialize<'a>> Extra for &mut BTreeMap<String, V> {
    fn take<'de, A: MapAccess<'de>>(&mut self, name: String, map: &mut A) -> Result<(), A::Error> {
        let value = map.next_value()?;
        self.insert(name, value);
        Ok(())
    }
}

/// A required property: missing is an error, except for a nullable one, which is `None`
/// (as serde's derive does).
///
/// # Errors
/// When the property is missing and its type is not an `Option`.
pub fn required<'de, T: Deserialize<'de>, E: de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    match slot {
        Some(value) => Ok(value),
        None => T::deserialize(Missing).map_err(|_: Never| E::missing_field(name)),
    }
}

/// An optional property: missing and `null` are both `None`.
///
/// # Errors
/// Never; the signature matches [`required`] so generated code treats both alike.
pub fn optional<T, E>(slot: Option<Option<T>>, _: &'static str) -> Result<Option<T>, E> {
    Ok(slot.flatten())
}

/// An optional nullable property of a request type: missing is `None`, `null` is
/// `Some(None)`.
///
/// # Errors
/// Never, as [`optional`].
pub fn three_state<T, E>(slot: Option<Option<T>>, _: &'static str) -> Result<Option<Option<T>>, E> {
    Ok(slot)
}

/// The error type of the missing-property deserializer: only its absence matters.
#[derive(Debug)]
pub struct Never;

impl fmt::Display for Never {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("missing")
    }
}

impl std::error::Error for Never {}

impl de::Error for Never {
    fn custom<M: fmt::Display>(_: M) -> Self {
        Never
    }
}

/// A deserializer for a property that is not there: an `Option` becomes `None`, anything
/// else fails.
struct Missing;

impl<'de> Deserializer<'de> for Missing {
    type Error = Never;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Never> {
        Err(Never)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Never> {
        visitor.visit_none()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

/// Writes a property that is always sent.
///
/// # Errors
/// The serializer's.
pub fn put<M: SerializeMap, T: Serialize + ?Sized>(
    map: &mut M,
    name: &'static str,
    value: &T,
) -> Result<(), M::Error> {
    map.serialize_entry(name, value)
}

/// Writes an optional property only when it is set (a set `Some(None)` of a three-state
/// property is sent as `null`).
///
/// # Errors
/// The serializer's.
pub fn put_set<M: SerializeMap, T: Serialize>(
    map: &mut M,
    name: &'static str,
    value: &Option<T>,
) -> Result<(), M::Error> {
    match value {
        Some(value) => map.serialize_entry(name, value),
        None => Ok(()),
    }
}

/// Writes every entry of an additional-properties map beside the listed properties.
///
/// # Errors
/// The serializer's.
pub fn put_all<M: SerializeMap, V: Serialize>(
    map: &mut M,
    entries: &BTreeMap<String, V>,
) -> Result<(), M::Error> {
    entries.iter().try_for_each(|(name, value)| map.serialize_entry(name, value))
}

/// `Serialize` for a generated struct: `__object_to!(Name { field "wire" put, .. } extra)`.
/// `put` fields are always written, `put_set` ones only when set; the optional trailing
/// identifier is the additional-properties map written beside them.
#[macro_export]
#[doc(hidden)]
macro_rules! __object_to {
    ($name:ident { $($field:ident $wire:literal $kind:ident),* $(,)? } $($extra:ident)?) => {
        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                let mut map = $crate::__private::serde::Serializer::serialize_map(serializer, ::core::option::Option::None)?;
                $($crate::__private::derive::$kind(&mut map, $wire, &self.$field)?;)*
                $($crate::__private::derive::put_all(&mut map, &self.$extra)?;)?
                $crate::__private::serde::ser::SerializeMap::end(map)
            }
        }
    };
}

/// `Deserialize` for a generated struct:
/// `__object_from!(Name { 0 field "wire" required, .. } extra)`. Each field is decoded as its
/// own type and finished by `required`, `optional` or `three_state`; unlisted properties go to
/// the trailing additional-properties map if there is one, else are skipped.
#[macro_export]
#[doc(hidden)]
macro_rules! __object_from {
    ($name:ident { $($index:literal $field:ident $wire:literal $kind:ident),* $(,)? } $($extra:ident)?) => {
        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                struct Object;
                impl<'de> $crate::__private::serde::de::Visitor<'de> for Object {
                    type Value = $name;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(::core::concat!("an object (", ::core::stringify!($name), ")"))
                    }
                    fn visit_map<A: $crate::__private::serde::de::MapAccess<'de>>(self, mut map: A) -> ::core::result::Result<$name, A::Error> {
                        $(let mut $field = ::core::option::Option::None;)*
                        let mut extra = ();
                        $(let mut $extra = ::std::collections::BTreeMap::new(); let mut extra = &mut $extra;)?
                        while let ::core::option::Option::Some(key) =
                            map.next_key_seed($crate::__private::derive::Fields(&[$($wire),*]))?
                        {
                            match key {
                                $($crate::__private::derive::Key::Known($index) => $field = ::core::option::Option::Some(map.next_value()?),)*
                                $crate::__private::derive::Key::Known(_) => {
                                    map.next_value::<$crate::__private::serde::de::IgnoredAny>()?;
                                }
                                $crate::__private::derive::Key::Other(name) => {
                                    $crate::__private::derive::Extra::take(&mut extra, name, &mut map)?;
                                }
                            }
                        }
                        ::core::result::Result::Ok($name {
                            $($field: $crate::__private::derive::$kind($field, $wire)?,)*
                            $($extra,)?
                        })
                    }
                }
                deserializer.deserialize_map(Object)
            }
        }
    };
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

/// `Serialize` and `Deserialize` for a string enum with a catch-all, through its `as_str` and
/// `From<&str>`; either half can be asked for alone.
#[macro_export]
#[doc(hidden)]
macro_rules! __str_enum_to {
    ($name:ident) => {
        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    };
}

/// The `Deserialize` half of `__str_enum_to`.
#[macro_export]
#[doc(hidden)]
macro_rules! __str_enum_from {
    ($name:ident) => {
        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::__private::deserialize_str_enum(deserializer)
            }
        }
    };
}
