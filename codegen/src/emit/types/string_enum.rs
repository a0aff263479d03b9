//! String enums with their catch-all variant.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::emit::private;
use crate::ir::{EnumVariant, Usage};

/// A string enum with its catch-all variant: `as_str`, `Display` and a strict `FromStr` (a
/// value the spec does not list is an error, so a typo does not become an unknown value
/// silently); decoding is lenient instead, keeping an unknown value in the catch-all. The
/// lenient `FromWire` only when a constructor fills a fixed field with the enum (`fixed`).
/// `PartialEq`, `Eq` and `Hash` go by wire text: two values are equal when they are sent alike.
pub(super) fn string_enum(
    name: &Ident,
    docs: &TokenStream,
    variants: &[EnumVariant],
    catch_all: &str,
    usage: Usage,
    fixed: bool,
) -> TokenStream {
    let p = private();
    let catch_all = Ident::new(catch_all, Span::call_site());
    let defs = variants.iter().map(|v| {
        let rust = Ident::new(&v.rust, Span::call_site());
        let doc = format!("`{}`", v.wire.replace('`', "'"));
        quote!(#[doc = #doc] #rust,)
    });
    let rust: Vec<Ident> = variants.iter().map(|v| Ident::new(&v.rust, Span::call_site())).collect();
    let wire: Vec<&String> = variants.iter().map(|v| &v.wire).collect();
    let type_name = name.to_string();
    let serialize = usage.sent.then(|| {
        quote! {
            impl #p::serde::Serialize for #name {
                fn serialize<S: #p::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    serializer.serialize_str(self.as_str())
                }
            }
        }
    });
    let deserialize = usage.received.then(|| {
        quote! {
            impl<'de> #p::serde::Deserialize<'de> for #name {
                fn deserialize<D: #p::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    #p::deserialize_str_enum(deserializer, Self::#catch_all)
                }
            }
        }
    });
    let from_wire = fixed.then(|| {
        quote! {
            impl #p::FromWire for #name {
                fn from_wire(value: &str) -> Self {
                    #p::listed_or(value, Self::#catch_all)
                }
            }
        }
    });
    // Written out rather than through a runtime `macro_rules!`: matching and transcribing the
    // macro cost rustc about 6% of a whop-full rebuild.
    quote! {
        #docs
        #[derive(Debug, Clone)]
        pub enum #name {
            #(#defs)*
            /// A value this version of the spec does not list; kept as sent so it round-trips.
            /// Values compare by their text, so one holding a listed value equals that variant.
            #catch_all(String),
        }
        impl #name {
            /// The value as sent on the wire.
            #[must_use]
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#rust => #wire,)*
                    Self::#catch_all(other) => other.as_str(),
                }
            }
        }
        impl ::core::str::FromStr for #name {
            type Err = ::whop_api::UnknownValue;
            fn from_str(value: &str) -> Result<Self, Self::Err> {
                match value {
                    #(#wire => Ok(Self::#rust),)*
                    other => Err(::whop_api::UnknownValue::new(#type_name, other)),
                }
            }
        }
        #from_wire
        // Compared and hashed by wire text, so a catch-all holding a listed value equals it.
        impl PartialEq for #name {
            fn eq(&self, other: &Self) -> bool {
                self.as_str() == other.as_str()
            }
        }
        impl Eq for #name {}
        impl ::core::hash::Hash for #name {
            fn hash<H: ::core::hash::Hasher>(&self, state: &mut H) {
                ::core::hash::Hash::hash(self.as_str(), state);
            }
        }
        impl ::core::fmt::Display for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        #serialize
        #deserialize
    }
}
