//! The resolved model the emitter works from: every name chosen, every `$ref` followed,
//! nullability decided. Emission never looks at the spec again.

mod calls;
mod collections;
mod docs;
mod events;
mod examples;
mod graph;
mod mock;
mod model;
mod operations;
mod pagination;
mod params;
mod responses;
mod shared;
mod types;
mod webhooks;

pub use calls::{
    Auth, BodySource, MockKind, MockRoute, OperationDef, Pagination, ParamField, ParamsDef, PathParam,
    Resource,
};
pub use collections::{infer as infer_collections, Collection, Collections, LifecycleEvent, Role};
pub use docs::Docs;
pub use events::{EventDef, Events};
pub use model::{
    EnumVariant, Field, FieldPlace, FieldRef, Struct, Ty, TypeDef, TypeKind, Union, UnionVariant, Usage,
};

use crate::diag::Diagnostics;
use crate::spec::Spec;

/// Which operations and webhook events to generate.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Keep operations and webhooks with one of these tags (empty: no filter by tag).
    pub tags: Vec<String>,
    /// Keep operations and webhooks with one of these operationIds (empty: no filter by id).
    pub operations: Vec<String>,
    /// Only the webhook events, no API calls (`webhooks_only = true`), for a server that
    /// receives events and never calls the API.
    pub webhooks_only: bool,
}

impl Selection {
    /// No filter by tag or operationId.
    pub fn is_unfiltered(&self) -> bool {
        self.tags.is_empty() && self.operations.is_empty()
    }
}

/// The macro's options: what to generate, and how.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Which operations and webhooks.
    pub selection: Selection,
    /// Also generate the in-process mock server (`mock = true`).
    pub mock: bool,
    /// Compile the mock only when the invoking crate has this feature on (`mock = "feature"`).
    pub mock_feature: Option<String>,
    /// Give each type only the serde impls the client needs (`lean_serde = true`): requests
    /// `Serialize`, responses `Deserialize`. By default every type has both, so responses can
    /// be served, stored and logged as JSON.
    pub lean_serde: bool,
    /// The API version the spec describes (`api_version = "2026-07-20"`): the generated
    /// builder's default `Api-Version-Date`.
    pub api_version: Option<String>,
    /// Report every deviation from the standard as an error (`strict = true`), for spec
    /// authors; by default what publishers really ship is accepted (see the README).
    pub strict: bool,
    /// Leave out the `///` doc comments, for a compiler that never reads them: the macro
    /// sets it when rustc itself builds or checks the invoking crate, and keeps the docs for
    /// rustdoc and for IDEs' macro servers (see `doc_comments::without_doc_comments`).
    pub omit_doc_comments: bool,
}

/// Everything the generated code contains.
#[derive(Debug, Clone)]
pub struct Api {
    /// `info.title`.
    pub title: Option<String>,
    /// The first absolute server URL.
    pub base_url: Option<String>,
    /// The `api_version` option, for the builder's default `Api-Version-Date`.
    pub api_version: Option<String>,
    /// Named types, in a stable order.
    pub types: Vec<TypeDef>,
    /// Operations grouped by resource.
    pub resources: Vec<Resource>,
    /// The name of the generated client type.
    pub client_name: String,
    /// The events of the spec's `webhooks` map, when it has any that are selected.
    pub events: Option<Events>,
    /// For the mock: each received component struct or union and its example as JSON text
    /// (the spec's examples, or values that fit the schema).
    pub examples: Vec<(String, String)>,
    /// For the mock: the collections whose objects the stateful mock keeps.
    pub collections: Collections,
}

/// Resolves the spec into the generator's model, recording problems in `diags`.
pub fn build(spec: &Spec, options: &Options, diags: &mut Diagnostics) -> Api {
    let selection = &options.selection;
    let mut builder = types::TypeBuilder::new(spec);
    builder.declare_components(diags);
    builder.check_alias_cycles(diags);
    operations::check_selection(spec, selection, diags);
    let mut resources = if selection.webhooks_only {
        Vec::new()
    } else {
        operations::build(spec, selection, options.mock, &mut builder, diags)
    };
    let events = webhooks::build(spec, selection, options.mock, &mut builder, diags);
    let everything = selection.is_unfiltered() && !selection.webhooks_only;
    builder.define_reachable_components(everything);
    let client_name = builder.names.claim("Client");
    let components = builder.component_names();
    let mut names = std::mem::take(&mut builder.names);
    let mut types = builder.finish(!options.lean_serde || options.mock);
    let events = events.map(|e| webhooks::resolve(e, &types, diags));
    graph::box_recursive_fields(&mut types);
    for op in calls::operations_mut(&mut resources) {
        op.pagination = pagination::detect(op, &types);
    }
    pagination::name_pages(&mut resources, &mut types, &mut names, &components);
    // A relative server URL is relative to wherever the spec is served, which the client cannot
    // know: such a client has no default base URL and is given one (`ClientBuilder::base_url`).
    let base_url = spec.servers.iter().find(|url| url.contains("://")).cloned();
    let mut examples = if options.mock { examples::component_examples(spec, &types) } else { Vec::new() };
    if options.mock {
        // Inline page types (`ListMembershipPage`) start from their operation's default answer.
        for op in calls::operations(&resources) {
            if let (Some(_), Some(Ty::Named(page))) = (&op.pagination, &op.response) {
                if !components.contains(page) && !examples.iter().any(|(name, _)| name == page) {
                    examples.push((page.clone(), op.mock.body.clone()));
                }
            }
        }
    }
    let mut collections = if options.mock {
        stateful_collections(&resources, &types, &examples)
    } else {
        Collections::default()
    };
    if let Some(events) = &events {
        collections::link_events(&mut collections, events, &types);
    }
    let kept_for = shared::share_identical(&mut types, &components);
    let examples = shared::examples_of_kept(examples, &kept_for);
    Api {
        title: spec.title.clone(),
        base_url,
        api_version: options.api_version.clone(),
        types,
        resources,
        client_name,
        events,
        examples,
        collections,
    }
}

/// The collections of the stateful mock, each with the examples of the types it answers.
fn stateful_collections(
    resources: &[Resource],
    types: &[TypeDef],
    examples: &[(String, String)],
) -> Collections {
    let mut found = collections::infer(resources, types);
    for collection in &mut found.collections {
        collection.examples = collection
            .shapes
            .iter()
            .filter_map(|shape| examples.iter().find(|(name, _)| name == shape).map(|(_, json)| json.clone()))
            .collect();
    }
    found
}
