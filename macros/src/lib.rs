//! The `whop_api!` macro. A thin shell: parse the arguments, read the spec file, call
//! [`whop_api_codegen::expand`], and turn every diagnostic into a `compile_error!` that points
//! at the macro's string literal. Use it through the `whop-api` crate.
//!
//! A successful expansion is handed to rustc as the generator's text, its docs written as
//! `///` comments (left out when rustc itself builds or checks the crate, which never reads
//! them: `host`), and that text is kept in a cache (`cache`), so that an edit of the
//! invoking crate does not run the generator again while spec, arguments and generator are
//! unchanged.

mod args;
mod cache;
mod host;

use std::path::{Path, PathBuf};
use std::str::FromStr;

use proc_macro2::{Literal, TokenStream};
use whop_api_codegen::diag::Argument;

/// Generates a typed Whop API client from an OpenAPI spec file. See the `whop-api` crate.
#[proc_macro]
pub fn whop_api(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    let arguments = input.to_string();
    let mut args = match syn::parse::<args::Args>(input) {
        Ok(args) => args,
        Err(error) => return error.into_compile_error().into(),
    };
    let docs = host::wants_docs();
    args.options.omit_doc_comments = !docs;
    let local_dir =
        proc_macro::Span::call_site().local_file().and_then(|file| file.parent().map(Path::to_path_buf));
    let (path, source) = match read_spec_at_argument(&args, local_dir) {
        Ok(found) => found,
        Err(error) => return error.into(),
    };
    let entry =
        cache::folder_from_env().map(|folder| cache::Entry::new(&folder, &arguments, docs, &path, &source));
    let hit = entry.as_ref().and_then(cache::Entry::load);
    if let Some(tokens) = hit.and_then(|text| proc_macro::TokenStream::from_str(&text).ok()) {
        return tokens;
    }
    match expand(&args, &path, &source) {
        // A clean expansion goes to rustc as the generator's text (docs as `///` comments,
        // which cost it less than doc attributes, or none for rustc itself); a cache hit hands
        // it the same text.
        Expanded::Clean(text) => match proc_macro::TokenStream::from_str(&text) {
            Ok(tokens) => {
                if let Some(entry) = entry {
                    entry.store(&text);
                }
                tokens
            }
            Err(error) => unlexable(&args, &error).into(),
        },
        // One with diagnostics is handed on as tokens, and never stored: errors keep the spans
        // that point at the arguments, which text would lose.
        Expanded::WithErrors(tokens) => tokens.into(),
    }
}

/// What the generator made of a call.
enum Expanded {
    /// No diagnostics: the items' source, after the spec's tracking `include_bytes!`.
    Clean(String),
    /// A `compile_error!` per diagnostic, then the items that could still be generated.
    WithErrors(TokenStream),
}

/// The expansion for a spec read from `path`.
fn expand(args: &args::Args, path: &Path, source: &str) -> Expanded {
    let written = args.path.value();
    let span = args.path.span();
    let expansion = whop_api_codegen::expand(source, &written, &args.options);
    // `include_bytes!` makes cargo rebuild the user's crate when the spec changes.
    let tracked =
        path.to_str().map(|p| format!("const _: &[u8] = ::std::include_bytes!({});\n", Literal::string(p)));
    if let (true, Some(items)) = (expansion.diagnostics.is_empty(), &expansion.text) {
        return Expanded::Clean(tracked.unwrap_or_default() + items);
    }
    // Problems in the arguments point at the argument; problems in the spec at the path.
    let errors = expansion.diagnostics.iter().map(|d| {
        let literal = match d.argument {
            Some(Argument::Tag(i)) => args.tag_literals.get(i),
            Some(Argument::Operation(i)) => args.operation_literals.get(i),
            None => None,
        };
        match literal {
            Some(literal) => syn::Error::new(literal.span(), &d.message).into_compile_error(),
            None => syn::Error::new(span, d.render(&written)).into_compile_error(),
        }
    });
    let mut tokens: TokenStream = errors.collect();
    let items = tracked.into_iter().chain(expansion.text).map(|text| TokenStream::from_str(&text));
    for lexed in items {
        match lexed {
            Ok(items) => tokens.extend(items),
            Err(error) => tokens.extend(unlexable(args, &error)),
        }
    }
    Expanded::WithErrors(tokens)
}

/// A `compile_error!` at the spec argument for generated text that does not lex: a fault of
/// the generator's, not the spec's.
fn unlexable(args: &args::Args, error: &impl std::fmt::Display) -> TokenStream {
    let message = format!(
        "whop_api!: the generated code does not lex ({error}); this is a bug in whop-api, please report it with the spec"
    );
    syn::Error::new(args.path.span(), message).into_compile_error()
}

