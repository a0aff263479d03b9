//! The one `allOf` merge: the properties and required names of an object made of parts.
//! Types and the mock's example values both read it, so they cannot disagree.

use std::collections::HashSet;

use crate::spec::{Schema, Spec};

/// The merged object of an `allOf` schema.
#[derive(Debug, Default)]
pub struct Merged<'s> {
    /// Properties in order of first appearance: the parts in order (following `$ref`s to
    /// components, nested `allOf`s depth first), then the schema's own `properties`. A property
    /// named again keeps its first place and takes the later schema, which restates it.
    pub properties: Vec<(&'s str, &'s Schema)>,
    /// Every part's `required`, and the schema's own.
    pub required: Vec<&'s str>,
}

/// Merges `schema`'s `allOf` parts and its own properties into one object.
pub fn merge<'s>(spec: &'s Spec, schema: &'s Schema) -> Merged<'s> {
    let mut merged = Merged::default();
    let mut seen = HashSet::new();
    let mut stack: Vec<&Schema> = schema.all_of.iter().rev().collect();
    while let Some(part) = stack.pop() {
        if let Some(target) = part.reference.as_ref().and_then(|r| spec.schemas.get(r)) {
            // A component reached twice (a diamond or a cycle) is merged once.
            if seen.insert(target.ptr.as_str()) {
                stack.push(target);
            }
            continue;
        }
        stack.extend(part.all_of.iter().rev());
        merged.add(part);
    }
    merged.add(schema);
    merged
}

impl<'s> Merged<'s> {
    fn add(&mut self, part: &'s Schema) {
        for (name, prop) in &part.properties {
            match self.properties.iter_mut().find(|(n, _)| n == name) {
                Some(slot) => slot.1 = prop,
                None => self.properties.push((name, prop)),
            }
        }
        for name in &part.required {
            if !self.required.contains(&name.as_str()) {
                self.required.push(name);
            }
        }
    }
}
