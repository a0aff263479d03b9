//! The set of type names in use, so every generated type gets a distinct name.

use std::collections::HashSet;

/// Type names already taken in the generated scope.
#[derive(Debug, Default)]
pub struct NameTable {
    taken: HashSet<String>,
}

impl NameTable {
    /// Takes `wanted` if it is free; otherwise `wanted2`, `wanted3`, ...
    pub fn claim(&mut self, wanted: &str) -> String {
        let mut name = wanted.to_owned();
        let mut n = 2;
        while !self.taken.insert(name.clone()) {
            name = format!("{wanted}{n}");
            n += 1;
        }
        name
    }

    /// Takes `name` exactly; false when it is already taken.
    pub fn reserve(&mut self, name: &str) -> bool {
        self.taken.insert(name.to_owned())
    }
}
