//! Definitions that are the same type under two names become one type and an alias.
//!
//! Specs published from SDK generators repeat inline objects: every operation that returns a
//! user spells the same `user` object out again, and each copy gets a name of its own
//! (`ReactionUser`, `ReactionListResponseUser`). In `whop-full.yml` 302 of 954 definitions are
//! such copies. Each would be a struct with its own derives, serde impls and setters, and
//! rustc's work on a rebuild grows with the number of items, so a copy becomes
//! `pub type Copy = Original;`: the name users write stays, and so do its docs.
//!
//! Two definitions are the same when everything the emitter reads from them is equal (kind,
//! fields or variants with their wire names, docs and types, and [`Usage`](crate::ir::Usage)),
//! with the types they mention compared after the same merging, repeated until nothing
//! changes, so that objects holding identical objects merge too. Only the type-level docs may
//! differ: the alias keeps its own.

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

use crate::ir::{Ty, TypeDef, TypeKind};

/// Turns every definition that repeats an earlier one into an alias of it, and returns the
/// map from each alias to the type it now names. The type kept is a spec component when the
/// group has one, else the one with the shortest name (then the first in order).
pub fn share_identical(types: &mut [TypeDef], components: &HashSet<String>) -> HashMap<String, String> {
    let mut kept_for: HashMap<String, String> = HashMap::new();
    // What the rounds below do not change (names, wire names, docs) is hashed once.
    let without_types: Vec<u64> = types.iter().map(signature_without_types).collect();
    loop {
        // Bucketed by a signature that hashes without cloning; a bucket is then split by
        // full equality, so a collision never merges two different definitions.
        let mut buckets: HashMap<u64, Vec<usize>> = HashMap::new();
        for (index, def) in types.iter().enumerate() {
            if kept_for.contains_key(&def.name) || matches!(def.kind, TypeKind::Alias(_)) {
                continue;
            }
            buckets.entry(signature(without_types[index], def, &kept_for)).or_default().push(index);
        }
        let mut merged = false;
        for bucket in buckets.values().filter(|b| b.len() > 1) {
            for group in equal_groups(bucket, types, &kept_for) {
                let keep = preferred(&group, types, components);
                for &index in group.iter().filter(|&&i| i != keep) {
                    kept_for.insert(types[index].name.clone(), types[keep].name.clone());
                    merged = true;
                }
            }
        }
        if !merged {
            break;
        }
    }
    for def in types.iter_mut() {
        if let Some(kept) = kept_for.get(&def.name) {
            def.kind = TypeKind::Alias(Ty::Named(kept.clone()));
        }
    }
    kept_for
}

/// A hash of what makes two definitions the same apart from the types they mention.
/// Leaving something out only makes buckets coarser.
fn signature_without_types(def: &TypeDef) -> u64 {
    let mut hasher = DefaultHasher::new();
    def.usage.hash(&mut hasher);
    std::mem::discriminant(&def.kind).hash(&mut hasher);
    match &def.kind {
        TypeKind::Struct(s) => {
            for field in &s.fields {
                (&field.rust, &field.wire, field.required, &field.fixed, &field.docs).hash(&mut hasher);
            }
        }
        TypeKind::Union(u) => {
            (&u.tag, &u.catch_all).hash(&mut hasher);
            for variant in &u.variants {
                (&variant.rust, &variant.tags, &variant.telling).hash(&mut hasher);
            }
        }
        TypeKind::StringEnum { variants, catch_all } => (variants, catch_all).hash(&mut hasher),
        TypeKind::Alias(_) => {}
    }
    hasher.finish()
}

/// [`signature_without_types`] with the types the definition mentions, each named by the
/// type it is merged into.
fn signature(without_types: u64, def: &TypeDef, kept_for: &HashMap<String, String>) -> u64 {
    let mut hasher = DefaultHasher::new();
    without_types.hash(&mut hasher);
    let ty = |ty: &Ty, hasher: &mut DefaultHasher| hash_renamed(ty, kept_for, hasher);
    match &def.kind {
        TypeKind::Struct(s) => s.fields.iter().for_each(|field| ty(&field.ty, &mut hasher)),
        TypeKind::Union(u) => u.variants.iter().for_each(|variant| ty(&variant.ty, &mut hasher)),
        TypeKind::StringEnum { .. } => {}
        TypeKind::Alias(alias) => ty(alias, &mut hasher),
    }
    hasher.finish()
}

fn hash_renamed(ty: &Ty, kept_for: &HashMap<String, String>, hasher: &mut DefaultHasher) {
    std::mem::discriminant(ty).hash(hasher);
    match ty {
        Ty::Named(name) => kept_for.get(name).unwrap_or(name).hash(hasher),
        Ty::Vec(inner) | Ty::Map(inner) | Ty::Option(inner) | Ty::Boxed(inner) => {
            hash_renamed(inner, kept_for, hasher);
        }
        _ => {}
    }
}

