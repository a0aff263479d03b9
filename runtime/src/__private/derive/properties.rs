//! A struct's properties as one tuple, in the order of its property names: how generated
//! `Serialize` and `Deserialize` impls name their fields once each.
//!
//! A generated impl passes the tuple (`(&self.id, self.note.as_ref())` out, a closure taking
//! `(id, note)` in) and the property names; the per-property work is the tuple impls below,
//! compiled once here. Tuples go up to twelve elements; a longer struct nests the rest of its
//! properties in a [`Rest`] as the twelfth, so any number of properties fits.

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap};
use std::fmt;

/// The properties after the first eleven, as a tuple of their own (which may nest again).
#[derive(Debug, Clone, Copy)]
pub struct Rest<T>(pub T);

/// An optional nullable property of a request type, decoded so that absent (`None`) and `null`
/// (`Some(None)`) stay apart.
#[derive(Debug)]
pub struct ThreeState<T>(pub Option<Option<T>>);

/// One property being decoded: where its value waits until the object ends, and what it is
/// when the object did not have it.
pub trait Property<'de>: Sized {
    /// The value read so far, if any (empty by default).
    type Slot: Default;

    /// Reads the current map value into `slot` (a repeated property: the last one wins).
    ///
    /// # Errors
    /// When the value does not decode as the property's type.
    fn fill<A: MapAccess<'de>>(slot: &mut Self::Slot, map: &mut A) -> Result<(), A::Error>;

    /// The property's value once the object has ended.
    ///
    /// # Errors
    /// When a property that is not an `Option` is missing.
    fn finish<E: de::Error>(slot: Self::Slot, name: &'static str) -> Result<Self, E>;
}

/// A property of any decodable type: missing is an error unless the type is an `Option`
/// (then `None`, as serde's derive does); `null` decodes as the type decodes it.
impl<'de, T: Deserialize<'de>> Property<'de> for T {
    type Slot = Option<T>;

    fn fill<A: MapAccess<'de>>(slot: &mut Option<T>, map: &mut A) -> Result<(), A::Error> {
        *slot = Some(map.next_value()?);
        Ok(())
    }

    fn finish<E: de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
        match slot {
            Some(value) => Ok(value),
            None => T::deserialize(Missing).map_err(|_: Never| E::missing_field(name)),
        }
    }
}

/// Read as an `Option<T>` property is; only a missing one ends differently.
impl<'de, T: Deserialize<'de>> Property<'de> for ThreeState<T> {
    type Slot = Option<Option<T>>;

    fn fill<A: MapAccess<'de>>(slot: &mut Option<Option<T>>, map: &mut A) -> Result<(), A::Error> {
        <Option<T> as Property<'de>>::fill(slot, map)
    }

    fn finish<E: de::Error>(slot: Option<Option<T>>, _: &'static str) -> Result<Self, E> {
        Ok(ThreeState(slot))
    }
}

/// A struct's properties being decoded, as a tuple of [`Property`] values in name order.
pub trait Properties<'de>: Sized {
    /// The slots of all the properties (empty by default: tuples of up to twelve slots).
    type Slots: Default;

    /// Reads the current map value into the slot of the property at `index`.
    ///
    /// # Errors
    /// When the value does not decode as that property's type.
    fn fill<A: MapAccess<'de>>(slots: &mut Self::Slots, index: usize, map: &mut A) -> Result<(), A::Error>;

    /// The properties once the object has ended; `names` are theirs, in the same order.
    ///
    /// # Errors
    /// When a required property is missing.
    fn finish<E: de::Error>(slots: Self::Slots, names: &'static [&'static str]) -> Result<Self, E>;
}

/// A struct's properties being encoded, as a tuple of [`Written`] values in name order.
pub trait WrittenAll {
    /// Writes each property under its name in `names`.
    ///
    /// # Errors
    /// The first error of the map's.
    fn write_all<M: SerializeMap>(&self, names: &'static [&'static str], map: &mut M)
        -> Result<(), M::Error>;
}

/// One property being encoded: `&value` is always written (`None` as `null`); an
/// `Option<&value>` (from `field.as_ref()`) only when it is set.
pub trait Written {
    /// Writes the property under `name`, if it is to be sent.
    ///
    /// # Errors
    /// The map's.
    fn write<M: SerializeMap>(&self, name: &'static str, map: &mut M) -> Result<(), M::Error>;
}

impl<T: Serialize + ?Sized> Written for &T {
    fn write<M: SerializeMap>(&self, name: &'static str, map: &mut M) -> Result<(), M::Error> {
        map.serialize_entry(name, *self)
    }
}

impl<T: Serialize> Written for Option<&T> {
    fn write<M: SerializeMap>(&self, name: &'static str, map: &mut M) -> Result<(), M::Error> {
        match self {
            Some(value) => map.serialize_entry(name, *value),
            None => Ok(()),
        }
    }
}

/// The name at `index`; generated code passes as many names as properties.
fn name(names: &'static [&'static str], index: usize) -> &'static str {
    names.get(index).copied().unwrap_or("?")
}

