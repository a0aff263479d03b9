//! A generated struct written as a JSON object.

use std::collections::BTreeMap;

use serde::ser::{Serialize, SerializeMap, Serializer};

/// Unlisted properties written beside the listed ones: none (`()`), or a struct's
/// additional-properties map.
pub trait ExtrasOut {
    /// Writes each entry.
    ///
    /// # Errors
    /// The map's.
    fn write_extras<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error>;
}

impl ExtrasOut for () {
    fn write_extras<M: SerializeMap>(&self, _: &mut M) -> Result<(), M::Error> {
        Ok(())
    }
}

impl<V: Serialize> ExtrasOut for &BTreeMap<String, V> {
    fn write_extras<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        self.iter().try_for_each(|(name, value)| map.serialize_entry(name, value))
    }
}

/// `Serialize` of a generated struct: `properties` are its fields as a tuple (`&field`
/// always written, `field.as_ref()` only when set) named by `names`, and `extras` its
/// unlisted properties.
///
/// # Errors
/// The first error of the serializer's.
pub fn encode<S: Serializer>(
    serializer: S,
    names: &'static [&'static str],
    properties: impl super::WrittenAll,
    extras: impl ExtrasOut,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(None)?;
    properties.write_all(names, &mut map)?;
    extras.write_extras(&mut map)?;
    map.end()
}
