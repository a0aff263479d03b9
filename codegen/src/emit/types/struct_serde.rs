//! A struct's `Serialize`, `Deserialize` and `PartialEq`: each names the fields once, and the
//! runtime's tuple impls (`whop_api::__private::derive`) do the per-property work.

use super::{extra_field, is_three_state};
use crate::emit::text::{self, put};
use crate::ir::{Field, FieldPlace, Struct};

/// `Serialize`: the JSON body properties (query and header values travel elsewhere), unset
/// optional ones left out (`field.as_ref()` is written only when set).
pub(super) fn object_to(out: &mut String, name: &str, s: &Struct) {
    let body: Vec<&Field> = s.fields.iter().filter(|f| f.place == FieldPlace::Body).collect();
    put!(
        out,
        "impl __p::serde::Serialize for ",
        name,
        " {\nfn serialize<S: __p::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {\n",
        "__p::derive::encode(serializer, ",
    );
    wire_names(out, &body);
    out.push_str(", ");
    properties(out, &body, &mut |out, f| {
        if f.required {
            out.push_str("&self.");
            text::ident(out, &f.rust);
        } else {
            out.push_str("self.");
            text::ident(out, &f.rust);
            out.push_str(".as_ref()");
        }
    });
    out.push_str(", ");
    match extra_field(s) {
        Some(extra) => {
            out.push_str("&self.");
            text::ident(out, &extra.rust);
        }
        None => out.push_str("()"),
    }
    out.push_str(")\n}\n}\n");
}

/// `Deserialize`: every listed property (the mock reads query and header values from one
/// parameters object too), decoded as a tuple that a closure puts into the struct.
pub(super) fn object_from(out: &mut String, name: &str, s: &Struct, is_input: bool) {
    let listed: Vec<&Field> = s.fields.iter().filter(|f| f.place != FieldPlace::Additional).collect();
    put!(
        out,
        "impl<'de> __p::serde::Deserialize<'de> for ",
        name,
        " {\nfn deserialize<D: __p::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {\n",
        "__p::derive::decode(deserializer, ",
    );
    text::string_literal(out, name);
    out.push_str(", ");
    wire_names(out, &listed);
    out.push_str(", |");
    properties(out, &listed, &mut |out, f| {
        if is_three_state(f, is_input) {
            out.push_str("__p::derive::ThreeState(");
            text::ident(out, &f.rust);
            out.push(')');
        } else {
            text::ident(out, &f.rust);
        }
    });
    out.push_str(", ");
    match extra_field(s) {
        Some(extra) => text::ident(out, &extra.rust),
        None => out.push_str("()"),
    }
    out.push_str("| Self { ");
    text::separated(out, ", ", &s.fields, |out, f| text::ident(out, &f.rust));
    out.push_str(" })\n}\n}\n");
}

/// `&["id", "name"]`: the fields' names on the wire.
fn wire_names(out: &mut String, fields: &[&Field]) {
    out.push_str("&[");
    text::separated(out, ", ", fields, |out, f| text::string_literal(out, &f.wire));
    out.push(']');
}

/// A struct's properties as the runtime's tuple (an expression or a pattern, each written by
/// `item`): up to twelve elements, and past that eleven and a `Rest` holding the others (see
/// `whop_api::__private::derive::properties`).
fn properties<T>(out: &mut String, items: &[T], item: &mut dyn FnMut(&mut String, &T)) {
    const LONGEST: usize = 12;
    out.push('(');
    let (listed, rest) = if items.len() > LONGEST { items.split_at(LONGEST - 1) } else { (items, &[][..]) };
    text::separated(out, ", ", listed, &mut *item);
    if !rest.is_empty() {
        out.push_str(", __p::derive::Rest(");
        properties(out, rest, item);
        out.push(')');
    } else if items.len() == 1 {
        // `(x,)`: a one-tuple.
        out.push(',');
    }
    out.push(')');
}

/// `PartialEq`, field by field as the derive compares. Written out because the derive's
/// output also carries a `StructuralPartialEq` impl per struct, which measured on whop-full
/// cost rustc about 3.5% more on every rebuild.
pub(super) fn partial_eq(out: &mut String, name: &str, s: &Struct) {
    put!(out, "impl PartialEq for ", name, " {\nfn eq(&self, ");
    if s.fields.is_empty() {
        out.push_str("_: &Self) -> bool {\ntrue\n}\n}\n");
        return;
    }
    out.push_str("other: &Self) -> bool {\n");
    text::separated(out, " && ", &s.fields, |out, f| {
        out.push_str("self.");
        text::ident(out, &f.rust);
        out.push_str(" == other.");
        text::ident(out, &f.rust);
    });
    out.push_str("\n}\n}\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tuple for `n` properties named `p0`, `p1`, ..
    fn tuple_of(n: usize) -> String {
        let mut out = String::new();
        let items: Vec<usize> = (0..n).collect();
        properties(&mut out, &items, &mut |out, i| put!(out, &format!("p{i}")));
        out
    }

    #[test]
    fn property_tuples_match_the_runtime_impls_at_every_length_boundary() {
        assert_eq!(tuple_of(0), "()");
        assert_eq!(tuple_of(1), "(p0,)");
        // Twelve fit in one tuple; the thirteenth starts a `Rest` holding the last two.
        let twelve = tuple_of(12);
        assert!(!twelve.contains("Rest") && twelve.ends_with("p11)"), "{twelve}");
        assert_eq!(
            tuple_of(13),
            "(p0, p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, __p::derive::Rest((p11, p12)))"
        );
        // A `Rest` holds up to twelve in turn, then nests: 23 is 11 + 12, 24 is 11 + 11 + 2.
        assert_eq!(tuple_of(23).matches("Rest").count(), 1);
        let twenty_four = tuple_of(24);
        assert_eq!(twenty_four.matches("Rest").count(), 2, "{twenty_four}");
        assert!(twenty_four.ends_with("Rest((p22, p23)))))"), "{twenty_four}");
    }
}
