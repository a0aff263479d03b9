//! Structs, string enums, unions and aliases, with the impls their usage calls for, written
//! as text (`emit::text`). Not derived: rustc expands, lowers and hashes every generated item
//! on each rebuild of the crate that invokes `whop_api!`, and the derives' output costs it
//! more. Structs' and string enums' impls are written out here, since matching a
//! `macro_rules!` for each of hundreds of types measured dearer still; the few unions' go
//! through the runtime's macros (see `whop_api::__private::derive` and BENCHMARKS.md).

mod builder;
mod string_enum;
mod struct_serde;

use std::collections::BTreeSet;

use crate::emit::text::{self, put};
use crate::ir::{Api, Field, FieldPlace, Struct, Ty, TypeDef, TypeKind, Union, Usage};

/// The types that some field holds a fixed value (`const`) of: constructors build those from
/// their text, so they need `FromWire`.
pub fn fixed_types(api: &Api) -> BTreeSet<&str> {
    let structs = api.types.iter().filter_map(|def| match &def.kind {
        TypeKind::Struct(s) => Some(s),
        _ => None,
    });
    structs
        .flat_map(|s| &s.fields)
        .filter(|f| f.fixed.is_some())
        .filter_map(|f| match &f.ty {
            Ty::Named(name) => Some(name.as_str()),
            _ => None,
        })
        .collect()
}

/// One named type; `fixed`: some field holds a fixed value of it (see [`fixed_types`]).
pub fn type_def(out: &mut String, def: &TypeDef, fixed: bool) {
    let name = def.name.as_str();
    text::docs(out, &def.docs);
    match &def.kind {
        TypeKind::Struct(s) => struct_def(out, name, s, def.usage),
        TypeKind::StringEnum { variants, catch_all } => {
            string_enum::string_enum(out, name, variants, catch_all, def.usage, fixed);
        }
        TypeKind::Union(u) => union(out, name, u, def.usage),
        TypeKind::Alias(target) => {
            put!(out, "pub type ", name, " = ");
            text::ty(out, target);
            put!(out, ";\n");
        }
    }
}

/// The declared type of a field: optional fields add `Option`, and in request types an
/// optional nullable field is `Option<Option<T>>` so absent, `null` and a value all exist.
fn field_ty(field: &Field, is_input: bool) -> Ty {
    match (&field.ty, field.required) {
        (ty, true) => ty.clone(),
        (Ty::Option(inner), false) if !is_three_state(field, is_input) => Ty::Option(inner.clone()),
        (Ty::Json, false) => Ty::Option(Box::new(Ty::Json)),
        (ty, false) => Ty::Option(Box::new(ty.clone())),
    }
}

/// Only a JSON body can tell `null` from absent; query and header values are simply unset.
fn is_three_state(field: &Field, is_input: bool) -> bool {
    is_input && !field.required && field.place == FieldPlace::Body && matches!(field.ty, Ty::Option(_))
}

/// A struct (its docs already written) with its `PartialEq`, its builder (request types) and
/// its serde impls.
fn struct_def(out: &mut String, name: &str, s: &Struct, usage: Usage) {
    put!(out, "#[derive(Debug, Clone)]\npub struct ", name, " {\n");
    for f in &s.fields {
        text::docs(out, &f.docs);
        out.push_str("pub ");
        text::ident(out, &f.rust);
        out.push_str(": ");
        text::ty(out, &field_ty(f, usage.input));
        out.push_str(",\n");
    }
    out.push_str("}\n");
    struct_serde::partial_eq(out, name, s);
    // Constructors and setters are for building requests; a response type is built with a
    // struct literal (or the mock's `Example`), so serialising one does not add them.
    if usage.sent && usage.input {
        builder::input_methods(out, name, s, usage.input);
    }
    if usage.sent {
        struct_serde::object_to(out, name, s);
    }
    if usage.received {
        struct_serde::object_from(out, name, s, usage.input);
    }
}

/// The additional-properties field, if the struct collects unlisted properties.
fn extra_field(s: &Struct) -> Option<&Field> {
    s.fields.iter().find(|f| f.place == FieldPlace::Additional)
}

/// A union (its docs already written): an enum with a variant per schema, and the runtime's
/// macros for its serde impls.
fn union(out: &mut String, name: &str, u: &Union, usage: Usage) {
    put!(out, "#[derive(Debug, Clone, PartialEq)]\npub enum ", name, " {\n");
    for v in &u.variants {
        match (v.tags.as_slice(), &v.telling) {
            ([], None) => {}
            ([], Some(telling)) => text::doc(out, &format!(" {telling}.")),
            (tags, _) => {
                text::doc(out, &format!("`{}`: {}.", u.tag.as_deref().unwrap_or_default(), tags.join(", ")))
            }
        }
        put!(out, &v.rust, "(");
        text::ty(out, &v.ty);
        out.push_str("),\n");
    }
    let names = || u.variants.iter().map(|v| v.rust.as_str());
    let Some(tag) = &u.tag else {
        out.push_str("}\n");
        let names = names().collect::<Vec<_>>().join(", ");
        if usage.sent {
            put!(out, "__p::union_to!(", name, " { ", &names, " });\n");
        }
        if usage.received {
            put!(out, "__p::untagged_from!(", name, " { ", &names, " });\n");
        }
        return;
    };
    let catch_all = u.catch_all.as_str();
    text::doc(out, &format!("A `{tag}` value this version of the spec does not list; kept as sent."));
    put!(out, catch_all, "(__p::serde_json::Value),\n}\n");
    if usage.sent {
        put!(out, "__p::union_to!(", name, " { ");
        for variant in names() {
            put!(out, variant, ", ");
        }
        put!(out, catch_all, " });\n");
    }
    if usage.received {
        put!(out, "__p::tagged_from!(", name, " ");
        text::string_literal(out, tag);
        out.push_str(" { ");
        text::separated(out, ", ", &u.variants, |out, v| {
            text::separated(out, " | ", &v.tags, |out, tag| text::string_literal(out, tag));
            put!(out, " => ", &v.rust);
        });
        put!(out, " } ", catch_all, ");\n");
    }
}
