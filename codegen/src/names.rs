//! Turning spec names into idiomatic, valid Rust identifiers.

use std::collections::HashSet;

/// Splits a name into lower-case ASCII words at case changes and punctuation. A non-ASCII
/// letter becomes a word of its own, spelled by its code point (`é` -> `ue9`), so every
/// output is a valid identifier and distinct inputs stay distinct.
pub fn words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    each_word(name, |word| words.push(word.to_ascii_lowercase()));
    words
}

/// Calls `word` with each word of `name` as [`words`] splits it, in its original case: the
/// name conversions below build their output in one pass instead of a `String` per word.
fn each_word(name: &str, mut word: impl FnMut(&str)) {
    let mut start = None;
    let mut prev = None;
    let mut chars = name.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !c.is_ascii_alphanumeric() {
            if let Some(s) = start.take() {
                word(&name[s..i]);
            }
            if !c.is_ascii() && c.is_alphanumeric() {
                word(&format!("u{:x}", u32::from(c)));
            }
        } else {
            let next = chars.peek().map(|&(_, n)| n);
            let boundary = prev.is_some_and(|p: char| {
                p.is_ascii_alphanumeric()
                    && c.is_ascii_uppercase()
                    && (p.is_ascii_lowercase()
                        || p.is_ascii_digit()
                        || (p.is_ascii_uppercase() && next.is_some_and(char::is_lowercase)))
            });
            if boundary {
                if let Some(s) = start.take() {
                    word(&name[s..i]);
                }
            }
            start.get_or_insert(i);
        }
        prev = Some(c);
    }
    if let Some(s) = start {
        word(&name[s..]);
    }
}

/// `UpperCamelCase` for types and variants; never empty, never starting with a digit.
pub fn type_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 1);
    each_word(name, |word| {
        let mut letters = word.chars();
        if let Some(first) = letters.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(letters.map(|c| c.to_ascii_lowercase()));
        }
    });
    if out.is_empty() {
        out.push_str("Empty");
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    if out == "Self" {
        out.push('_');
    }
    out
}

/// `snake_case` for fields, methods and arguments; never empty, never a digit first.
pub fn snake_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    each_word(name, |word| {
        if !out.is_empty() {
            out.push('_');
        }
        out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
    });
    if out.is_empty() {
        out.push_str("empty");
    }
    // `v` as for types (`V2fa`): a leading underscore would read as "unused" to lints.
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'v');
    }
    out
}

/// The type-namespace names of std's prelude (and the two std items generated code imports):
/// generated code names std's types by them, so no generated type may take one. A schema
/// called one of these becomes `<Name>Value` (`Result` -> `ResultValue`).
pub const PRELUDE: &[&str] = &[
    "AsMut",
    "AsRef",
    "BTreeMap",
    "Box",
    "Clone",
    "Copy",
    "Default",
    "Display",
    "DoubleEndedIterator",
    "Drop",
    "Eq",
    "ExactSizeIterator",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "FromIterator",
    "Into",
    "IntoIterator",
    "Iterator",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Send",
    "Sized",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Vec",
];

/// A Rust type name for a spec name that never shadows a [`PRELUDE`] name.
pub fn unshadowed_type_name(name: &str) -> String {
    let rust = type_name(name);
    if PRELUDE.contains(&rust.as_str()) {
        format!("{rust}Value")
    } else {
        rust
    }
}

/// True for words Rust reserves.
pub fn is_keyword(word: &str) -> bool {
    const KEYWORDS: &[&str] = &[
        "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
        "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
        "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe",
        "use", "where", "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv",
        "try", "typeof", "unsized", "virtual", "yield",
    ];
    // Runs for every identifier generated; most are longer than any keyword.
    word.len() <= 8 && KEYWORDS.contains(&word)
}

/// An identifier token for a snake-case name: `r#type` for keywords, `self_` where raw is
/// not allowed.
pub fn ident(name: &str) -> proc_macro2::Ident {
    let span = proc_macro2::Span::call_site();
    match ident_form(name) {
        IdentForm::Suffixed => proc_macro2::Ident::new(&format!("{name}_"), span),
        IdentForm::Raw => proc_macro2::Ident::new_raw(name, span),
        IdentForm::Plain => proc_macro2::Ident::new(name, span),
    }
}

