//! A generated struct decoded from a JSON object: the map visitor every struct's
//! `Deserialize` impl shares.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

/// A map key as a generated struct sees it: the index of one of its properties, or another
/// name.
#[derive(Debug)]
enum Key {
    /// The property at this index of the struct's property list.
    Known(usize),
    /// A property the struct does not list, named for its additional-properties map.
    Other(String),
    /// A property the struct does not list and does not keep.
    Skipped,
}

/// Looks a map key up in a struct's property names, allocating only for an unlisted name the
/// struct keeps (responses often carry properties a spec does not list yet).
#[derive(Debug, Clone, Copy)]
struct Fields {
    names: &'static [&'static str],
    keeps_others: bool,
}

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
        Ok(match self.names.iter().position(|known| *known == name) {
            Some(index) => Key::Known(index),
            None if self.keeps_others => Key::Other(name.to_owned()),
            None => Key::Skipped,
        })
    }
}

/// Unlisted properties, as a generated struct keeps them: skipped (`()`), or collected into
/// its additional-properties map.
pub trait Extras: Default {
    /// Whether unlisted properties are kept, and so need their names.
    const KEEPS: bool;

    /// Consumes the value of the property `name`.
    ///
    /// # Errors
    /// When the value does not decode as the map's value type.
    fn take<'de, A: MapAccess<'de>>(&mut self, name: String, map: &mut A) -> Result<(), A::Error>;
}

impl Extras for () {
    const KEEPS: bool = false;

    fn take<'de, A: MapAccess<'de>>(&mut self, _: String, map: &mut A) -> Result<(), A::Error> {
        super::skip_value(map)
    }
}

impl<V: for<'a> Deserialize<'a>> Extras for BTreeMap<String, V> {
    const KEEPS: bool = true;

    fn take<'de, A: MapAccess<'de>>(&mut self, name: String, map: &mut A) -> Result<(), A::Error> {
        let value = map.next_value()?;
        self.insert(name, value);
        Ok(())
    }
}

/// The serde visitor of every generated struct: reads the map into the properties' slots,
/// then hands the decoded tuple and the unlisted properties to `build`.
struct Object<P, X, F> {
    name: &'static str,
    names: &'static [&'static str],
    build: F,
    decoded: PhantomData<fn() -> (P, X)>,
}

impl<'de, P: super::Properties<'de>, X: Extras, T, F: FnOnce(P, X) -> T> Visitor<'de> for Object<P, X, F> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object ({})", self.name)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut slots = P::Slots::default();
        let mut extras = X::default();
        let fields = Fields { names: self.names, keeps_others: X::KEEPS };
        while let Some(key) = map.next_key_seed(fields)? {
            match key {
                Key::Known(index) => P::fill(&mut slots, index, &mut map)?,
                Key::Other(name) => extras.take(name, &mut map)?,
                Key::Skipped => super::skip_value(&mut map)?,
            }
        }
        Ok((self.build)(P::finish(slots, self.names)?, extras))
    }
}

/// `Deserialize` of a generated struct named `name`, whose properties are `names`:
/// `build` gets them decoded, as a tuple in the same order, and the unlisted ones (`()`, or
/// the additional-properties map).
///
/// # Errors
/// When the value is not an object, a property does not decode, or a required one is missing.
pub fn decode<'de, D, P, X, T>(
    deserializer: D,
    name: &'static str,
    names: &'static [&'static str],
    build: impl FnOnce(P, X) -> T,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    P: super::Properties<'de>,
    X: Extras,
{
    deserializer.deserialize_map(Object { name, names, build, decoded: PhantomData })
}
