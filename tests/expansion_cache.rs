//! The macro's expansion cache: what the rustc run that compiled this file stored for its
//! call site is exactly what the generator makes for that call, without doc comments (rustc
//! reads none), under a key the macro can check. A cache hit then hands rustc this text.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use proc_macro2::TokenStream;
use whop_api_codegen::Options;

/// An argument no other call site has, so this crate's entry is the only one that names it.
const MARKER: &str = "1999-12-31";

mod sample {
    whop_api::whop_api!("spec/whop-sample.yml", api_version = "1999-12-31");
}

/// Where the macro put its entries when this file was compiled (the same rustc run).
fn cache_folder() -> Option<PathBuf> {
    match option_env!("WHOP_API_EXPANSION_CACHE") {
        Some("off" | "0" | "false") => None,
        Some(folder) if !folder.is_empty() => Some(PathBuf::from(folder)),
        // The target directory cargo uses for this build: CARGO_TARGET_TMPDIR is inside it.
        _ => Path::new(env!("CARGO_TARGET_TMPDIR")).parent().map(|target| target.join("whop-api-expansions")),
    }
}

fn normalised(text: &str) -> Result<String, proc_macro2::LexError> {
    Ok(TokenStream::from_str(text)?.to_string())
}

#[test]
fn the_stored_expansion_is_the_generators_output_for_the_call() -> Result<(), Box<dyn std::error::Error>> {
    // The generated client is usable (whichever way the macro got it).
    let client = sample::Client::builder().api_key("sk_test").build()?;
    drop(client);

    let Some(folder) = cache_folder() else {
        eprintln!("WHOP_API_EXPANSION_CACHE=off at build time: nothing stored, nothing to check");
        return Ok(());
    };
    let mut entries = Vec::new();
    for file in std::fs::read_dir(&folder).map_err(|e| format!("{}: {e}", folder.display()))? {
        let file = file?.path();
        if file.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&file)?;
            // rustdoc's and clippy's entries for this call site keep their docs; this file
            // was compiled by rustc.
            let call = text.lines().nth(1).unwrap_or_default();
            if call.contains(MARKER) && call.ends_with(", without doc comments") {
                entries.push((file, text));
            }
        }
    }
    assert_eq!(entries.len(), 1, "one entry for this call site in {}", folder.display());
    let (file, text) = &entries[0];

    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("spec/whop-sample.yml");
    let spec_text = std::fs::read_to_string(&spec)?;
    let mut lines = text.splitn(3, '\n');
    let key = lines.next().unwrap_or_default();
    let call = lines.next().unwrap_or_default();
    let (body, stored_spec) = lines
        .next()
        .unwrap_or_default()
        .split_once("\n// whop_api! made from this spec:\n")
        .unwrap_or_default();
    let hash = key.strip_prefix("// whop_api! expansion ").and_then(|rest| rest.split_once(", "));
    assert!(hash.is_some_and(|(hash, _)| hash.len() == 16), "{key}");
    assert!(key.ends_with(&format!(", spec of {} bytes", spec_text.len())), "{key}");
    assert!(call.starts_with("// whop_api!(\"spec/whop-sample.yml\""), "{call}");
    assert!(stored_spec == spec_text, "the entry ends with the spec it was made from");

    let options =
        Options { api_version: Some(MARKER.to_owned()), omit_doc_comments: true, ..Options::default() };
    let fresh = whop_api_codegen::expand(&spec_text, "spec/whop-sample.yml", &options);
    assert!(fresh.diagnostics.is_empty(), "{:?}", fresh.diagnostics);
    // Compared as tokens: inside the macro the client's `quote!` tokens are the compiler's,
    // printed with rustc's spacing, where this test's are proc_macro2's.
    let items = normalised(&fresh.text.ok_or("the sample expands")?)?;
    assert!(!body.contains("///"), "rustc's expansion has no doc comments");

    let stored = normalised(body)?;
    // The stored text is the spec's tracking include, then the generated items, nothing else.
    let tracking =
        normalised(&format!("const _: &[u8] = ::std::include_bytes!({:?});", spec.canonicalize()?))?;
    assert_eq!(stored.len(), tracking.len() + 1 + items.len(), "{}: unexpected extra text", file.display());
    assert!(stored.starts_with(&tracking), "{}: starts {:.200}", file.display(), stored);
    assert!(stored.ends_with(&items), "{}: the items differ from a fresh expansion", file.display());
    Ok(())
}
