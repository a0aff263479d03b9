//! Structs, string enums, unions and aliases, with the impls their usage calls for. Not
//! derived: rustc expands, lowers and hashes every generated item on each rebuild of the
//! crate that invokes `whop_api!`, and the derives' output costs it more. Structs' and string
//! enums' impls are written out here, since matching a `macro_rules!` for each of hundreds of
//! types measured dearer still; the few unions' go through the runtime's macros (see
//! `whop_api::__private::derive` and BENCHMARKS.md).

mod builder;
mod string_enum;
mod struct_serde;

use std::collections::BTreeSet;

use proc_macro2::{Delimiter, Ident, Span, TokenStream};
use quote::quote;

use crate::emit::{doc_attr, group, private, ty};
use crate::ir::{Api, Field, FieldPlace, Struct, Ty, TypeDef, TypeKind, Union, Usage};
use crate::names::ident;

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
pub fn type_def(def: &TypeDef, fixed: bool) -> TokenStream {
    let name = Ident::new(&def.name, Span::call_site());
    let docs = doc_attr(&def.docs);
    match &def.kind {
        TypeKind::Struct(s) => struct_def(&name, &docs, s, def.usage),
        TypeKind::StringEnum { variants, catch_all } => {
            string_enum::string_enum(&name, &docs, variants, catch_all, def.usage, fixed)
        }
        TypeKind::Union(u) => union(&name, &docs, u, def.usage),
        TypeKind::Alias(target) => {
            let target = ty(target);
            quote! {
                #docs
                pub type #name = #target;
            }
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

/// A struct with its `PartialEq`, its builder (request types) and its serde impls.
fn struct_def(name: &Ident, docs: &TokenStream, s: &Struct, usage: Usage) -> TokenStream {
    let fields = s.fields.iter().map(|f| {
        let rust = ident(&f.rust);
        let declared = ty(&field_ty(f, usage.input));
        let mut field = doc_attr(&f.docs);
        field.extend(quote!(pub #rust: #declared,));
        field
    });
    let fields = group(Delimiter::Brace, fields, None);
    // Constructors and setters are for building requests; a response type is built with a
    // struct literal (or the mock's `Example`), so serialising one does not add them.
    let builder = (usage.sent && usage.input).then(|| builder::input_methods(name, s, usage.input));
    let serialize = usage.sent.then(|| struct_serde::object_to(name, s));
    let deserialize = usage.received.then(|| struct_serde::object_from(name, s, usage.input));
    let mut out = quote! {
        #docs
        #[derive(Debug, Clone)]
        pub struct #name #fields
    };
    // Moved in, not interpolated: `quote!` would copy every token of each.
    out.extend(
        [Some(struct_serde::partial_eq(name, s)), builder, serialize, deserialize].into_iter().flatten(),
    );
    out
}

/// The additional-properties field, if the struct collects unlisted properties.
fn extra_field(s: &Struct) -> Option<Ident> {
    s.fields.iter().find(|f| f.place == FieldPlace::Additional).map(|f| ident(&f.rust))
}

fn union(name: &Ident, docs: &TokenStream, u: &Union, usage: Usage) -> TokenStream {
    let p = private();
    let defs = u.variants.iter().map(|v| {
        let rust = Ident::new(&v.rust, Span::call_site());
        let payload = ty(&v.ty);
        let doc = match (v.tags.as_slice(), &v.telling) {
            ([], None) => None,
            ([], Some(telling)) => Some(format!(" {telling}.")),
            (tags, _) => Some(format!("`{}`: {}.", u.tag.as_deref().unwrap_or_default(), tags.join(", "))),
        };
        let doc = doc.map(|doc| quote!(#[doc = #doc]));
        quote!(#doc #rust(#payload),)
    });
    let names: Vec<Ident> = u.variants.iter().map(|v| Ident::new(&v.rust, Span::call_site())).collect();
    let Some(tag) = &u.tag else {
        let serialize = usage.sent.then(|| quote!(#p::union_to!(#name { #(#names),* });));
        let deserialize = usage.received.then(|| quote!(#p::untagged_from!(#name { #(#names),* });));
        return quote! {
            #docs
            #[derive(Debug, Clone, PartialEq)]
            pub enum #name {
                #(#defs)*
            }
            #serialize
            #deserialize
        };
    };
    let catch_all = Ident::new(&u.catch_all, Span::call_site());
    let arms = u.variants.iter().zip(&names).map(|(v, rust)| {
        let tags = &v.tags;
        quote!(#(#tags)|* => #rust)
    });
    let serialize = usage.sent.then(|| quote!(#p::union_to!(#name { #(#names,)* #catch_all });));
    let deserialize = usage.received.then(|| quote!(#p::tagged_from!(#name #tag { #(#arms),* } #catch_all);));
    let catch_all_doc = format!("A `{tag}` value this version of the spec does not list; kept as sent.");
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #(#defs)*
            #[doc = #catch_all_doc]
            #catch_all(__p::serde_json::Value),
        }
        #serialize
        #deserialize
    }
}
