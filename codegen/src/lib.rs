//! The library behind `whop_api!`: an OpenAPI spec in, Rust tokens out.
//!
//! The pipeline has three stages, each in its own module, and emission never re-reads the
//! spec:
//!
//! 1. `yaml` + `spec`: YAML text -> located tree -> the OpenAPI model, collecting every
//!    problem as a [`Diagnostic`] with a line, column and JSON pointer;
//! 2. `ir`: names chosen, `$ref`s followed, nullability and parameter placement decided;
//! 3. `emit`: tokens.
//!
//! It has no `proc_macro` dependency, so it is unit-tested, snapshot-tested and benchmarked
//! like any library; the `whop-api-macros` crate is a thin shell around [`expand`].

pub mod diag;
pub mod emit;
pub mod ir;
pub mod names;
pub mod spec;
pub mod yaml;

pub use diag::{Diagnostic, Loc};
pub use ir::Options;

use proc_macro2::TokenStream;

/// What an expansion produced.
#[derive(Debug)]
pub struct Expansion {
    /// The generated items. Present whenever the spec could be read at all, even when some
    /// parts of it are broken, so users see the real errors rather than a cascade of
    /// "cannot find type".
    pub tokens: Option<TokenStream>,
    /// Every problem found, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Expands the spec text. `spec_name` is how generated docs refer to the file.
pub fn expand(source: &str, spec_name: &str, selection: &Options) -> Expansion {
    let root = match yaml::parse(source) {
        Ok(root) => root,
        Err(error) => return Expansion { tokens: None, diagnostics: vec![error] },
    };
    let mut diags = if selection.strict { diag::Diagnostics::strict() } else { diag::Diagnostics::default() };
    let model = spec::load(&root, &mut diags);
    let api = ir::build(&model, selection, &mut diags);
    let mock = selection.mock.then(|| emit::MockEmission { feature: selection.mock_feature.clone() });
    let tokens = emit::emit(&api, spec_name, mock.as_ref());
    Expansion { tokens: Some(tokens), diagnostics: diags.into_sorted() }
}
