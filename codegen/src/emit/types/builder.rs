//! What request types are built with: `new` with the required fields, and a setter per
//! optional one.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::is_three_state;
use crate::emit::ty;
use crate::ir::{Field, FieldPlace, Struct, Ty};
use crate::names::ident;

/// `new` with every required field, and a setter per optional one.
pub(super) fn input_methods(name: &Ident, s: &Struct, is_input: bool) -> TokenStream {
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
            quote!(#rust: Default::default(),)
        } else if let (Some(value), true) = (&f.fixed, f.required) {
            quote!(#rust: __p::FromWire::from_wire(#value),)
        } else if f.required {
            match arg_type(&f.ty).1 {
                // `field: field` would be redundant.
                Convert::Same => quote!(#rust,),
                convert => {
                    let value = convert.apply(quote!(#rust));
                    quote!(#rust: #value,)
                }
            }
        } else {
            quote!(#rust: None,)
        }
    });
    // Written out here rather than through a `macro_rules!` of the runtime: on an API of
    // hundreds of request types, expanding one macro call per setter (and a `concat!` per doc)
    // was about 8% of rustc's work on the whole expansion in every rebuild (BENCHMARKS.md).
    let setters = optional.iter().map(|f| setter(f, is_three_state(f, is_input)));
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
            impl Default for #name {
                fn default() -> Self {
                    Self::new()
                }
            }
        }
    });
    quote! {
        #default
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

/// The setter of an optional field, and for a three-state one also the setter that sends
/// `null`.
fn setter(f: &Field, three_state: bool) -> TokenStream {
    let rust = ident(&f.rust);
    let inner = match &f.ty {
        Ty::Option(inner) => inner.as_ref(),
        other => other,
    };
    let (arg_ty, convert) = arg_type(inner);
    let value = convert.apply(quote!(value));
    let value = if three_state { quote!(Some(Some(#value))) } else { quote!(Some(#value)) };
    let doc = format!(" Sets `{}`.", f.wire);
    let null = three_state.then(|| {
        let null_name = ident(&format!("{}_null", f.rust.trim_start_matches("r#")));
        let doc = format!(" Sends `{}` as `null` (clears it).", f.wire);
        quote! {
            #[doc = #doc]
            #[must_use]
            pub fn #null_name(mut self) -> Self {
                self.#rust = Some(None);
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
        #null
    }
}

/// How a setter's or constructor's argument becomes the field's value.
enum Convert {
    /// As it is.
    Same,
    /// With `Into` (strings, bytes, boxes).
    Into,
    /// Collected from any iterable of values that convert (`vec!["a", "b"]` for a list of
    /// strings).
    Collect,
}

impl Convert {
    /// The field's value from the argument `arg`.
    fn apply(&self, arg: TokenStream) -> TokenStream {
        match self {
            Convert::Same => arg,
            Convert::Into => quote!(#arg.into()),
            Convert::Collect => quote!(__p::methods::collect(#arg)),
        }
    }
}

/// The argument type of a setter or constructor, and the conversion applied to it.
fn arg_type(t: &Ty) -> (TokenStream, Convert) {
    match t {
        Ty::String => (quote!(impl Into<String>), Convert::Into),
        Ty::Bytes => (quote!(impl Into<__p::Bytes>), Convert::Into),
        Ty::Vec(item) if **item == Ty::String => {
            (quote!(impl ::core::iter::IntoIterator<Item = impl Into<String>>), Convert::Collect)
        }
        Ty::Boxed(inner) => {
            let inner = ty(inner);
            (quote!(#inner), Convert::Into)
        }
        other => (ty(other), Convert::Same),
    }
}
