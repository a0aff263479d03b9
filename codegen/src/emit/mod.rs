//! The resolved model to Rust tokens. Generated code names everything by absolute path
//! (`::whop_api::__private::...`, `::std::...`), so it works whatever the user has in scope
//! and whatever the spec calls its schemas (a schema named `String` or `Option` included).

mod client;
mod mock;
mod types;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Api, Docs, Ty};

/// Tokens for the whole API.
pub fn emit(api: &Api, spec_name: &str, with_mock: bool) -> TokenStream {
    let types = api.types.iter().map(types::type_def);
    let client = client::client(api, spec_name);
    let mock = with_mock.then(|| mock::mock(api));
    quote! {
        #(#types)*
        #client
        #mock
    }
}

/// `#[doc = " ..."]`, one attribute per line, as `///` comments would give.
pub(crate) fn doc_attr(docs: &Docs) -> TokenStream {
    let text = docs.text();
    let lines = text.lines().map(|line| {
        let line = if line.is_empty() { String::new() } else { format!(" {line}") };
        quote!(#[doc = #line])
    });
    quote!(#(#lines)*)
}

/// The `crate = "..."` argument for serde derives.
pub(crate) fn serde_crate() -> &'static str {
    "::whop_api::__private::serde"
}

/// The path of the runtime's private support module.
pub(crate) fn private() -> TokenStream {
    quote!(::whop_api::__private)
}

/// A type expression.
pub(crate) fn ty(ty: &Ty) -> TokenStream {
    ty_in(ty, &TokenStream::new())
}

/// A type expression whose generated names are prefixed (`super::` from a child module).
pub(crate) fn ty_in(ty: &Ty, prefix: &TokenStream) -> TokenStream {
    let p = private();
    let inner = |t: &Ty| ty_in(t, prefix);
    match ty {
        Ty::String => quote!(::std::string::String),
        Ty::I64 => quote!(i64),
        Ty::I32 => quote!(i32),
        Ty::F64 => quote!(f64),
        Ty::F32 => quote!(f32),
        Ty::Bool => quote!(bool),
        Ty::DateTime => quote!(#p::chrono::DateTime<#p::chrono::Utc>),
        Ty::Date => quote!(#p::chrono::NaiveDate),
        Ty::Json => quote!(#p::serde_json::Value),
        Ty::Named(name) => {
            let ident = proc_macro2::Ident::new(name, proc_macro2::Span::call_site());
            quote!(#prefix #ident)
        }
        Ty::Vec(t) => {
            let t = inner(t);
            quote!(::std::vec::Vec<#t>)
        }
        Ty::Map(t) => {
            let t = inner(t);
            quote!(::std::collections::BTreeMap<::std::string::String, #t>)
        }
        Ty::Option(t) => {
            let t = inner(t);
            quote!(::std::option::Option<#t>)
        }
        Ty::Boxed(t) => {
            let t = inner(t);
            quote!(::std::boxed::Box<#t>)
        }
    }
}
