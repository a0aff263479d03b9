//! How generated types reach each other: which ways each travels (its [`Usage`], from the
//! types requests send and responses return) and which fields must be boxed because a type
//! contains itself through them.

use std::collections::{HashMap, HashSet};

use crate::ir::{Ty, TypeDef, TypeKind, Usage};

/// Sets every definition's [`Usage`]: sent when reachable from `sent_roots`, received when
/// reachable from `received_roots` or from no root at all (users decode such types from
/// elsewhere); with `both`, every type is both.
pub fn assign_usage(
    defs: &mut [TypeDef],
    sent_roots: HashSet<String>,
    received_roots: HashSet<String>,
    both: bool,
) {
    let sent = closure(defs, sent_roots);
    let mut received = closure(defs, received_roots);
    let unreached: HashSet<String> = defs
        .iter()
        .filter(|d| !sent.contains(&d.name) && !received.contains(&d.name))
        .map(|d| d.name.clone())
        .collect();
    received.extend(closure(defs, unreached));
    for def in defs {
        let input = sent.contains(&def.name);
        def.usage = Usage { sent: both || input, input, received: both || received.contains(&def.name) };
    }
}

/// The names a type expression mentions.
pub(crate) fn named_in(ty: &Ty) -> Vec<String> {
    match ty {
        Ty::Named(name) => vec![name.clone()],
        Ty::Vec(t) | Ty::Map(t) | Ty::Option(t) | Ty::Boxed(t) => named_in(t),
        _ => Vec::new(),
    }
}

/// Every type reachable from the `roots` through fields, variants and aliases.
fn closure(defs: &[TypeDef], roots: HashSet<String>) -> HashSet<String> {
    let by_name: HashMap<&str, &TypeDef> = defs.iter().map(|d| (d.name.as_str(), d)).collect();
    let mut seen = HashSet::new();
    let mut stack: Vec<String> = roots.into_iter().collect();
    while let Some(name) = stack.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        let Some(def) = by_name.get(name.as_str()) else { continue };
        stack.extend(contained_types(def).into_iter().flat_map(named_in));
    }
    seen
}

/// The types a definition holds directly.
fn contained_types(def: &TypeDef) -> Vec<&Ty> {
    match &def.kind {
        TypeKind::Struct(s) => s.fields.iter().map(|f| &f.ty).collect(),
        TypeKind::Union(u) => u.variants.iter().map(|v| &v.ty).collect(),
        TypeKind::Alias(t) => vec![t],
        TypeKind::StringEnum { .. } => Vec::new(),
    }
}

/// Boxes each field or variant through which a type contains itself by value.
pub fn box_recursive_fields(types: &mut [TypeDef]) {
    let by_value: HashMap<String, Vec<String>> =
        types.iter().map(|t| (t.name.clone(), by_value_refs(t))).collect();
    let reaches = |from: &str, target: &str| {
        let mut stack = vec![from.to_owned()];
        let mut seen = HashSet::new();
        while let Some(n) = stack.pop() {
            if n == target {
                return true;
            }
            if seen.insert(n.clone()) {
                stack.extend(by_value.get(&n).into_iter().flatten().cloned());
            }
        }
        false
    };
    for def in types.iter_mut() {
        let owner = def.name.clone();
        let slots: Vec<&mut Ty> = match &mut def.kind {
            TypeKind::Struct(s) => s.fields.iter_mut().map(|f| &mut f.ty).collect(),
            TypeKind::Union(u) => u.variants.iter_mut().map(|v| &mut v.ty).collect(),
            TypeKind::Alias(t) => vec![t],
            TypeKind::StringEnum { .. } => Vec::new(),
        };
        for slot in slots {
            let target = match slot {
                Ty::Named(n) => Some(n.clone()),
                Ty::Option(inner) => match inner.as_ref() {
                    Ty::Named(n) => Some(n.clone()),
                    _ => None,
                },
                _ => None,
            };
            if let Some(target) = target {
                if reaches(&target, &owner) {
                    let named = Ty::Boxed(Box::new(Ty::Named(target)));
                    *slot = match slot {
                        Ty::Option(_) => Ty::Option(Box::new(named)),
                        _ => named,
                    };
                }
            }
        }
    }
}

fn by_value_refs(def: &TypeDef) -> Vec<String> {
    contained_types(def)
        .into_iter()
        .filter_map(|t| match t {
            Ty::Named(n) => Some(n.clone()),
            Ty::Option(inner) => match inner.as_ref() {
                Ty::Named(n) => Some(n.clone()),
                _ => None,
            },
            _ => None,
        })
        .collect()
}