/// The names after the first `count`.
fn rest(names: &'static [&'static str], count: usize) -> &'static [&'static str] {
    names.get(count..).unwrap_or_default()
}

/// The tuple impls of one length: `tuple!(0 P0, 1 P1, ..)`.
macro_rules! tuple {
    ($($index:tt $p:ident),*) => {
        impl<'de, $($p: Property<'de>),*> Properties<'de> for ($($p,)*) {
            type Slots = ($($p::Slot,)*);

            #[allow(unused_variables)]
            fn fill<A: MapAccess<'de>>(slots: &mut Self::Slots, index: usize, map: &mut A) -> Result<(), A::Error> {
                match index {
                    $($index => $p::fill(&mut slots.$index, map),)*
                    _ => super::skip_value(map),
                }
            }

            #[allow(unused_variables, clippy::unused_unit)]
            fn finish<E: de::Error>(slots: Self::Slots, names: &'static [&'static str]) -> Result<Self, E> {
                Ok(($($p::finish(slots.$index, name(names, $index))?,)*))
            }
        }

        impl<$($p: Written),*> WrittenAll for ($($p,)*) {
            #[allow(unused_variables)]
            fn write_all<M: SerializeMap>(&self, names: &'static [&'static str], map: &mut M) -> Result<(), M::Error> {
                $(self.$index.write(name(names, $index), map)?;)*
                Ok(())
            }
        }
    };
}

tuple!();
tuple!(0 P0);
tuple!(0 P0, 1 P1);
tuple!(0 P0, 1 P1, 2 P2);
tuple!(0 P0, 1 P1, 2 P2, 3 P3);
tuple!(0 P0, 1 P1, 2 P2, 3 P3, 4 P4);
tuple!(0 P0, 1 P1, 2 P2, 3 P3, 4 P4, 5 P5);
tuple!(0 P0, 1 P1, 2 P2, 3 P3, 4 P4, 5 P5, 6 P6);
tuple!(0 P0, 1 P1, 2 P2, 3 P3, 4 P4, 5 P5, 6 P6, 7 P7);
tuple!(0 P0, 1 P1, 2 P2, 3 P3, 4 P4, 5 P5, 6 P6, 7 P7, 8 P8);
tuple!(0 P0, 1 P1, 2 P2, 3 P3, 4 P4, 5 P5, 6 P6, 7 P7, 8 P8, 9 P9);
tuple!(0 P0, 1 P1, 2 P2, 3 P3, 4 P4, 5 P5, 6 P6, 7 P7, 8 P8, 9 P9, 10 P10);
tuple!(0 P0, 1 P1, 2 P2, 3 P3, 4 P4, 5 P5, 6 P6, 7 P7, 8 P8, 9 P9, 10 P10, 11 P11);

/// How many properties a tuple holds before its [`Rest`].
const BEFORE_REST: usize = 11;

/// Eleven properties and a [`Rest`] holding the others.
macro_rules! tuple_with_rest {
    ($($index:tt $p:ident),*) => {
        impl<'de, $($p: Property<'de>,)* R: Properties<'de>> Properties<'de> for ($($p,)* Rest<R>) {
            type Slots = ($($p::Slot,)* R::Slots);

            fn fill<A: MapAccess<'de>>(slots: &mut Self::Slots, index: usize, map: &mut A) -> Result<(), A::Error> {
                match index {
                    $($index => $p::fill(&mut slots.$index, map),)*
                    _ => R::fill(&mut slots.11, index - BEFORE_REST, map),
                }
            }

            fn finish<E: de::Error>(slots: Self::Slots, names: &'static [&'static str]) -> Result<Self, E> {
                Ok(($($p::finish(slots.$index, name(names, $index))?,)* Rest(R::finish(slots.11, rest(names, BEFORE_REST))?)))
            }
        }

        impl<$($p: Written,)* R: WrittenAll> WrittenAll for ($($p,)* Rest<R>) {
            fn write_all<M: SerializeMap>(&self, names: &'static [&'static str], map: &mut M) -> Result<(), M::Error> {
                $(self.$index.write(name(names, $index), map)?;)*
                self.11 .0.write_all(rest(names, BEFORE_REST), map)
            }
        }
    };
}

tuple_with_rest!(0 P0, 1 P1, 2 P2, 3 P3, 4 P4, 5 P5, 6 P6, 7 P7, 8 P8, 9 P9, 10 P10);

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
