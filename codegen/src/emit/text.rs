//! Rust source written straight into a `String`: how the types, most of an expansion, are
//! emitted.
//!
//! Why text and not `quote!`: rustc takes the expansion as text anyway (the macro hands it
//! over that way, docs as `///` comments), and building tokens first costs an allocation per
//! identifier, punctuation run and group, then a pass to print them. On whop-full's size the
//! types were most of the generator's instructions (BENCHMARKS.md, seventh sitting).

use crate::doc_comments::{fits_a_line, start_a_line};
use crate::ir::{Docs, Ty};
use crate::names::{ident_form, IdentForm};

/// Appends each part, in order, to the `String` given first.
macro_rules! put {
    ($out:expr $(, $part:expr)* $(,)?) => {{
        let out: &mut String = $out;
        $(out.push_str($part);)*
    }};
}
pub(crate) use put;

/// Each item written by `each`, `separator` between them.
pub(crate) fn separated<T>(
    out: &mut String,
    separator: &str,
    items: impl IntoIterator<Item = T>,
    mut each: impl FnMut(&mut String, T),
) {
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        each(out, item);
    }
}

/// The docs, a line each, as rustdoc would have them from `///` comments (a space before
/// each non-empty line).
pub(crate) fn docs(out: &mut String, docs: &Docs) {
    let text = docs.text();
    let mut value = String::new();
    for line in text.lines() {
        value.clear();
        if !line.is_empty() {
            value.push(' ');
            value.push_str(line);
        }
        doc(out, &value);
    }
}

/// One doc line whose attribute value is exactly `value`: a `///` comment when one reads
/// back the same, else a `#[doc = "..."]` attribute.
pub(crate) fn doc(out: &mut String, value: &str) {
    if fits_a_line(value) {
        start_a_line(out);
        put!(out, "///", value, "\n");
    } else {
        put!(out, "#[doc = ");
        string_literal(out, value);
        put!(out, "]\n");
    }
}

/// `text` as a string literal.
pub(crate) fn string_literal(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            // Allowed unescaped in a string literal, unlike in a `char` one.
            '\'' => out.push(c),
            c if c.is_ascii() && !c.is_ascii_control() => out.push(c),
            c => out.extend(c.escape_debug()),
        }
    }
    out.push('"');
}

/// A snake-case name as an identifier (`r#type`, `self_`), as `names::ident` makes it.
pub(crate) fn ident(out: &mut String, name: &str) {
    match ident_form(name) {
        IdentForm::Plain => out.push_str(name),
        IdentForm::Raw => put!(out, "r#", name),
        IdentForm::Suffixed => put!(out, name, "_"),
    }
}

/// A type expression, as `emit::ty` writes it for the parts built with `quote!` (a test keeps
/// the two alike).
pub(crate) fn ty(out: &mut String, ty: &Ty) {
    let simple = match ty {
        Ty::String => "String",
        Ty::I64 => "i64",
        Ty::I32 => "i32",
        Ty::F64 => "f64",
        Ty::F32 => "f32",
        Ty::Bool => "bool",
        Ty::DateTime => "__p::chrono::DateTime<__p::chrono::Utc>",
        Ty::Date => "__p::chrono::NaiveDate",
        Ty::Json => "__p::serde_json::Value",
        Ty::Bytes => "__p::Bytes",
        Ty::File => "__p::File",
        Ty::Named(name) => name,
        Ty::Vec(inner) => return wrapped(out, "Vec<", inner),
        Ty::Map(inner) => return wrapped(out, "BTreeMap<String, ", inner),
        Ty::Option(inner) => return wrapped(out, "Option<", inner),
        Ty::Boxed(inner) => return wrapped(out, "Box<", inner),
    };
    out.push_str(simple);
}

fn wrapped(out: &mut String, open: &str, inner: &Ty) {
    out.push_str(open);
    ty(out, inner);
    out.push('>');
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use proc_macro2::{Literal, TokenStream};

    use super::*;

    /// What the text reads back as, printed by proc_macro2 (doc comments become attributes).
    fn lexed(text: &str) -> String {
        TokenStream::from_str(text).map(|t| t.to_string()).unwrap_or_else(|e| format!("error: {e}"))
    }

    #[test]
    fn doc_lines_read_back_as_the_attribute_they_stand_for() {
        for value in [
            " Plain.",
            "",
            " Tab\there.",
            " \"Quoted\" and 'single' \\ back",
            " \u{202e} bidi",
            " bell\u{7}",
            "/slash",
            " é ü 日本",
        ] {
            let mut text = String::new();
            doc(&mut text, value);
            text.push_str("struct A;");
            let expected = format!("# [doc = {}] struct A ;", Literal::string(value));
            assert_eq!(lexed(&text), expected, "{value:?} as {text:?}");
        }
    }

    #[test]
    fn a_comment_is_used_only_where_it_reads_back_the_same() {
        let mut text = String::new();
        doc(&mut text, " fine");
        doc(&mut text, " \u{202e}");
        doc(&mut text, "/x");
        assert_eq!(text, "/// fine\n#[doc = \" \\u{202e}\"]\n#[doc = \"/x\"]\n");
    }

    #[test]
    fn string_literals_read_back_as_the_text() {
        for value in ["", "a\"b\\c'd", "line\nbreak\r\t", "\u{0}\u{7f}\u{85}\u{200b}", "ünïcode"] {
            let mut text = String::new();
            string_literal(&mut text, value);
            assert_eq!(lexed(&text), Literal::string(value).to_string(), "{value:?}");
        }
    }

    #[test]
    fn types_are_written_as_the_token_emitter_writes_them() {
        let named = || Box::new(Ty::Named("Plan".to_owned()));
        let types = [
            Ty::String,
            Ty::I64,
            Ty::I32,
            Ty::F64,
            Ty::F32,
            Ty::Bool,
            Ty::DateTime,
            Ty::Date,
            Ty::Json,
            Ty::Bytes,
            Ty::File,
            Ty::Vec(named()),
            Ty::Map(Box::new(Ty::Option(named()))),
            Ty::Boxed(named()),
        ];
        for t in types {
            let mut text = String::new();
            ty(&mut text, &t);
            // Types hold no two adjacent words, so spacing (`>>` or `> >`) is all that may differ.
            let squeezed = |s: String| s.split_whitespace().collect::<String>();
            assert_eq!(squeezed(text), squeezed(crate::emit::ty(&t).to_string()), "{t:?}");
        }
    }

    #[test]
    fn keywords_become_identifiers_as_names_ident_makes_them() {
        for name in ["type", "self", "normal", "_", "async"] {
            let mut text = String::new();
            ident(&mut text, name);
            assert_eq!(text, crate::names::ident(name).to_string());
        }
    }
}
