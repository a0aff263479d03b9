//! Generated code returns no future of its own making: no `async fn`, and an `impl Trait`
//! return type names nothing the expansion defines.
//!
//! rustc treats everything such a future holds as reachable through it, and the generated
//! client reaches every generated type, so one `async fn` in the expansion cost about 60 ms of
//! every rebuild on whop-full (BENCHMARKS.md, issue 23, eighth sitting).

use syn::visit::{self, Visit};
use whop_api_codegen::{expand, Options};

const SAMPLE: &str = include_str!("../../spec/whop-sample.yml");
const WEBHOOKS: &str = include_str!("../../spec/whop-webhooks-sample.yml");
const LIFECYCLE: &str = include_str!("../../tests/specs/lifecycle.yml");

/// Every function that is `async` or returns `impl Trait` naming a path not absolute.
#[derive(Default)]
struct OpaqueFutures {
    found: Vec<String>,
}

impl OpaqueFutures {
    fn check(&mut self, sig: &syn::Signature) {
        if sig.asyncness.is_some() {
            self.found.push(format!("async fn {}", sig.ident));
        }
        if let syn::ReturnType::Type(_, ty) = &sig.output {
            if let syn::Type::ImplTrait(bounds) = &**ty {
                let mut paths = LocalPaths::default();
                paths.visit_type_impl_trait(bounds);
                if !paths.local.is_empty() {
                    self.found.push(format!("fn {} -> impl .. naming {:?}", sig.ident, paths.local));
                }
            }
        }
    }
}

impl<'ast> Visit<'ast> for OpaqueFutures {
    fn visit_signature(&mut self, sig: &'ast syn::Signature) {
        self.check(sig);
        visit::visit_signature(self, sig);
    }
}

/// Paths that do not start with `::` (the runtime, core and std are always written so), other
/// than `Result`, which generated code writes bare. An associated type's name (`Output`) is
/// not a path; what it is set to is.
#[derive(Default)]
struct LocalPaths {
    local: Vec<String>,
}

impl<'ast> Visit<'ast> for LocalPaths {
    fn visit_path(&mut self, path: &'ast syn::Path) {
        let first = path.segments.first().map(|s| s.ident.to_string()).unwrap_or_default();
        if path.leading_colon.is_none() && first != "Result" {
            self.local.push(first);
        }
        visit::visit_path(self, path);
    }

    fn visit_assoc_type(&mut self, assoc: &'ast syn::AssocType) {
        // `Output = ..`: the name is the trait's; what it is set to is checked.
        self.visit_type(&assoc.ty);
    }
}

fn opaque_futures(spec: &str, options: &Options) -> Vec<String> {
    let expansion = expand(spec, "the-spec.yml", options);
    assert!(expansion.diagnostics.is_empty(), "{:?}", expansion.diagnostics);
    let file = syn::parse_file(&expansion.text.expect("items")).expect("generated code parses");
    let mut visitor = OpaqueFutures::default();
    visitor.visit_file(&file);
    visitor.found
}

#[test]
fn the_client_and_the_mock_return_no_future_of_their_own() {
    let mock = Options { mock: true, ..Options::default() };
    for (name, spec) in [("sample", SAMPLE), ("webhooks", WEBHOOKS), ("lifecycle", LIFECYCLE)] {
        assert_eq!(opaque_futures(spec, &mock), Vec::<String>::new(), "{name}");
    }
}

#[test]
fn the_check_finds_an_async_fn_and_a_future_naming_a_generated_type() {
    // Signatures alone: the check reads nothing else.
    let file: syn::File = syn::parse_quote! {
        trait Shapes {
            async fn start() -> Self;
            fn verify(&self) -> impl ::core::future::Future<Output = Result<UserToken, ()>>;
            fn fine(&self) -> impl ::core::future::Future<Output = Result<::whop_api::UserToken, ()>>;
        }
    };
    let mut visitor = OpaqueFutures::default();
    visitor.visit_file(&file);
    assert_eq!(
        visitor.found,
        ["async fn start", "fn verify -> impl .. naming [\"UserToken\"]"].map(String::from)
    );
}
