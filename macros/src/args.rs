//! The macro's arguments: `"path/to/spec.yml"` then optional `tags = [..]`, `operations = [..]`,
//! `mock = true` (or `mock = "feature"`), `lean_serde = true`, `api_version = "<date>"`,
//! `strict = true`, `webhooks_only = true`.

use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{bracketed, Ident, LitStr, Token};

use whop_api_codegen::names::did_you_mean;
use whop_api_codegen::Options;

const OPTIONS: &[&str] =
    &["tags", "operations", "mock", "lean_serde", "full_serde", "api_version", "strict", "webhooks_only"];

/// Parsed arguments.
pub struct Args {
    /// The spec path as written.
    pub path: LitStr,
    /// The options.
    pub options: Options,
    /// The `tags = [..]` literals, for spans.
    pub tag_literals: Vec<LitStr>,
    /// The `operations = [..]` literals, for spans.
    pub operation_literals: Vec<LitStr>,
}

impl Parse for Args {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let path: LitStr = input.parse().map_err(|e| {
            syn::Error::new(
                e.span(),
                "expected the spec path as a string literal, e.g. whop_api!(\"spec/affiliates.yml\")",
            )
        })?;
        let mut options = Options::default();
        let mut tag_literals = Vec::new();
        let mut operation_literals = Vec::new();
        while !input.is_empty() {
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break;
            }
            let name: Ident = input.parse()?;
            input.parse::<Token![=]>()?;
            if name == "mock" {
                // `mock = true`, or `mock = "feature"`: the mock only when the invoking crate
                // builds with that feature (so its tests and other crates share one client).
                if input.peek(LitStr) {
                    let feature: LitStr = input.parse()?;
                    options.mock = true;
                    options.mock_feature = Some(feature.value());
                } else {
                    options.mock = input.parse::<syn::LitBool>()?.value;
                }
                continue;
            }
            if name == "lean_serde" {
                options.lean_serde = input.parse::<syn::LitBool>()?.value;
                continue;
            }
            if name == "full_serde" {
                // Both directions are the default now; the old option still reads as it did.
                options.lean_serde = !input.parse::<syn::LitBool>()?.value;
                continue;
            }
            if name == "api_version" {
                let version: LitStr = input.parse()?;
                let text = version.value();
                if !is_date(&text) {
                    return Err(syn::Error::new(
                        version.span(),
                        format!("`api_version` is a date, `YYYY-MM-DD` (e.g. \"2026-07-20\"), not `{text}`"),
                    ));
                }
                options.api_version = Some(text);
                continue;
            }
            if name == "strict" {
                options.strict = input.parse::<syn::LitBool>()?.value;
                continue;
            }
            if name == "webhooks_only" {
                options.selection.webhooks_only = input.parse::<syn::LitBool>()?.value;
                continue;
            }
            if name != "tags" && name != "operations" {
                return Err(syn::Error::new(
                    name.span(),
                    format!(
                        "unknown option `{name}`; the options are `tags = [..]`, `operations = [..]`, `mock = true` (or `mock = \"feature\"`), `lean_serde = true`, `api_version = \"YYYY-MM-DD\"`, `strict = true` and `webhooks_only = true`{}",
                        did_you_mean(&name.to_string(), OPTIONS.iter().copied())
                    ),
                ));
            }
            if !input.peek(syn::token::Bracket) {
                return Err(syn::Error::new(
                    input.span(),
                    format!("`{name}` takes a list of strings: `{name} = [\"..\", \"..\"]`"),
                ));
            }
            let content;
            bracketed!(content in input);
            let literals: Vec<LitStr> =
                Punctuated::<LitStr, Token![,]>::parse_terminated(&content)?.into_iter().collect();
            let values = literals.iter().map(LitStr::value);
            if name == "tags" {
                options.selection.tags.extend(values);
                tag_literals.extend(literals);
            } else {
                options.selection.operations.extend(values);
                operation_literals.extend(literals);
            }
        }
        Ok(Args { path, options, tag_literals, operation_literals })
    }
}

/// `YYYY-MM-DD`, the form of Whop's `Api-Version-Date`.
fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| if i == 4 || i == 7 { *b == b'-' } else { b.is_ascii_digit() })
}
