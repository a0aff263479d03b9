//! A struct's `Serialize`, `Deserialize` and `PartialEq`: each names the fields once, and the
//! runtime's tuple impls (`whop_api::__private::derive`) do the per-property work.

use proc_macro2::{Delimiter, Ident, TokenStream};
use quote::{quote, ToTokens};

use super::{extra_field, is_three_state};
use crate::emit::{group, private};
use crate::ir::{Field, FieldPlace, Struct};
use crate::names::ident;

/// `Serialize`: the JSON body properties (query and header values travel elsewhere), unset
/// optional ones left out (`field.as_ref()` is written only when set).
pub(super) fn object_to(name: &Ident, s: &Struct) -> TokenStream {
    let p = private();
    let body: Vec<&Field> = s.fields.iter().filter(|f| f.place == FieldPlace::Body).collect();
    let wires = body.iter().map(|f| &f.wire);
    let values = properties(body.iter().map(|f| {
        let rust = ident(&f.rust);
        if f.required {
            quote!(&self.#rust)
        } else {
            quote!(self.#rust.as_ref())
        }
    }));
    let extras = extra_field(s).map_or_else(|| quote!(()), |extra| quote!(&self.#extra));
    quote! {
        impl #p::serde::Serialize for #name {
            fn serialize<S: #p::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                #p::derive::encode(serializer, &[#(#wires),*], #values, #extras)
            }
        }
    }
}

/// `Deserialize`: every listed property (the mock reads query and header values from one
/// parameters object too), decoded as a tuple that a closure puts into the struct.
pub(super) fn object_from(name: &Ident, s: &Struct, is_input: bool) -> TokenStream {
    let p = private();
    let listed: Vec<&Field> = s.fields.iter().filter(|f| f.place != FieldPlace::Additional).collect();
    let wires = listed.iter().map(|f| &f.wire);
    let pattern = properties(listed.iter().map(|f| {
        let rust = ident(&f.rust);
        if is_three_state(f, is_input) {
            quote!(#p::derive::ThreeState(#rust))
        } else {
            quote!(#rust)
        }
    }));
    let extra = extra_field(s);
    let extras = extra.as_ref().map_or_else(|| quote!(()), |extra| quote!(#extra));
    let fields = s.fields.iter().map(|f| ident(&f.rust));
    let type_name = name.to_string();
    quote! {
        impl<'de> #p::serde::Deserialize<'de> for #name {
            fn deserialize<D: #p::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #p::derive::decode(deserializer, #type_name, &[#(#wires),*], |#pattern, #extras| Self { #(#fields),* })
            }
        }
    }
}

/// A struct's properties as the runtime's tuple (an expression or a pattern): up to twelve
/// elements, and past that eleven and a `Rest` holding the others (see
/// `whop_api::__private::derive::properties`).
fn properties(items: impl IntoIterator<Item = TokenStream>) -> TokenStream {
    const LONGEST: usize = 12;
    let mut items: Vec<TokenStream> = items.into_iter().collect();
    if items.len() > LONGEST {
        let rest = properties(items.split_off(LONGEST - 1));
        let p = private();
        items.push(quote!(#p::derive::Rest(#rest)));
    }
    if items.len() == 1 {
        // `(x,)`: the separator before an empty last item is the one-tuple's comma.
        items.push(TokenStream::new());
    }
    // Moved into the group, not copied by `quote!`'s repetition.
    group(Delimiter::Parenthesis, items, Some(',')).into_token_stream()
}

/// `PartialEq`, field by field as the derive compares. Written out because the derive's
/// output also carries a `StructuralPartialEq` impl per struct, which measured on whop-full
/// cost rustc about 3.5% more on every rebuild.
pub(super) fn partial_eq(name: &Ident, s: &Struct) -> TokenStream {
    let fields: Vec<Ident> = s.fields.iter().map(|f| ident(&f.rust)).collect();
    let (other, compared) = if fields.is_empty() {
        (quote!(_), quote!(true))
    } else {
        (quote!(other), quote!(#(self.#fields == other.#fields)&&*))
    };
    quote! {
        impl PartialEq for #name {
            fn eq(&self, #other: &Self) -> bool {
                #compared
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use proc_macro2::Span;

    use super::*;

    /// The tuple for `n` properties named `p0`, `p1`, ..
    fn tuple_of(n: usize) -> String {
        properties((0..n).map(|i| {
            let name = Ident::new(&format!("p{i}"), Span::call_site());
            quote!(#name)
        }))
        .to_string()
    }

    #[test]
    fn property_tuples_match_the_runtime_impls_at_every_length_boundary() {
        assert_eq!(tuple_of(0), "()");
        assert_eq!(tuple_of(1), "(p0 ,)");
        // Twelve fit in one tuple; the thirteenth starts a `Rest` holding the last two.
        let twelve = tuple_of(12);
        assert!(!twelve.contains("Rest") && twelve.ends_with("p11)"), "{twelve}");
        assert_eq!(
            tuple_of(13),
            "(p0 , p1 , p2 , p3 , p4 , p5 , p6 , p7 , p8 , p9 , p10 , __p :: derive :: Rest ((p11 , p12)))"
        );
        // A `Rest` holds up to twelve in turn, then nests: 23 is 11 + 12, 24 is 11 + 11 + 2.
        assert_eq!(tuple_of(23).matches("Rest").count(), 1);
        let twenty_four = tuple_of(24);
        assert_eq!(twenty_four.matches("Rest").count(), 2, "{twenty_four}");
        assert!(twenty_four.ends_with("Rest ((p22 , p23)))))"), "{twenty_four}");
    }
}
