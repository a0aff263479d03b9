//! The resolved model to Rust source text.
//!
//! Everything goes into one private module, `__generated`, re-exported with a glob: one
//! `#[allow]` covers every item, and the short private alias `__p` for the runtime's support
//! module keeps the expansion small, since rustc's work grows with it. Std's types are named
//! as the prelude names them (`String`, `Option`, `Vec`), which is what rustdoc then shows:
//! no generated type takes a prelude name (`names::PRELUDE`), and the module sees none of
//! the user's items, so nothing can shadow them.

mod client;
mod mock;
mod resource_docs;
mod text;
mod types;
mod webhooks;

use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};
use quote::quote;

use crate::doc_comments::with_doc_comments;
use crate::ir::{Api, Docs, Ty};

/// How the mock module is emitted.
#[derive(Debug, Clone, Default)]
pub struct MockEmission {
    /// Compile it only with this feature of the invoking crate.
    pub feature: Option<String>,
}

/// The source text of the whole API, with the mock module when `mock` is given, its docs as
/// `///` comments wherever one reads back the same.
///
/// The types, most of it, are written as text directly (`text`); the client, events and mock
/// are built with `quote!` and printed.
pub fn emit(api: &Api, spec_name: &str, mock: Option<&MockEmission>) -> String {
    let client = client::client(api, spec_name);
    let mock = mock.map(|m| mock::mock(api, m.feature.as_deref()));
    let events = api.events.as_ref().map(|events| webhooks::events(events, spec_name));
    let rest: TokenStream = [client].into_iter().chain(events).chain(mock).collect();
    let rest = with_doc_comments(&rest.to_string());

    let fixed = types::fixed_types(api);
    // About 2 KB of text per type on whop-full.
    let mut out = String::with_capacity(rest.len() + api.types.len() * 2048);
    // The spec's prose is not Rust docs (`doc_markdown`), and the spec, not us, decides how
    // many booleans, arguments or lines an item has and how large its variants are, and which
    // items it describes (an item it says nothing about gets no filler text).
    out.push_str(concat!(
        "#[allow(missing_docs, clippy::doc_markdown, clippy::struct_excessive_bools, ",
        "clippy::too_many_arguments, clippy::too_many_lines, clippy::large_enum_variant)]\n",
        "mod __generated {\n",
    ));
    out.push_str(&aliases().to_string());
    // Printed tokens end without a line break; a `///` line must not follow a `/`.
    out.push('\n');
    for def in &api.types {
        types::type_def(&mut out, def, fixed.contains(def.name.as_str()));
    }
    out.push_str(&rest);
    out.push_str("\n}\npub use __generated::*;\n");
    out
}

/// The names generated code uses besides the prelude's: the runtime's private support module
/// and two std items signatures show. Generated types never take a prelude name (see
/// `names::PRELUDE`), so `String`, `Option`, `Vec` and the rest mean std's here and read as
/// such in rustdoc; a child module imports these again with `use super::*`.
pub(crate) fn aliases() -> TokenStream {
    quote! {
        #[allow(unused_imports)]
        use ::whop_api::__private as __p;
        #[allow(unused_imports)]
        use ::std::{collections::BTreeMap, fmt::Display};
    }
}

/// `#[doc = " ..."]`, one attribute per line, as `///` comments would give, for the parts
/// built with `quote!`. Built token by token: `quote!` would build a stream per line to copy.
pub(crate) fn doc_attr(docs: &Docs) -> TokenStream {
    let mut attrs = TokenStream::new();
    let mut line_text = String::new();
    for line in docs.text().lines() {
        line_text.clear();
        if !line.is_empty() {
            line_text.push(' ');
            line_text.push_str(line);
        }
        let value = [
            TokenTree::Ident(Ident::new("doc", Span::call_site())),
            TokenTree::Punct(Punct::new('=', Spacing::Alone)),
            TokenTree::Literal(Literal::string(&line_text)),
        ];
        let attr = Group::new(Delimiter::Bracket, value.into_iter().collect());
        attrs.extend([TokenTree::Punct(Punct::new('#', Spacing::Alone)), TokenTree::Group(attr)]);
    }
    attrs
}

/// The path of the runtime's private support module.
pub(crate) fn private() -> TokenStream {
    quote!(__p)
}

/// A type expression.
pub(crate) fn ty(ty: &Ty) -> TokenStream {
    ty_in(ty, &TokenStream::new())
}

/// A type expression whose generated names are prefixed (`super::` from a child module).
pub(crate) fn ty_in(ty: &Ty, prefix: &TokenStream) -> TokenStream {
    let inner = |t: &Ty| ty_in(t, prefix);
    match ty {
        Ty::String => quote!(String),
        Ty::I64 => quote!(i64),
        Ty::I32 => quote!(i32),
        Ty::F64 => quote!(f64),
        Ty::F32 => quote!(f32),
        Ty::Bool => quote!(bool),
        Ty::DateTime => quote!(#prefix __p::chrono::DateTime<#prefix __p::chrono::Utc>),
        Ty::Date => quote!(#prefix __p::chrono::NaiveDate),
        Ty::Json => quote!(#prefix __p::serde_json::Value),
        Ty::Bytes => quote!(#prefix __p::Bytes),
        Ty::File => quote!(#prefix __p::File),
        Ty::Named(name) => {
            let ident = proc_macro2::Ident::new(name, proc_macro2::Span::call_site());
            quote!(#prefix #ident)
        }
        Ty::Vec(t) => {
            let t = inner(t);
            quote!(Vec<#t>)
        }
        Ty::Map(t) => {
            let t = inner(t);
            quote!(#prefix BTreeMap<String, #t>)
        }
        Ty::Option(t) => {
            let t = inner(t);
            quote!(Option<#t>)
        }
        Ty::Boxed(t) => {
            let t = inner(t);
            quote!(Box<#t>)
        }
    }
}
