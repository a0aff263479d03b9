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
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
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

/// A map being written from a generated struct, one property per call in a single chain; the
/// first error is kept and returned by [`ObjectOut::end`].
#[derive(Debug)]
pub struct ObjectOut<M: SerializeMap> {
    state: Result<M, M::Error>,
}

impl<M: SerializeMap> ObjectOut<M> {
    /// Starts the map of `serializer`.
    pub fn start<S: Serializer<SerializeMap = M, Ok = M::Ok, Error = M::Error>>(serializer: S) -> Self {
        Self { state: serializer.serialize_map(None) }
    }

    /// Writes a property that is always sent.
    #[must_use]
    pub fn put<T: Serialize + ?Sized>(self, name: &'static str, value: &T) -> Self {
        self.entry(name, value)
    }

    /// Writes an optional property only when it is set (a set `Some(None)` of a three-state
    /// property is sent as `null`).
    #[must_use]
    pub fn put_set<T: Serialize>(self, name: &'static str, value: &Option<T>) -> Self {
        match value {
            Some(value) => self.entry(name, value),
            None => self,
        }
    }

    /// Writes every entry of an additional-properties map beside the listed properties.
    #[must_use]
    pub fn put_all<V: Serialize>(self, entries: &BTreeMap<String, V>) -> Self {
        entries.iter().fold(self, |out, (name, value)| out.entry(name.as_str(), value))
    }

    /// Writes one entry, unless an earlier one failed.
    fn entry<T: Serialize + ?Sized>(mut self, name: &str, value: &T) -> Self {
        if let Ok(map) = &mut self.state {
            if let Err(error) = map.serialize_entry(name, value) {
                self.state = Err(error);
            }
        }
        self
    }

    /// Ends the map.
    ///
    /// # Errors
    /// The first error any property met, else the serializer's.
    pub fn end(self) -> Result<M::Ok, M::Error> {
        self.state?.end()
    }
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
                $crate::__private::derive::ObjectOut::start(serializer)
                    $(.$kind($wire, &self.$field))*
                    $(.put_all(&self.$extra))?
                    .end()
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

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::collections::BTreeMap;

    use serde::ser::Error as _;
    use serde::{Serialize, Serializer};
    use serde_json::{json, Value};

    /// What a generated struct with each kind of property looks like.
    #[derive(Debug, PartialEq)]
    struct Thing {
        id: String,
        note: Option<String>,
        cleared: Option<Option<i64>>,
        nullable: Option<String>,
        extra: BTreeMap<String, Value>,
    }
    crate::__object_to!(Thing { id "id" put, note "note" put_set, cleared "cleared" put_set, nullable "nullable" put } extra);
    crate::__object_from!(Thing { 0 id "id" required, 1 note "note" optional, 2 cleared "cleared" three_state, 3 nullable "nullable" required } extra);

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    #[test]
    fn each_kind_of_property_decodes_and_unlisted_ones_are_kept() -> TestResult {
        let thing: Thing = serde_json::from_str(r#"{"id": "a", "cleared": null, "x": 1, "id": "b"}"#)?;
        assert_eq!(thing.id, "b", "a repeated property: the last one wins");
        assert_eq!(thing.note, None, "optional and absent");
        assert_eq!(thing.cleared, Some(None), "three-state: null is not absent");
        assert_eq!(thing.nullable, None, "required but nullable: absent is None");
        assert_eq!(thing.extra, BTreeMap::from([("x".to_owned(), json!(1))]));
        let absent: Thing = serde_json::from_value(json!({"id": "a", "cleared": 3}))?;
        assert_eq!(absent.cleared, Some(Some(3)));
        Ok(())
    }

    #[test]
    fn a_missing_required_property_is_named_and_a_non_object_is_refused() {
        let missing = serde_json::from_value::<Thing>(json!({"note": "n"})).map(drop);
        assert_eq!(missing.map_err(|e| e.to_string()), Err("missing field `id`".to_owned()));
        let list = serde_json::from_value::<Thing>(json!([1])).map(drop);
        assert!(list.is_err_and(|e| e.to_string().contains("an object (Thing)")));
    }

    #[test]
    fn unset_optional_properties_are_left_out_and_unlisted_ones_written_beside() -> TestResult {
        let thing = Thing {
            id: "a".to_owned(),
            note: None,
            cleared: Some(None),
            nullable: None,
            extra: BTreeMap::from([("x".to_owned(), json!(1))]),
        };
        assert_eq!(
            serde_json::to_value(&thing)?,
            json!({"id": "a", "cleared": null, "nullable": null, "x": 1})
        );
        Ok(())
    }

    thread_local! {
        static WRITTEN_AFTER_THE_ERROR: Cell<u32> = const { Cell::new(0) };
    }

    /// A property whose value cannot be written.
    struct Fails;
    impl Serialize for Fails {
        fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
            Err(S::Error::custom("this value cannot be written"))
        }
    }

    /// A property that counts how often it is written.
    struct Counted;
    impl Serialize for Counted {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            WRITTEN_AFTER_THE_ERROR.with(|count| count.set(count.get() + 1));
            serializer.serialize_unit()
        }
    }

    struct Broken {
        bad: Fails,
        after: Counted,
    }
    crate::__object_to!(Broken { bad "bad" put, after "after" put });

    #[test]
    fn the_first_error_is_returned_and_nothing_is_written_after_it() {
        let written = serde_json::to_string(&Broken { bad: Fails, after: Counted });
        assert_eq!(written.map_err(|e| e.to_string()), Err("this value cannot be written".to_owned()));
        assert_eq!(WRITTEN_AFTER_THE_ERROR.with(Cell::get), 0);
    }
}
