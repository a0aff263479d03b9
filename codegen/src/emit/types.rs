//! Structs, string enums, unions and aliases, with the serde impls their usage calls for.
//! Not derived: rustc expands, lowers and hashes every generated item on each rebuild of the
//! crate that invokes `whop_api!`, and the derives' output costs it more. Structs' and string
//! enums' impls are written out here, since matching a `macro_rules!` for each of hundreds of
//! types measured dearer still; the few unions' go through the runtime's macros (see
//! `whop_api::__private::derive` and BENCHMARKS.md).

use proc_macro2::{Delimiter, Ident, Span, TokenStream};
use quote::{quote, ToTokens};

use crate::emit::{doc_attr, group, private, ty};
use crate::ir::{EnumVariant, Field, FieldPlace, Struct, Ty, TypeDef, TypeKind, Union, Usage};
use crate::names::ident;

/// One named type.
pub fn type_def(def: &TypeDef) -> TokenStream {
    let name = Ident::new(&def.name, Span::call_site());
    let docs = doc_attr(&def.docs);
    match &def.kind {
        TypeKind::Struct(s) => struct_def(&name, &docs, s, def.usage),
        TypeKind::StringEnum { variants, catch_all } => {
            string_enum(&name, &docs, variants, catch_all, def.usage)
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
    let builder = (usage.sent && usage.input).then(|| input_methods(name, s, usage.input));
    let serialize = usage.sent.then(|| object_to(name, s));
    let deserialize = usage.received.then(|| object_from(name, s, usage.input));
    let mut out = quote! {
        #docs
        #[derive(Debug, Clone)]
        pub struct #name #fields
    };
    // Moved in, not interpolated: `quote!` would copy every token of each.
    out.extend([Some(partial_eq(name, s)), builder, serialize, deserialize].into_iter().flatten());
    out
}

/// The additional-properties field, if the struct collects unlisted properties.
fn extra_field(s: &Struct) -> Option<Ident> {
    s.fields.iter().find(|f| f.place == FieldPlace::Additional).map(|f| ident(&f.rust))
}

/// `Serialize`: the JSON body properties (query and header values travel elsewhere), unset
/// optional ones left out (`field.as_ref()` is written only when set).
fn object_to(name: &Ident, s: &Struct) -> TokenStream {
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
fn object_from(name: &Ident, s: &Struct, is_input: bool) -> TokenStream {
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
fn partial_eq(name: &Ident, s: &Struct) -> TokenStream {
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

/// `new` with every required field, and a setter per optional one.
fn input_methods(name: &Ident, s: &Struct, is_input: bool) -> TokenStream {
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

/// A string enum with its catch-all variant: `as_str`, `Display`, a strict `FromStr` (a value
/// the spec does not list is an error, so a typo does not become an unknown value silently)
/// and the lenient `FromWire` that decoding uses (unknown values kept in the catch-all).
/// `PartialEq`, `Eq` and `Hash` go by wire text: two values are equal when they are sent alike.
fn string_enum(
    name: &Ident,
    docs: &TokenStream,
    variants: &[EnumVariant],
    catch_all: &str,
    usage: Usage,
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
                    #p::deserialize_str_enum(deserializer)
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
        impl #p::FromWire for #name {
            fn from_wire(value: &str) -> Self {
                // An unlisted value keeps the text the error already copied.
                ::core::str::FromStr::from_str(value)
                    .unwrap_or_else(|unknown: ::whop_api::UnknownValue| Self::#catch_all(unknown.value))
            }
        }
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

#[cfg(test)]
mod tests {
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