/// The members of a bucket in groups of equal definitions, each group of two or more.
fn equal_groups(bucket: &[usize], types: &[TypeDef], kept_for: &HashMap<String, String>) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for &index in bucket {
        match groups.iter_mut().find(|g| same(&types[g[0]], &types[index], kept_for)) {
            Some(group) => group.push(index),
            None => groups.push(vec![index]),
        }
    }
    groups.retain(|g| g.len() > 1);
    groups
}

/// Equal once merged types are named alike; equal as they stand is enough, and needs no copy.
fn same(a: &TypeDef, b: &TypeDef, kept_for: &HashMap<String, String>) -> bool {
    a.usage == b.usage && (a.kind == b.kind || renamed(&a.kind, kept_for) == renamed(&b.kind, kept_for))
}

/// The member of a group whose name the others become aliases of.
fn preferred(group: &[usize], types: &[TypeDef], components: &HashSet<String>) -> usize {
    let mut best = group[0];
    for &index in &group[1..] {
        let rank = |i: usize| (!components.contains(&types[i].name), types[i].name.len(), i);
        if rank(index) < rank(best) {
            best = index;
        }
    }
    best
}

/// The examples keyed by the types that remain: an alias's example goes to the type it names
/// when that has none.
pub fn examples_of_kept(
    examples: Vec<(String, String)>,
    kept_for: &HashMap<String, String>,
) -> Vec<(String, String)> {
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(examples.len());
    // The kept type's own example first, then an alias's.
    let (own, of_aliases): (Vec<_>, Vec<_>) =
        examples.into_iter().partition(|(name, _)| !kept_for.contains_key(name));
    for (name, json) in own.into_iter().chain(of_aliases) {
        let name = kept_for.get(&name).cloned().unwrap_or(name);
        if seen.insert(name.clone()) {
            out.push((name, json));
        }
    }
    out
}

/// `kind` with every mentioned type named by the type it is merged into.
fn renamed(kind: &TypeKind, kept_for: &HashMap<String, String>) -> TypeKind {
    let mut kind = kind.clone();
    kind.rename_with(&|name| kept_for.get(name).map(String::as_str));
    kind
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Docs, Field, FieldPlace, Struct};

    fn field(name: &str, ty: Ty, doc: &str) -> Field {
        let mut docs = Docs::default();
        docs.push(Some(doc));
        Field {
            rust: name.to_owned(),
            wire: name.to_owned(),
            ty,
            required: true,
            place: FieldPlace::Body,
            fixed: None,
            docs,
        }
    }

    fn object(name: &str, fields: Vec<Field>) -> TypeDef {
        TypeDef::new(name.to_owned(), Docs::default(), TypeKind::Struct(Struct { fields }))
    }

    fn named(name: &str) -> Ty {
        Ty::Named(name.to_owned())
    }

    fn aliased(types: &[TypeDef]) -> Vec<(String, String)> {
        types
            .iter()
            .filter_map(|t| match &t.kind {
                TypeKind::Alias(Ty::Named(to)) => Some((t.name.clone(), to.clone())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn copies_merge_through_the_objects_they_hold_and_the_component_is_kept() {
        let mut types = vec![
            object("ReactionListResponseUser", vec![field("id", Ty::String, "The id.")]),
            object("ReactionListResponse", vec![field("user", named("ReactionListResponseUser"), "Who.")]),
            object("ReactionUser", vec![field("id", Ty::String, "The id.")]),
            object("Reaction", vec![field("user", named("ReactionUser"), "Who.")]),
        ];
        let components = HashSet::from(["ReactionListResponse".to_owned()]);
        share_identical(&mut types, &components);
        assert_eq!(
            aliased(&types),
            [
                ("ReactionListResponseUser".to_owned(), "ReactionUser".to_owned()),
                ("Reaction".to_owned(), "ReactionListResponse".to_owned()),
            ]
        );
    }

    #[test]
    fn objects_that_differ_in_a_field_doc_wire_name_or_usage_stay_apart() {
        let mut other_wire = field("id", Ty::String, "The id.");
        other_wire.wire = "ID".to_owned();
        let mut sent = object("Sent", vec![field("id", Ty::String, "The id.")]);
        sent.usage.sent = true;
        let mut types = vec![
            object("A", vec![field("id", Ty::String, "The id.")]),
            object("B", vec![field("id", Ty::String, "Another id.")]),
            object("C", vec![other_wire]),
            sent,
        ];
        share_identical(&mut types, &HashSet::new());
        assert_eq!(aliased(&types), []);
    }

    #[test]
    fn an_alias_example_moves_to_the_kept_type_only_when_it_has_none() {
        let kept_for =
            HashMap::from([("Copy".to_owned(), "Kept".to_owned()), ("Other".to_owned(), "Lone".to_owned())]);
        let examples = vec![
            ("Copy".to_owned(), "1".to_owned()),
            ("Kept".to_owned(), "2".to_owned()),
            ("Other".to_owned(), "3".to_owned()),
        ];
        assert_eq!(
            examples_of_kept(examples, &kept_for),
            [("Kept".to_owned(), "2".to_owned()), ("Lone".to_owned(), "3".to_owned())]
        );
    }
}
