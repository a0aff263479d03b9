//! Structs, string enums, unions and aliases.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::emit::{doc_attr, private, serde_crate, ty};
use crate::ir::{EnumVariant, Field, FieldPlace, Struct, Ty, TypeDef, TypeKind, Union};
use crate::names::ident;

/// Lints the generated items opt out of, all in one place: spec text is prose, not Rust docs
/// (`doc_markdown`), and the spec, not us, decides how many booleans or arguments there are.
fn allowances() -> TokenStream {
    quote!(#[allow(clippy::doc_markdown, clippy::struct_excessive_bools, clippy::too_many_arguments, clippy::too_many_lines, clippy::large_enum_variant)])
}

/// One named type.
pub fn type_def(def: &TypeDef) -> TokenStream {
    let name = Ident::new(&def.name, Span::call_site());
    let docs = doc_attr(&def.docs);
    match &def.kind {
        TypeKind::Struct(s) => struct_def(&name, &docs, s),
        TypeKind::StringEnum { variants, catch_all } => string_enum(&name, &docs, variants, catch_all),
        TypeKind::Union(u) => union(&name, &docs, u),
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

fn struct_def(name: &Ident, docs: &TokenStream, s: &Struct) -> TokenStream {
    let p = private();
    let allow = allowances();
    let fields = s.fields.iter().map(|f| {
        let rust = ident(&f.rust);
        let declared = ty(&field_ty(f, s.is_input));
        let docs = doc_attr(&f.docs);
        let wire = &f.wire;
        let rename = (f.rust != f.wire || rust.to_string().starts_with("r#")).then(|| quote!(rename = #wire,));
        let serde = match (&f.place, f.required) {
            // Sent outside the JSON body; read back (by the mock server) from a parameters object.
            (FieldPlace::Query { .. } | FieldPlace::Header | FieldPlace::WholeBody, true) => {
                quote!(#[serde(rename = #wire, skip_serializing)])
            }
            (FieldPlace::Query { .. } | FieldPlace::Header | FieldPlace::WholeBody, false) => {
                quote!(#[serde(rename = #wire, default, skip_serializing)])
            }
            (FieldPlace::Additional, _) => quote!(#[serde(flatten)]),
            (FieldPlace::Body, true) => match rename {
                Some(rename) => quote!(#[serde(#rename)]),
                None => TokenStream::new(),
            },
            (FieldPlace::Body, false) if is_three_state(f, s.is_input) => {
                quote!(#[serde(#rename default, skip_serializing_if = "::std::option::Option::is_none", deserialize_with = "::whop_api::__private::double_option")])
            }
            (FieldPlace::Body, false) => {
                quote!(#[serde(#rename default, skip_serializing_if = "::std::option::Option::is_none")])
            }
        };
        quote! {
            #docs
            #serde
            pub #rust: #declared,
        }
    });
    let builder = s.is_input.then(|| input_methods(name, s));
    let serde_crate = serde_crate();
    quote! {
        #docs
        #allow
        #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, #p::serde::Serialize, #p::serde::Deserialize)]
        #[serde(crate = #serde_crate)]
        pub struct #name {
            #(#fields)*
        }
        #builder
    }
}

/// `new` with every required field, and a setter per optional one.
fn input_methods(name: &Ident, s: &Struct) -> TokenStream {
    let allow = allowances();
    let (required, optional): (Vec<&Field>, Vec<&Field>) = s
        .fields
        .iter()
        .filter(|f| f.place != FieldPlace::Additional && !(f.required && f.fixed.is_some()))
        .partition(|f| f.required);
    let args = required.iter().map(|f| {
        let rust = ident(&f.rust);
        let (arg_ty, _) = arg_type(&f.ty);
        quote!(#rust: #arg_ty)
    });
    let inits = s.fields.iter().map(|f| {
        let rust = ident(&f.rust);
        if f.place == FieldPlace::Additional {
            quote!(#rust: ::std::default::Default::default(),)
        } else if let (Some(value), true) = (&f.fixed, f.required) {
            quote!(#rust: ::std::convert::From::from(#value),)
        } else if f.required {
            let (_, convert) = arg_type(&f.ty);
            if convert.is_empty() {
                quote!(#rust,)
            } else {
                quote!(#rust: #rust #convert,)
            }
        } else {
            quote!(#rust: ::std::option::Option::None,)
        }
    });
    let setters = optional.iter().map(|f| {
        let rust = ident(&f.rust);
        let wire = &f.wire;
        let inner = match &f.ty {
            Ty::Option(inner) => inner.as_ref(),
            other => other,
        };
        let (arg_ty, convert) = arg_type(inner);
        let three_state = is_three_state(f, true);
        let value = if three_state {
            quote!(::std::option::Option::Some(::std::option::Option::Some(value #convert)))
        } else if matches!(f.ty, Ty::Json) {
            quote!(::std::option::Option::Some(value))
        } else {
            quote!(::std::option::Option::Some(value #convert))
        };
        let doc = format!("Sets `{wire}`.");
        let null_setter = three_state.then(|| {
            let null_name = ident(&format!("{}_null", f.rust.trim_start_matches("r#")));
            let doc = format!("Sends `{wire}` as `null` (clears it).");
            quote! {
                #[doc = #doc]
                #[must_use]
                pub fn #null_name(mut self) -> Self {
                    self.#rust = ::std::option::Option::Some(::std::option::Option::None);
                    self
                }
            }
        });
        quote! {
            #[doc = #doc]
            #[must_use]
            pub fn #rust(mut self, value: #arg_ty) -> Self {
                self.#rust = #value;
                self
            }
            #null_setter
        }
    });
    let new_doc = if required.is_empty() {
        "Creates the value with every optional field unset.".to_owned()
    } else {
        let names: Vec<String> = required.iter().map(|f| format!("`{}`", f.wire)).collect();
        format!(
            "Creates the value from its required fields ({}); optional fields start unset.",
            names.join(", ")
        )
    };
    let default = required.is_empty().then(|| {
        quote! {
            impl ::std::default::Default for #name {
                fn default() -> Self {
                    Self::new()
                }
            }
        }
    });
    quote! {
        #default
        #allow
        impl #name {
            #[doc = #new_doc]
            #[must_use]
            pub fn new(#(#args),*) -> Self {
                Self { #(#inits)* }
            }
            #(#setters)*
        }
    }
}

/// The argument type of a setter or constructor, and the conversion applied to it.
fn arg_type(t: &Ty) -> (TokenStream, TokenStream) {
    match t {
        Ty::String => (quote!(impl ::std::convert::Into<::std::string::String>), quote!(.into())),
        Ty::Boxed(inner) => {
            let inner = ty(inner);
            (quote!(#inner), quote!(.into()))
        }
        other => (ty(other), TokenStream::new()),
    }
}

fn string_enum(name: &Ident, docs: &TokenStream, variants: &[EnumVariant], catch_all: &str) -> TokenStream {
    let p = private();
    let allow = allowances();
    let catch_all = Ident::new(catch_all, Span::call_site());
    let defs = variants.iter().map(|v| {
        let rust = Ident::new(&v.rust, Span::call_site());
        let doc = format!("`{}`", v.wire.replace('`', "'"));
        quote!(#[doc = #doc] #rust,)
    });
    let to_str = variants.iter().map(|v| {
        let rust = Ident::new(&v.rust, Span::call_site());
        let wire = &v.wire;
        quote!(Self::#rust => #wire,)
    });
    let from_str = variants.iter().map(|v| {
        let rust = Ident::new(&v.rust, Span::call_site());
        let wire = &v.wire;
        quote!(#wire => Self::#rust,)
    });
    quote! {
        #docs
        #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash)]
        pub enum #name {
            #(#defs)*
            /// A value this version of the spec does not list; kept as sent so it round-trips.
            #catch_all(::std::string::String),
        }

        #allow
        impl #name {
            /// The value as sent on the wire.
            #[must_use]
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_str)*
                    Self::#catch_all(other) => other.as_str(),
                }
            }
        }

        #allow
        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#from_str)*
                    other => Self::#catch_all(::std::string::ToString::to_string(other)),
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl #p::serde::Serialize for #name {
            fn serialize<S: #p::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> #p::serde::Deserialize<'de> for #name {
            fn deserialize<D: #p::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                #p::deserialize_str_enum(deserializer, |value: &str| <Self as ::std::convert::From<&str>>::from(value))
            }
        }
    }
}

fn union(name: &Ident, docs: &TokenStream, u: &Union) -> TokenStream {
    let p = private();
    let allow = allowances();
    let serde_crate = serde_crate();
    let defs = u.variants.iter().map(|v| {
        let rust = Ident::new(&v.rust, Span::call_site());
        let payload = ty(&v.ty);
        let doc = match v.tags.as_slice() {
            [] => format!("The `{}` form.", v.rust),
            tags => format!("`{}`: {}.", u.tag.as_deref().unwrap_or_default(), tags.join(", ")),
        };
        quote!(#[doc = #doc] #rust(#payload),)
    });
    let Some(tag) = &u.tag else {
        return quote! {
            #docs
            #allow
            #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, #p::serde::Serialize, #p::serde::Deserialize)]
            #[serde(crate = #serde_crate, untagged)]
            pub enum #name {
                #(#defs)*
            }
        };
    };
    let catch_all = Ident::new(&u.catch_all, Span::call_site());
    let arms = u.variants.iter().map(|v| {
        let rust = Ident::new(&v.rust, Span::call_site());
        let tags = &v.tags;
        quote! {
            #(::std::option::Option::Some(#tags))|* => #p::serde_json::from_value(value)
                .map(Self::#rust)
                .map_err(<D::Error as #p::serde::de::Error>::custom),
        }
    });
    let catch_all_doc = format!("A `{tag}` value this version of the spec does not list; kept as sent.");
    quote! {
        #docs
        #allow
        #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, #p::serde::Serialize)]
        #[serde(crate = #serde_crate, untagged)]
        pub enum #name {
            #(#defs)*
            #[doc = #catch_all_doc]
            #catch_all(#p::serde_json::Value),
        }

        impl<'de> #p::serde::Deserialize<'de> for #name {
            fn deserialize<D: #p::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <#p::serde_json::Value as #p::serde::Deserialize<'de>>::deserialize(deserializer)?;
                match value.get(#tag).and_then(#p::serde_json::Value::as_str) {
                    #(#arms)*
                    _ => ::std::result::Result::Ok(Self::#catch_all(value)),
                }
            }
        }
    }
}
