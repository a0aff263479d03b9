//! Printed tokens with their doc attributes written as `///` comments.
//!
//! Why: tokens can only carry docs as `#[doc = " text"]` attributes, and rustc parses, lowers
//! and hashes such an attribute as a general one, on every rebuild of the crate that invokes
//! `whop_api!`. Handed the same items as text, with each doc line as a `///` comment, it reads
//! a doc comment instead: on whop-full, about 10,000 of them and 3% of a `cargo check` after an
//! edit (BENCHMARKS.md). The types are written as text with `///` lines already
//! (`emit::text`); `emit` runs this over the parts it builds with `quote!` (the client, events
//! and mock) once printed.
//!
//! The text is the one `TokenStream`'s `Display` writes (rustc's or proc_macro2's: `#[doc`
//! or `# [doc`, the literal perhaps on the next line). An attribute is rewritten only when
//! its value reads back the same from a `///` line; any other stays as it was.

/// `expansion` with every doc attribute that can be a `///` comment written as one.
pub fn with_doc_comments(expansion: &str) -> String {
    let mut out = String::with_capacity(expansion.len());
    let mut rest = expansion;
    while let Some(at) = rest.find('#') {
        out.push_str(&rest[..at]);
        let attribute = &rest[at..];
        match doc_line(attribute) {
            Some((text, len)) => {
                start_a_line(&mut out);
                out.push_str("///");
                out.push_str(&text);
                out.push('\n');
                rest = &attribute[len..];
            }
            None => {
                out.push('#');
                rest = &attribute[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `expansion` without its `///` doc comments, for a compiler that never reads them (rustc
/// building or checking a crate; rustdoc and IDEs get them). On whop-full, its 11,500 or so
/// doc lines are about 4% of a `cargo check` after an edit (BENCHMARKS.md, issue 23's eighth
/// sitting).
///
/// Every `///` comment of an expansion starts a line, after whitespace at most (this module
/// and `emit::text` write them so), and no line starts inside a literal (the generator
/// escapes line breaks in them), so a line that starts with `///` is a doc comment. The few
/// docs no `///` line can hold stay `#[doc]` attributes, left in.
pub fn without_doc_comments(expansion: &str) -> String {
    let mut out = String::with_capacity(expansion.len());
    for line in expansion.split_inclusive('\n') {
        if !line.trim_start().starts_with("///") {
            out.push_str(line);
        }
    }
    out
}

/// Breaks the line unless only whitespace precedes on it, so that a `///` written next
/// starts its line (what `without_doc_comments` relies on).
pub(crate) fn start_a_line(out: &mut String) {
    let line = out.rsplit('\n').next().unwrap_or_default();
    if !line.trim().is_empty() {
        out.push('\n');
    }
}

/// For a `#[doc = "..."]` at the start of `attribute`: the doc text and the attribute's
/// length in bytes; `None` for anything else, and for a text a `///` line cannot hold.
fn doc_line(attribute: &str) -> Option<(String, usize)> {
    let rest = attribute.strip_prefix('#')?.trim_start().strip_prefix('[')?.trim_start();
    let rest = rest.strip_prefix("doc")?.trim_start().strip_prefix('=')?.trim_start();
    let (text, after) = match rest.strip_prefix('"') {
        Some(body) => string_literal(body)?,
        // `///` lines inside `quote!` come out as raw strings (`r" text"`).
        None => raw_string_literal(rest.strip_prefix('r')?)?,
    };
    let after = after.trim_start().strip_prefix(']')?;
    Some((text, attribute.len() - after.len()))
}

/// The value of a string literal's body (`body` starts after the opening quote) and what
/// follows its closing quote; `None` when the value has a line break, a control character
/// other than a tab or any other escaped character, which a `///` line cannot hold.
fn string_literal(body: &str) -> Option<(String, &str)> {
    let mut text = String::new();
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        let c = match c {
            '"' => return fits_a_line(&text).then_some((text, &body[i + 1..])),
            '\\' => match chars.next()?.1 {
                '"' => '"',
                '\\' => '\\',
                '\'' => '\'',
                't' => '\t',
                // `\u{..}`: a character `Debug` escapes is one a comment should not hold
                // either (a text-direction control is an error in a comment).
                _ => return None,
            },
            c => c,
        };
        text.push(c);
    }
    None
}

/// Like [`string_literal`], for a raw string literal (`body` starts after the `r`).
fn raw_string_literal(body: &str) -> Option<(String, &str)> {
    let hashes = body.len() - body.trim_start_matches('#').len();
    let body = body[hashes..].strip_prefix('"')?;
    let end = body.find(&format!("\"{}", "#".repeat(hashes)))?;
    let text = &body[..end];
    fits_a_line(text).then(|| (text.to_owned(), &body[end + 1 + hashes..]))
}

/// Whether a `///` line holds `text` as the doc attribute's value: not when it starts with
/// `/` (`////` starts a plain comment), and not with a line break, another control character
/// but a tab, or a character `Debug` escapes (a text-direction control is an error in a
/// comment). The types' emitter (`emit::text`) asks the same.
pub(crate) fn fits_a_line(text: &str) -> bool {
    let fits = |c: char| {
        if c.is_ascii() {
            c == '\t' || !c.is_ascii_control()
        } else {
            c.escape_debug().len() == 1
        }
    };
    !text.starts_with('/') && text.chars().all(fits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_attributes_become_doc_comments_in_either_printing() {
        assert_eq!(with_doc_comments("#[doc = \" Hello.\"] pub struct A;"), "/// Hello.\n pub struct A;");
        assert_eq!(with_doc_comments("# [doc = \" Hello.\"] pub struct A ;"), "/// Hello.\n pub struct A ;");
        assert_eq!(with_doc_comments("#[doc =\n    \" Hi.\"]\n#[doc = \"\"] x"), "/// Hi.\n\n///\n x");
        assert_eq!(
            with_doc_comments(r##"# [doc = r" Raw \n."] #[doc = r#" "Hashed"."#]"##),
            "/// Raw \\n.\n /// \"Hashed\".\n"
        );
    }

    #[test]
    fn escapes_are_read_and_what_a_line_cannot_hold_stays_an_attribute() {
        let escaped = r#"#[doc = " say \"hi\" \\ it's\ttabbed"]"#;
        assert_eq!(with_doc_comments(escaped), "/// say \"hi\" \\ it's\ttabbed\n");
        for kept in [
            r#"#[doc = " two\nlines"]"#,
            r#"#[doc = "/path"]"#,
            r#"#[doc = " nul \0"]"#,
            r#"#[doc = " right-to-left \u{202e}"]"#,
            "#[doc = r\" raw right-to-left \u{202e}\"]",
            r#"#[doc = r"/raw path"]"#,
        ] {
            assert_eq!(with_doc_comments(kept), kept);
        }
    }

    #[test]
    fn only_outer_doc_attributes_change() {
        for kept in [
            "#![doc = \" inner\"]",
            "#[derive(Debug)]",
            "#[doc(hidden)]",
            "#[doc = \" unterminated]",
            "const S: &str = \"#[doc = \\\" in a string\\\"]\";",
            "#",
        ] {
            assert_eq!(with_doc_comments(kept), kept);
        }
    }

    #[test]
    fn a_whole_expansion_reads_back_as_the_same_tokens() -> Result<(), proc_macro2::LexError> {
        let expansion = crate::expand(
            include_str!("../../spec/whop-sample.yml"),
            "whop-sample.yml",
            &crate::Options { mock: true, ..crate::Options::default() },
        );
        let printed = expansion.tokens().transpose()?.map(|tokens| tokens.to_string()).unwrap_or_default();
        let text = with_doc_comments(&printed);
        assert!(text.matches("///").count() > 1000, "docs were rewritten");
        // Only the few multi-line literals (the client's docs) stay attributes.
        assert!(
            text.matches("[doc =").count() * 100 < text.matches("///").count(),
            "nearly all docs are comments"
        );
        // proc_macro2's parser reads `///` back as the attribute it was (a raw string may come
        // back cooked: literals compare by value).
        assert_eq!(trees(text.parse()?), trees(printed.parse()?));
        Ok(())
    }

    #[test]
    fn without_doc_comments_only_the_docs_are_gone() -> Result<(), proc_macro2::LexError> {
        let mock = crate::Options { mock: true, ..crate::Options::default() };
        let specs = [
            (include_str!("../../spec/whop-sample.yml"), mock.clone()),
            (include_str!("../../spec/whop-webhooks-sample.yml"), mock),
            (include_str!("../../tests/specs/shapes.yml"), crate::Options::default()),
        ];
        for (spec, options) in specs {
            let lean = crate::Options { omit_doc_comments: true, ..options.clone() };
            let [with, without] =
                [options, lean].map(|options| crate::expand(spec, "spec.yml", &options).text);
            let (with, without) = (with.unwrap_or_default(), without.unwrap_or_default());
            let (kept, docs) = undocumented(with.parse()?);
            let (left, stayed) = undocumented(without.parse()?);
            assert_eq!(trees(left), trees(kept), "only doc attributes differ");
            assert!(docs > 100 && stayed * 50 < docs, "{stayed} of {docs} docs stayed");
            assert_eq!(without.matches("///").count(), 0);
        }
        Ok(())
    }

    /// The stream without its `#[doc = ..]` attributes, and how many there were.
    fn undocumented(stream: proc_macro2::TokenStream) -> (proc_macro2::TokenStream, usize) {
        use proc_macro2::{Group, TokenTree};
        let is_doc = |tree: Option<&TokenTree>| match tree {
            Some(TokenTree::Group(group)) => {
                let inner: Vec<String> = group.stream().into_iter().take(2).map(|t| t.to_string()).collect();
                inner == ["doc", "="]
            }
            _ => false,
        };
        let (mut kept, mut docs) = (Vec::new(), 0);
        let mut trees = stream.into_iter().peekable();
        while let Some(tree) = trees.next() {
            match tree {
                TokenTree::Punct(p) if p.as_char() == '#' && is_doc(trees.peek()) => {
                    trees.next();
                    docs += 1;
                }
                TokenTree::Group(group) => {
                    let (inner, inner_docs) = undocumented(group.stream());
                    kept.push(TokenTree::Group(Group::new(group.delimiter(), inner)));
                    docs += inner_docs;
                }
                other => kept.push(other),
            }
        }
        (kept.into_iter().collect(), docs)
    }

    /// Each token as text, string literals by their value.
    fn trees(stream: proc_macro2::TokenStream) -> Vec<String> {
        let mut out = Vec::new();
        for tree in stream {
            match tree {
                proc_macro2::TokenTree::Group(group) => {
                    out.push(format!("{:?}", group.delimiter()));
                    out.extend(trees(group.stream()));
                    out.push("end".to_owned());
                }
                proc_macro2::TokenTree::Literal(literal) => out.push(
                    syn::parse_str::<syn::LitStr>(&literal.to_string())
                        .map_or_else(|_| literal.to_string(), |string| format!("{:?}", string.value())),
                ),
                other => out.push(other.to_string()),
            }
        }
        out
    }
}
