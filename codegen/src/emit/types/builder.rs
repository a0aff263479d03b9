//! What request types are built with: `new` with the required fields, and a setter per
//! optional one.

use super::is_three_state;
use crate::emit::text::{self, put};
use crate::ir::{Field, FieldPlace, Struct, Ty};

/// `new` with every required field, and a setter per optional one.
pub(super) fn input_methods(out: &mut String, name: &str, s: &Struct, is_input: bool) {
    let (required, optional): (Vec<&Field>, Vec<&Field>) = s
        .fields
        .iter()
        .filter(|f| f.place != FieldPlace::Additional && !(f.required && f.fixed.is_some()))
        .partition(|f| f.required);
    if required.is_empty() {
        put!(out, "impl Default for ", name, " {\nfn default() -> Self {\nSelf::new()\n}\n}\n");
    }
    put!(out, "impl ", name, " {\n");
    if required.is_empty() {
        text::doc(out, "Creates the value with every optional field unset.");
    } else {
        let names: Vec<String> = required.iter().map(|f| format!("`{}`", f.wire)).collect();
        text::doc(
            out,
            &format!(
                "Creates the value from its required fields ({}); optional fields start unset.",
                names.join(", ")
            ),
        );
    }
    out.push_str("#[must_use]\npub fn new(");
    text::separated(out, ", ", &required, |out, f| {
        text::ident(out, &f.rust);
        out.push_str(": ");
        arg_type(out, &f.ty);
    });
    out.push_str(") -> Self {\nSelf { ");
    for f in &s.fields {
        text::ident(out, &f.rust);
        if f.place == FieldPlace::Additional {
            out.push_str(": Default::default(), ");
        } else if let (Some(value), true) = (&f.fixed, f.required) {
            out.push_str(": __p::FromWire::from_wire(");
            text::string_literal(out, value);
            out.push_str("), ");
        } else if f.required {
            match conversion(&f.ty) {
                // `field: field` would be redundant.
                Convert::Same => out.push_str(", "),
                convert => {
                    out.push_str(": ");
                    convert.apply(out, &f.rust);
                    out.push_str(", ");
                }
            }
        } else {
            out.push_str(": None, ");
        }
    }
    out.push_str("}\n}\n");
    // Written out here rather than through a `macro_rules!` of the runtime: on an API of
    // hundreds of request types, expanding one macro call per setter (and a `concat!` per doc)
    // was about 8% of rustc's work on the whole expansion in every rebuild (BENCHMARKS.md).
    for f in optional {
        setter(out, f, is_three_state(f, is_input));
    }
    out.push_str("}\n");
}

/// The setter of an optional field, and for a three-state one also the setter that sends
/// `null`.
fn setter(out: &mut String, f: &Field, three_state: bool) {
    let inner = match &f.ty {
        Ty::Option(inner) => inner.as_ref(),
        other => other,
    };
    text::doc(out, &format!(" Sets `{}`.", f.wire));
    out.push_str("#[must_use]\npub fn ");
    text::ident(out, &f.rust);
    out.push_str("(mut self, value: ");
    arg_type(out, inner);
    out.push_str(") -> Self {\nself.");
    text::ident(out, &f.rust);
    out.push_str(if three_state { " = Some(Some(" } else { " = Some(" });
    conversion(inner).apply(out, "value");
    out.push_str(if three_state { "));\nself\n}\n" } else { ");\nself\n}\n" });
    if three_state {
        text::doc(out, &format!(" Sends `{}` as `null` (clears it).", f.wire));
        out.push_str("#[must_use]\npub fn ");
        text::ident(out, &format!("{}_null", f.rust));
        out.push_str("(mut self) -> Self {\nself.");
        text::ident(out, &f.rust);
        out.push_str(" = Some(None);\nself\n}\n");
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
    /// The field's value from the argument named `arg`.
    fn apply(&self, out: &mut String, arg: &str) {
        match self {
            Convert::Same => text::ident(out, arg),
            Convert::Into => {
                text::ident(out, arg);
                out.push_str(".into()");
            }
            Convert::Collect => {
                out.push_str("__p::methods::collect(");
                text::ident(out, arg);
                out.push(')');
            }
        }
    }
}

/// How a setter's or constructor's argument of type `t` becomes the field's value.
fn conversion(t: &Ty) -> Convert {
    match t {
        Ty::String | Ty::Bytes | Ty::Boxed(_) => Convert::Into,
        Ty::Vec(item) if **item == Ty::String => Convert::Collect,
        _ => Convert::Same,
    }
}

/// The argument type of a setter or constructor, for the field type `t` (see [`conversion`]).
fn arg_type(out: &mut String, t: &Ty) {
    match t {
        Ty::String => out.push_str("impl Into<String>"),
        Ty::Bytes => out.push_str("impl Into<__p::Bytes>"),
        Ty::Vec(item) if **item == Ty::String => {
            out.push_str("impl ::core::iter::IntoIterator<Item = impl Into<String>>");
        }
        Ty::Boxed(inner) => text::ty(out, inner),
        other => text::ty(out, other),
    }
}
