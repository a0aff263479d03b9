//! A generated struct written as a JSON object: `__object_to!` and what it calls.

use std::collections::BTreeMap;

use serde::ser::{Serialize, SerializeMap, Serializer};

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
