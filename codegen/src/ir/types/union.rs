//! `oneOf` and `anyOf`: one variant per alternative, tagged when a property's constant
//! value tells them apart.

use std::collections::HashSet;

use crate::ir::types::shape::constant_strings_of;
use crate::ir::types::TypeBuilder;
use crate::ir::{Docs, Ty, TypeDef, TypeKind, Union, UnionVariant};
use crate::names::type_name;
use crate::names::NameTable;
use crate::spec::{Discriminator, Schema};

impl TypeBuilder<'_> {
    /// The variant names of a union defined here, in order (empty for anything else).
    pub fn variant_names(&self, ty: &Ty) -> Vec<String> {
        match ty {
            Ty::Named(name) => match self.defs.get(name).map(|d| &d.kind) {
                Some(TypeKind::Union(u)) => u.variants.iter().map(|v| v.rust.clone()).collect(),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        }
    }

    /// A named union of `alternatives` (several success bodies of one operation).
    /// `labels` name the variants that have no better name (a referenced schema's).
    pub fn union_ty(&mut self, alternatives: &[&Schema], hint: &str, labels: &[String]) -> Ty {
        let kind = self.union(alternatives, hint, None, labels);
        let name = self.names.claim(hint);
        let docs = Docs { paragraphs: vec![format!("One of the success responses of `{hint}`.")] };
        self.defs.insert(name.clone(), TypeDef::new(name.clone(), docs, kind));
        Ty::Named(name)
    }

    /// A union of `alternatives`; `labels` name the variants that have no better name.
    pub(super) fn union(
        &mut self,
        alternatives: &[&Schema],
        hint: &str,
        discriminator: Option<&Discriminator>,
        labels: &[String],
    ) -> TypeKind {
        let mut used = NameTable::default();
        let marks: Vec<Marks> = alternatives.iter().map(|alt| Marks::of(alt)).collect();
        let mut variants: Vec<UnionVariant> = alternatives
            .iter()
            .enumerate()
            .map(|(i, alt)| {
                let component = self.components.get(alt.reference.as_deref().unwrap_or(""));
                let (label, telling) = match (component, labels.get(i)) {
                    (Some(rust), _) => (rust.clone(), None),
                    (None, Some(label)) => (label.clone(), None),
                    (None, None) => variant_label(alt, &marks, i),
                };
                let rust = used.claim(&label);
                let ty = self.ty(alt, &format!("{hint}{rust}"));
                UnionVariant { rust, ty, tags: Vec::new(), telling }
            })
            .collect();
        let tag = self.union_tag(alternatives, discriminator);
        if let Some((_, values)) = &tag {
            for (variant, tags) in variants.iter_mut().zip(values) {
                variant.tags = tags.clone();
            }
        }
        let catch_all = used.claim("Unknown");
        TypeKind::Union(Union { variants, tag: tag.map(|(property, _)| property), catch_all })
    }

    /// The property whose value selects a variant, with each variant's values; `None` when
    /// no property tells every variant apart.
    pub(super) fn union_tag(
        &self,
        alternatives: &[&Schema],
        discriminator: Option<&Discriminator>,
    ) -> Option<(String, Vec<Vec<String>>)> {
        let objects: Vec<&Schema> = alternatives
            .iter()
            .map(|alt| alt.reference.as_ref().and_then(|r| self.spec.schemas.get(r)).unwrap_or(alt))
            .collect();
        let candidates: Vec<String> = match discriminator {
            Some(d) => vec![d.property.clone()],
            None => objects.first()?.properties.iter().map(|(name, _)| name.clone()).collect(),
        };
        'candidate: for property in candidates {
            let mut all = Vec::new();
            let mut seen = HashSet::new();
            for (alt, object) in alternatives.iter().zip(&objects) {
                let mut values: Vec<String> = discriminator
                    .map(|d| {
                        d.mapping
                            .iter()
                            .filter(|(_, target)| {
                                alt.reference
                                    .as_ref()
                                    .is_some_and(|r| target.rsplit('/').next() == Some(r.as_str()))
                            })
                            .map(|(value, _)| value.clone())
                            .collect()
                    })
                    .unwrap_or_default();
                if values.is_empty() {
                    values = constant_strings(object, &property);
                }
                if values.is_empty() && discriminator.is_some() {
                    values.extend(alt.reference.clone());
                }
                if values.is_empty() || !values.iter().all(|v| seen.insert(v.clone())) {
                    continue 'candidate;
                }
                all.push(values);
            }
            return Some((property, all));
        }
        None
    }
}

/// The fixed values of `property` in an object schema: its `const`, or a one-value `enum`.
fn constant_strings(object: &Schema, property: &str) -> Vec<String> {
    let Some((_, prop)) = object.properties.iter().find(|(name, _)| name == property) else {
        return Vec::new();
    };
    constant_strings_of(prop).into_iter().collect()
}

/// What may tell an inline alternative apart: a constant property and the properties it
/// requires.
struct Marks {
    /// `(property, value)` of the first property with a single constant string value.
    tag: Option<(String, String)>,
    required: Vec<String>,
}

impl Marks {
    fn of(alt: &Schema) -> Marks {
        let tag =
            alt.properties.iter().find_map(|(name, p)| constant_strings_of(p).map(|v| (name.clone(), v)));
        Marks { tag, required: alt.required.clone() }
    }
}

/// A readable variant name and what it says about the variant: the alternative's `title`; its
/// constant tag value where no other alternative has it; a property only it requires (with
/// the tag value when others share that: `PaymentWithPlanId`); else the JSON type.
fn variant_label(alt: &Schema, marks: &[Marks], index: usize) -> (String, Option<String>) {
    if let Some(title) = alt.title.as_deref().filter(|t| !t.trim().is_empty()) {
        return (type_name(title), Some(format!("*{}*", title.trim())));
    }
    let Some(own) = marks.get(index) else { return (format!("Variant{}", index + 1), None) };
    let others = || marks.iter().enumerate().filter(move |(j, _)| *j != index).map(|(_, m)| m);
    let shared_tag =
        own.tag.as_ref().is_some_and(|(_, v)| others().any(|m| m.tag.as_ref().is_some_and(|(_, w)| w == v)));
    let only_required = own.required.iter().find(|p| others().all(|m| !m.required.contains(p)));
    match (&own.tag, shared_tag, only_required) {
        (Some((property, value)), false, _) => {
            (type_name(value), Some(format!("`{property}` is `\"{value}\"`")))
        }
        (Some((property, value)), true, Some(required)) => (
            format!("{}With{}", type_name(value), type_name(required)),
            Some(format!("`{property}` is `\"{value}\"`, with `{required}` (which no other form requires)")),
        ),
        (None, _, Some(required)) => {
            (type_name(required), Some(format!("The form with `{required}` (which no other form requires)")))
        }
        (Some((property, value)), true, None) => {
            (type_name(value), Some(format!("`{property}` is `\"{value}\"`")))
        }
        (None, _, None) => match alt.types.iter().find(|t| *t != "null").map(String::as_str) {
            Some("object") | None => (format!("Variant{}", index + 1), None),
            Some(t) => (type_name(t), Some(format!("A JSON {t}"))),
        },
    }
}
