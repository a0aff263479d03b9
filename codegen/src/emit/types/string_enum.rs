//! String enums with their catch-all variant.

use crate::emit::text::{self, put};
use crate::ir::{EnumVariant, Usage};

/// A string enum (its docs already written) with its catch-all variant: `as_str`, `Display`
/// and a strict `FromStr` (a value the spec does not list is an error, so a typo does not
/// become an unknown value silently); decoding is lenient instead, keeping an unknown value in
/// the catch-all. The lenient `FromWire` only when a constructor fills a fixed field with the
/// enum (`fixed`). `PartialEq`, `Eq` and `Hash` go by wire text: two values are equal when
/// they are sent alike.
pub(super) fn string_enum(
    out: &mut String,
    name: &str,
    variants: &[EnumVariant],
    catch_all: &str,
    usage: Usage,
    fixed: bool,
) {
    put!(out, "#[derive(Debug, Clone)]\npub enum ", name, " {\n");
    for v in variants {
        text::doc(out, &format!("`{}`", v.wire.replace('`', "'")));
        put!(out, &v.rust, ",\n");
    }
    text::doc(out, " A value this version of the spec does not list; kept as sent so it round-trips.");
    text::doc(out, " Values compare by their text, so one holding a listed value equals that variant.");
    put!(out, catch_all, "(String),\n}\n");
    // Written out rather than through a runtime `macro_rules!`: matching and transcribing the
    // macro cost rustc about 6% of a whop-full rebuild.
    put!(out, "impl ", name, " {\n");
    text::doc(out, " The value as sent on the wire.");
    out.push_str("#[must_use]\npub fn as_str(&self) -> &str {\nmatch self {\n");
    for v in variants {
        put!(out, "Self::", &v.rust, " => ");
        text::string_literal(out, &v.wire);
        out.push_str(",\n");
    }
    put!(out, "Self::", catch_all, "(other) => other.as_str(),\n}\n}\n}\n");
    put!(
        out,
        "impl ::core::str::FromStr for ",
        name,
        " {\ntype Err = ::whop_api::UnknownValue;\nfn from_str(value: &str) -> Result<Self, Self::Err> {\nmatch value {\n",
    );
    for v in variants {
        text::string_literal(out, &v.wire);
        put!(out, " => Ok(Self::", &v.rust, "),\n");
    }
    out.push_str("other => Err(::whop_api::UnknownValue::new(");
    text::string_literal(out, name);
    out.push_str(", other)),\n}\n}\n}\n");
    if fixed {
        put!(
            out,
            "impl __p::FromWire for ",
            name,
            " {\nfn from_wire(value: &str) -> Self {\n__p::listed_or(value, Self::",
            catch_all,
            ")\n}\n}\n",
        );
    }
    // Compared and hashed by wire text, so a catch-all holding a listed value equals it.
    put!(
        out,
        "impl PartialEq for ",
        name,
        " {\nfn eq(&self, other: &Self) -> bool {\nself.as_str() == other.as_str()\n}\n}\n",
        "impl Eq for ",
        name,
        " {}\nimpl ::core::hash::Hash for ",
        name,
        " {\nfn hash<H: ::core::hash::Hasher>(&self, state: &mut H) {\n::core::hash::Hash::hash(self.as_str(), state);\n}\n}\n",
        "impl ::core::fmt::Display for ",
        name,
        " {\nfn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {\nf.write_str(self.as_str())\n}\n}\n",
    );
    if usage.sent {
        put!(
            out,
            "impl __p::serde::Serialize for ",
            name,
            " {\nfn serialize<S: __p::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {\nserializer.serialize_str(self.as_str())\n}\n}\n",
        );
    }
    if usage.received {
        put!(
            out,
            "impl<'de> __p::serde::Deserialize<'de> for ",
            name,
            " {\nfn deserialize<D: __p::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {\n__p::deserialize_str_enum(deserializer, Self::",
            catch_all,
            ")\n}\n}\n",
        );
    }
}