/// [`read_spec`], its failure as a `compile_error!` at the path argument.
fn read_spec_at_argument(
    args: &args::Args,
    local_dir: Option<PathBuf>,
) -> Result<(PathBuf, String), TokenStream> {
    read_spec(&args.path.value(), local_dir)
        .map_err(|message| syn::Error::new(args.path.span(), message).into_compile_error())
}

/// Finds the spec relative to the invoking crate's manifest, then to the calling file.
fn read_spec(written: &str, local_dir: Option<PathBuf>) -> Result<(PathBuf, String), String> {
    let mut tried = Vec::new();
    let given = Path::new(written);
    let candidates: Vec<PathBuf> = if given.is_absolute() {
        vec![given.to_path_buf()]
    } else {
        std::env::var_os("CARGO_MANIFEST_DIR")
            .map(|dir| PathBuf::from(dir).join(given))
            .into_iter()
            .chain(local_dir.map(|dir| dir.join(given)))
            .collect()
    };
    let folders = candidates.clone();
    for candidate in candidates {
        match std::fs::read(&candidate) {
            Ok(bytes) => {
                let path = candidate.canonicalize().unwrap_or(candidate);
                return String::from_utf8(bytes)
                    .map(|text| (path, text))
                    .map_err(|e| format!("{written}: the spec is not valid UTF-8 ({e})"));
            }
            Err(error) => tried.push(format!("{} ({error})", candidate.display())),
        }
    }
    Err(format!(
        "{written}: cannot read the spec file; tried: {}. Paths are relative to the crate's Cargo.toml{}",
        tried.join("; "),
        folders
            .iter()
            .map(|path| nearest_file(written, path))
            .find(|hint| !hint.is_empty())
            .unwrap_or_default()
    ))
}

/// "; did you mean `spec/whop.yml`?" when the folder of `path` has a file with a name near
/// the one written.
fn nearest_file(written: &str, path: &Path) -> String {
    let (Some(folder), Some(name)) = (path.parent(), path.file_name().and_then(|n| n.to_str())) else {
        return String::new();
    };
    let files: Vec<String> = std::fs::read_dir(folder)
        .map(|entries| entries.filter_map(|e| e.ok()?.file_name().into_string().ok()).collect())
        .unwrap_or_default();
    match whop_api_codegen::names::closest(name, files.iter().map(String::as_str)) {
        Some(file) => {
            let prefix = written.rsplit_once('/').map_or(String::new(), |(dir, _)| format!("{dir}/"));
            format!("; did you mean `{prefix}{file}`?")
        }
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    /// The expansion's text, or its tokens printed when it has errors.
    fn expand_str(tokens: TokenStream) -> Result<String, syn::Error> {
        let args: args::Args = syn::parse2(tokens)?;
        Ok(match read_spec_at_argument(&args, None) {
            Ok((path, source)) => match expand(&args, &path, &source) {
                Expanded::Clean(text) => text,
                Expanded::WithErrors(tokens) => tokens.to_string(),
            },
            Err(error) => error.to_string(),
        })
    }

    #[test]
    fn expansion_tracks_the_spec_file_for_rebuilds() -> TestResult {
        let out = expand_str(quote!("../spec/affiliates.yml"))?;
        let canonical =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/affiliates.yml").canonicalize()?;
        let expected = format!("include_bytes!({:?})", canonical.to_str().ok_or("non-UTF-8 path")?);
        assert!(out.contains(&expected), "{expected} not in expansion");
        assert!(!out.contains("compile_error"), "unexpected error in expansion");
        Ok(())
    }

    #[test]
    fn missing_spec_is_one_compile_error_naming_the_paths_tried() -> TestResult {
        let out = expand_str(quote!("missing.yml"))?;
        assert!(out.starts_with(":: core :: compile_error !"), "{out}");
        assert!(out.contains("missing.yml: cannot read the spec file; tried:"), "{out}");
        assert!(out.contains("macros/missing.yml"), "{out}");
        Ok(())
    }

    #[test]
    fn diagnostics_and_items_are_both_emitted() -> TestResult {
        let out = expand_str(quote!("../tests/ui/specs/dangling_ref.yml"))?;
        assert!(out.contains("dangling `$ref`"), "{out}");
        assert!(out.contains("pub struct Client"), "items are still generated: {out}");
        Ok(())
    }
}
