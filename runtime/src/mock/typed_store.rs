//! Typed access to the stateful mock's objects, one collection at a time: what tests seed
//! and read back.

use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::mock::server::{lock, MockServer};
use crate::mock::store::Stored;

/// Typed access to one collection of the stateful mock: seed objects, read what the code
/// under test stored, clear it. `T` is the item type.
#[must_use]
pub struct MockStore<'a, T> {
    server: &'a MockServer,
    collection: usize,
    item: PhantomData<fn() -> T>,
}

impl<T> std::fmt::Debug for MockStore<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockStore").field("collection", &self.collection).finish_non_exhaustive()
    }
}

impl<'a, T: Serialize + DeserializeOwned> MockStore<'a, T> {
    pub(crate) fn new(server: &'a MockServer, collection: usize) -> Self {
        MockStore { server, collection, item: PhantomData }
    }

    /// Stores `value` (as the last created), keeping its `id`, or giving it a fresh one when it
    /// has none; returns the id.
    ///
    /// # Errors
    /// When `value` does not serialise to a JSON object.
    pub fn insert(&self, value: &T) -> Result<String, serde_json::Error> {
        self.insert_under(&[], value)
    }

    /// Stores `value` in a nested collection, under the parent path parameters
    /// (`&["aff_1"]` for `/affiliates/{id}/overrides`).
    ///
    /// # Errors
    /// When `value` does not serialise to a JSON object.
    pub fn insert_under(&self, parents: &[&str], value: &T) -> Result<String, serde_json::Error> {
        let mut value = serde_json::to_value(value)?;
        if !value.is_object() {
            return Err(serde::ser::Error::custom("a stored object must serialise to a JSON object"));
        }
        let mut state = lock(&self.server.state);
        let prefix = state.store.id_prefix(self.collection);
        let given = value.get("id").and_then(Value::as_str).filter(|id| !id.is_empty()).map(str::to_owned);
        let id = match given {
            Some(id) => id,
            None => state.store.mint(&prefix),
        };
        if let Some(object) = value.as_object_mut() {
            object.insert("id".to_owned(), Value::String(id.clone()));
        }
        let parents = parents.iter().map(|p| (*p).to_owned()).collect();
        if let Some(items) = state.store.items.get_mut(self.collection) {
            items.retain(|s| s.id != id);
            items.push(Stored { id: id.clone(), parents, value });
        }
        Ok(id)
    }

    /// Every stored object, in creation order.
    ///
    /// # Errors
    /// When a stored object no longer fits `T` (never for objects the mock built).
    pub fn all(&self) -> Result<Vec<T>, serde_json::Error> {
        let values: Vec<Value> = self.with_items(|items| items.iter().map(|s| s.value.clone()).collect());
        values.into_iter().map(serde_json::from_value).collect()
    }

    /// The stored object with this id, if there is one.
    ///
    /// # Errors
    /// As [`all`](Self::all).
    pub fn get(&self, id: &str) -> Result<Option<T>, serde_json::Error> {
        let value = self.with_items(|items| items.iter().find(|s| s.id == id).map(|s| s.value.clone()));
        value.map(serde_json::from_value).transpose()
    }

    /// How many objects are stored.
    #[must_use]
    pub fn len(&self) -> usize {
        self.with_items(<[Stored]>::len)
    }

    /// Whether nothing is stored.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Forgets every stored object of this collection.
    pub fn clear(&self) {
        let mut state = lock(&self.server.state);
        if let Some(items) = state.store.items.get_mut(self.collection) {
            items.clear();
        }
    }

    fn with_items<R>(&self, read: impl FnOnce(&[Stored]) -> R) -> R {
        let state = lock(&self.server.state);
        read(state.store.items.get(self.collection).map_or(&[], Vec::as_slice))
    }
}
