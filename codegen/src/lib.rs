//! The library behind `whop_api!`: an OpenAPI spec in, Rust source out.
//!
//! The pipeline has three stages, each in its own module, and emission never re-reads the
//! spec:
//!
//! 1. `yaml` + `spec`: YAML text -> located tree -> the OpenAPI model, collecting every
//!    problem as a [`Diagnostic`] with a line, column and JSON pointer;
//! 2. `ir`: names chosen, `$ref`s followed, nullability and parameter placement decided;
//! 3. `emit`: Rust source text, which the macro hands to rustc as it is.
//!
//! It has no `proc_macro` dependency, so it is unit-tested, snapshot-tested and benchmarked
//! like any library; the `whop-api-macros` crate is a thin shell around [`expand`].
//!
//! | module | one job |
//! |---|---|
//! | `yaml` | YAML text to a tree where every node knows its line and column |
//! | `diag` | problems with a place and a JSON pointer; strict mode's deviations |
//! | `fingerprint` | this generator's identity, for the macro's expansion cache |
//! | `doc_comments` | the expansion as text with `///` doc comments, as the macro hands it on |
//! | `names` | Rust names from spec names; a table of names in use; did-you-mean |
//! | `spec::load` | the document's top level |
//! | `spec::reader` | typed accessors over the tree, `$ref`s to components |
//! | `spec::paths` | operations, parameters, bodies and responses by media type |
//! | `spec::security` | security schemes and requirements |
//! | `spec::schema` | one JSON Schema, its keywords checked |
//! | `spec::all_of` | the one `allOf` merge |
//! | `spec::webhooks` | the `webhooks` map |
//! | `ir::model`, `ir::calls`, `ir::events` | what the emitter reads: types, calls, events |
//! | `ir::types` | schemas to named types (`shape`, `union`) |
//! | `ir::graph` | which way each type travels; recursion boxed |
//! | `ir::operations` | operations grouped into resources, methods named |
//! | `ir::params` | an operation's parameters struct and body |
//! | `ir::responses` | an operation's success type |
//! | `ir::pagination` | cursor pages recognised and named |
//! | `ir::webhooks` | the events enum's variants, tags and accessors |
//! | `ir::mock`, `ir::examples` | the mock's routes and example values |
//! | `ir::docs` | rustdoc from summaries and descriptions |
//! | `emit::types`, `emit::client`, `emit::webhooks`, `emit::mock` | the source of each |
//! | `emit::text` | writing Rust source as text: docs, literals, identifiers, types |
//! | `emit::resource_docs` | a resource handle's table of methods |

pub mod diag;
pub mod doc_comments;
pub mod emit;
pub mod fingerprint;
pub mod ir;
pub mod names;
pub mod spec;
pub mod yaml;

pub use diag::{Diagnostic, Loc};
pub use ir::{Options, Selection};

use proc_macro2::TokenStream;

/// What an expansion produced.
#[derive(Debug)]
pub struct Expansion {
    /// The generated items' source, docs as `///` comments (none with
    /// [`Options::omit_doc_comments`]). Present whenever the spec could
    /// be read at all, even when some parts of it are broken, so users see the real errors
    /// rather than a cascade of "cannot find type".
    pub text: Option<String>,
    /// Every problem found, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Expands the spec text. `spec_name` is how generated docs refer to the file.
pub fn expand(source: &str, spec_name: &str, options: &Options) -> Expansion {
    let root = match yaml::parse(source) {
        Ok(root) => root,
        Err(error) => return Expansion { text: None, diagnostics: vec![error] },
    };
    let mut diags = if options.strict { diag::Diagnostics::strict() } else { diag::Diagnostics::default() };
    let model = spec::load(&root, &mut diags);
    let api = ir::build(&model, options, &mut diags);
    let mock = options.mock.then(|| emit::MockEmission { feature: options.mock_feature.clone() });
    let mut text = emit::emit(&api, spec_name, mock.as_ref());
    if options.omit_doc_comments {
        text = doc_comments::without_doc_comments(&text);
    }
    Expansion { text: Some(text), diagnostics: diags.into_sorted() }
}

impl Expansion {
    /// The items as tokens (lexed from [`Expansion::text`]), for tools that read them with
    /// `syn`; `None` without items.
    ///
    /// # Errors
    /// When the text does not lex, which would be a bug of the generator's.
    pub fn tokens(&self) -> Option<Result<TokenStream, proc_macro2::LexError>> {
        self.text.as_deref().map(str::parse)
    }
}

/// What a spec holds and what is wrong with it, without generating code
/// (`whop-api-codegen check`).
#[derive(Debug)]
pub struct Summary {
    /// Every problem found, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// Operations generated (after selection).
    pub operations: usize,
    /// Resource groups (`client.<resource>()`), sub-resources included.
    pub resources: usize,
    /// Named types generated.
    pub types: usize,
    /// Webhook events.
    pub webhooks: usize,
    /// The collections the stateful mock would keep, and the operations it leaves stateless.
    pub collections: ir::Collections,
}

/// Reads and resolves the spec text as [`expand`] does, and counts what it would generate.
pub fn check(source: &str, options: &Options) -> Summary {
    let root = match yaml::parse(source) {
        Ok(root) => root,
        Err(error) => {
            return Summary {
                diagnostics: vec![error],
                operations: 0,
                resources: 0,
                types: 0,
                webhooks: 0,
                collections: ir::Collections::default(),
            }
        }
    };
    let mut diags = if options.strict { diag::Diagnostics::strict() } else { diag::Diagnostics::default() };
    let model = spec::load(&root, &mut diags);
    let api = ir::build(&model, options, &mut diags);
    let all = || api.resources.iter().flat_map(|r| std::iter::once(r).chain(&r.children));
    Summary {
        operations: all().map(|r| r.operations.len()).sum(),
        resources: all().count(),
        types: api.types.len(),
        webhooks: api.events.as_ref().map_or(0, |e| e.events.len()),
        collections: ir::infer_collections(&api.resources, &api.types),
        diagnostics: diags.into_sorted(),
    }
}