/// How a snake-case name is written as an identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdentForm {
    /// As it is.
    Plain,
    /// Raw, `r#type`, for a keyword.
    Raw,
    /// With a `_` after it, for the keywords a raw identifier cannot be (`self_`).
    Suffixed,
}

/// How [`ident`] writes `name`.
pub fn ident_form(name: &str) -> IdentForm {
    match name {
        "self" | "super" | "crate" | "Self" | "_" => IdentForm::Suffixed,
        n if is_keyword(n) => IdentForm::Raw,
        _ => IdentForm::Plain,
    }
}

/// A naive English singular, enough for resource nouns (`Affiliates` -> `Affiliate`).
pub fn singular(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for suffix in ["sses", "shes", "ches", "xes"] {
        if word.ends_with(suffix) {
            return word[..word.len() - 2].to_owned();
        }
    }
    match word.strip_suffix('s') {
        Some(stem) if !word.ends_with("ss") && !stem.is_empty() => stem.to_owned(),
        _ => word.to_owned(),
    }
}

/// `"; did you mean `x`?"` when a candidate is close to `word`, else empty.
pub fn did_you_mean<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> String {
    closest(word, candidates).map_or_else(String::new, |c| format!("; did you mean `{c}`?"))
}

/// The candidate nearest to `word`, if it is near enough to be a typo of it.
pub fn closest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let (d, c) = candidates
        .into_iter()
        .map(|c| (distance(&word.to_lowercase(), &c.to_lowercase()), c))
        .min_by_key(|(d, _)| *d)?;
    (d <= (word.chars().count() / 3).max(2)).then_some(c)
}

/// Levenshtein distance.
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_words_across_styles() {
        assert_eq!(words("createAffiliate"), ["create", "affiliate"]);
        assert_eq!(words("HTTPServer-url.v2"), ["http", "server", "url", "v2"]);
        assert_eq!(words("customer_retention_rate"), ["customer", "retention", "rate"]);
        assert_eq!(words("café"), ["caf", "ue9"]);
    }

    #[test]
    fn makes_valid_identifiers() {
        assert_eq!(type_name("affiliate user"), "AffiliateUser");
        assert_eq!(type_name("2fa"), "V2fa");
        assert_eq!(type_name(""), "Empty");
        assert_eq!(snake_name("totalReferralsCount"), "total_referrals_count");
        assert_eq!(snake_name("3d"), "v3d");
        assert_eq!(ident("type").to_string(), "r#type");
        assert_eq!(ident("continue").to_string(), "r#continue", "the longest keywords are 8 letters");
        assert_eq!(ident("self").to_string(), "self_");
    }

    #[test]
    fn singularizes_resource_nouns() {
        assert_eq!(singular("affiliates"), "affiliate");
        assert_eq!(singular("companies"), "company");
        assert_eq!(singular("access"), "access");
        assert_eq!(singular("boxes"), "box");
    }

    #[test]
    fn suggests_close_names() {
        assert_eq!(did_you_mean("propertes", ["properties", "items"]), "; did you mean `properties`?");
        assert_eq!(did_you_mean("zzz", ["properties"]), "");
    }
}

/// Names already taken in one scope (the generated module's types, a struct's fields, an
/// enum's variants), so each new one gets a distinct name.
#[derive(Debug, Default)]
pub struct NameTable {
    taken: HashSet<String>,
}

impl NameTable {
    /// A table for the generated module's types: the [`PRELUDE`] names are taken already.
    pub fn for_types() -> Self {
        NameTable { taken: PRELUDE.iter().map(|n| (*n).to_owned()).collect() }
    }

    /// Takes `wanted` if it is free; otherwise `wanted2`, `wanted3`, ...
    pub fn claim(&mut self, wanted: &str) -> String {
        let mut name = wanted.to_owned();
        let mut n = 2;
        while !self.taken.insert(name.clone()) {
            name = format!("{wanted}{n}");
            n += 1;
        }
        name
    }

    /// Takes `name` exactly; false when it is already taken.
    pub fn reserve(&mut self, name: &str) -> bool {
        self.taken.insert(name.to_owned())
    }
}
