//! A generated struct decoded from a JSON object: `__object_from!` and what it calls.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;

/// A map key as a generated struct sees it: the index of one of its properties, or another
/// name (kept only when the struct collects additional properties).
#[derive(Debug)]
enum Key {
    /// The property at this index of the struct's property list.
    Known(usize),
    /// A property the struct does not list.
    Other(String),
}

/// Looks a map key up in a struct's property names, without allocating for known names.
#[derive(Debug, Clone, Copy)]
struct Fields(&'static [&'static str]);

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

/// A generated struct decoded from a JSON object; its `Deserialize` impl hands the map to
/// [`ObjectVisitor`], which calls [`FromObject::from_map`].
///
/// Why a trait and a shared visitor rather than a visitor per struct: rustc lowers and hashes
/// every generated item on each rebuild of the crate that invokes `whop_api!`, so what a
/// struct's impl needs per property is kept to a few tokens, and the rest is here, compiled
/// once.
pub trait FromObject: Sized {
    /// The type's name, for "expected an object (Name)" errors.
    const NAME: &'static str;

    /// Decodes the value from the entries of a map.
    ///
    /// # Errors
    /// The map's, or a missing required property.
    fn from_map<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// The serde visitor of every generated struct.
#[derive(Debug)]
pub struct ObjectVisitor<T>(PhantomData<T>);

impl<T> ObjectVisitor<T> {
    /// The visitor of `T`.
    #[must_use]
    pub fn new() -> Self {
        Self(PhantomData)
    }
}

impl<T> Default for ObjectVisitor<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'de, T: FromObject> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object ({})", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::from_map(map)
    }
}

/// A map being read into a generated struct: yields the index of each listed property in
/// turn, and sends unlisted ones to the struct's [`Extra`].
#[derive(Debug)]
pub struct ObjectIn<A> {
    map: A,
    fields: &'static [&'static str],
}

impl<'de, A: MapAccess<'de>> ObjectIn<A> {
    /// Reads `map`, whose listed properties are `fields`.
    pub fn new(map: A, fields: &'static [&'static str]) -> Self {
        Self { map, fields }
    }

    /// The index of the next listed property; an unlisted one goes to `extra` first.
    ///
    /// # Errors
    /// The map's, or `extra`'s.
    pub fn key(&mut self, extra: &mut impl Extra) -> Result<Option<usize>, A::Error> {
        while let Some(key) = self.map.next_key_seed(Fields(self.fields))? {
            match key {
                Key::Known(index) => return Ok(Some(index)),
                Key::Other(name) => extra.take(name, &mut self.map)?,
            }
        }
        Ok(None)
    }

    /// Decodes the value of the current property into `slot` (a repeated property: the last
    /// one wins).
    ///
    /// # Errors
    /// When the value does not decode as `T`.
    pub fn value<T: Deserialize<'de>>(&mut self, slot: &mut Option<T>) -> Result<(), A::Error> {
        *slot = Some(self.map.next_value()?);
        Ok(())
    }

    /// Skips the value of the current property.
    ///
    /// # Errors
    /// The map's.
    pub fn skip(&mut self) -> Result<(), A::Error> {
        self.map.next_value::<IgnoredAny>().map(drop)
    }

    /// A required property: missing is an error, except for a nullable one, which is `None`
    /// (as serde's derive does).
    ///
    /// # Errors
    /// When the property is missing and its type is not an `Option`.
    pub fn required<T: Deserialize<'de>>(&self, slot: Option<T>, index: usize) -> Result<T, A::Error> {
        match slot {
            Some(value) => Ok(value),
            None => T::deserialize(Missing)
                .map_err(|_: Never| de::Error::missing_field(self.fields.get(index).copied().unwrap_or("?"))),
        }
    }

    /// An optional property: missing and `null` are both `None`.
    ///
    /// # Errors
    /// Never; the signature matches [`ObjectIn::required`] so generated code treats both
    /// alike.
    pub fn optional<T>(&self, slot: Option<Option<T>>, _: usize) -> Result<Option<T>, A::Error> {
        Ok(slot.flatten())
    }

    /// An optional nullable property of a request type: missing is `None`, `null` is
    /// `Some(None)`.
    ///
    /// # Errors
    /// Never, as [`ObjectIn::optional`].
    pub fn three_state<T>(&self, slot: Option<Option<T>>, _: usize) -> Result<Option<Option<T>>, A::Error> {
        Ok(slot)
    }
}

/// The error type of the missing-property deserializer: only its absence matters.
#[derive(Debug)]
struct Never;

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
                deserializer.deserialize_map($crate::__private::derive::ObjectVisitor::<Self>::new())
            }
        }
        impl $crate::__private::derive::FromObject for $name {
            const NAME: &'static str = ::core::stringify!($name);
            fn from_map<'de, A: $crate::__private::serde::de::MapAccess<'de>>(map: A) -> ::core::result::Result<Self, A::Error> {
                let mut map = $crate::__private::derive::ObjectIn::new(map, &[$($wire),*]);
                $(let mut $field = None;)*
                $(let mut $extra = ::std::collections::BTreeMap::new();)?
                // Unlisted properties go to `()` (skipped) or to the additional-properties map.
                while let Some(index) = map.key(&mut ($(&mut $extra)?))? {
                    match index {
                        $($index => map.value(&mut $field),)*
                        _ => map.skip(),
                    }?;
                }
                Ok($name { $($field: map.$kind($field, $index)?,)* $($extra,)? })
            }
        }
    };
}
