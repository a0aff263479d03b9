//! The `mock` module (`mock = true`): typed handles over the runtime's in-process mock
//! server, one per resource and operation, and the route table it serves.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::emit::ty_in;
use crate::ir::{Api, BodySource, Collections, MockKind, OperationDef, Resource, Role};
use crate::names::ident;
use crate::spec::Media;

/// The whole `mock` module; behind `#[cfg(feature = ..)]` when a feature is named.
pub fn mock(api: &Api, feature: Option<&str>) -> TokenStream {
    let client = Ident::new(&api.client_name, Span::call_site());
    let all: Vec<&Resource> =
        api.resources.iter().flat_map(|r| std::iter::once(r).chain(&r.children)).collect();
    let collections = &api.collections;
    let routes = all.iter().flat_map(|r| &r.operations).map(|op| route(op, collections));
    let accessors = api.resources.iter().map(|r| accessor(r, quote!('_), quote!(&self.server)));
    let handles = all.iter().map(|r| handle(r, collections));
    let collection_specs = collections.collections.iter().map(|c| {
        let (path, examples) = (&c.path, &c.examples);
        let events = c.events.iter().map(|e| {
            let (role, tag, data, example) = (role(e.role), &e.tag, &e.data, &e.example);
            let optional = |name: &Option<String>| match name {
                Some(name) => quote!(::std::option::Option::Some(#name)),
                None => quote!(::std::option::Option::None),
            };
            let (id, timestamp) = (optional(&e.id), optional(&e.timestamp));
            quote!(::whop_api::__private::mock::LifecycleSpec {
                role: #role, tag: #tag, data: #data, id: #id, timestamp: #timestamp, example: #example,
            })
        });
        quote!(::whop_api::__private::mock::CollectionSpec {
            path: #path, examples: &[#(#examples),*], events: &[#(#events),*],
        })
    });
    let examples = api.events.as_ref().map(|events| {
        let pairs = events.events.iter().map(|e| {
            let (tag, json) = (&e.tag, &e.example);
            quote!((#tag, #json))
        });
        quote! {
            /// An example payload of each webhook event, as `(type, JSON)`: the spec's examples,
            /// or values that fit the schema. Sign one with `Webhooks::sign_delivery` to test a
            /// handler.
            pub const WEBHOOK_EXAMPLES: &[(&str, &str)] = &[#(#pairs),*];
        }
    });
    let cfg = feature.map(|feature| quote!(#[cfg(feature = #feature)]));
    let examples_impls = api.examples.iter().map(|(name, json)| {
        let ty = Ident::new(name, Span::call_site());
        quote! {
            impl ::whop_api::mock::Example for super::#ty {
                fn example() -> Self {
                    ::whop_api::__private::mock::example(#json, #name)
                }
            }
        }
    });
    quote! {
        /// An in-process mock of this API on 127.0.0.1, for testing code that uses the client.
        ///
        /// Every operation answers out of the box (with the spec's examples or values that fit
        /// the schema), checks the bearer header (401) and the parameters against the
        /// generated types (422 naming the parameter). Override answers per operation and read
        /// back the typed requests: `mock.<resource>().<operation>()`.
        #cfg
        pub mod mock {
            ::whop_api::__mock_module! {
                static ROUTES: &[::whop_api::__private::mock::Route] = &[#(#routes),*];
                static COLLECTIONS: &[::whop_api::__private::mock::CollectionSpec] = &[#(#collection_specs),*];

                /// The mock server and a client pointed at it. Dropping it stops the server.
                #[derive(::std::fmt::Debug)]
                pub struct MockServer {
                    server: ::whop_api::mock::MockServer,
                    client: super::#client,
                }

                impl MockServer {
                    /// Starts serving every operation on a free port of 127.0.0.1, stateful:
                    /// objects created through a collection's operations are there to retrieve,
                    /// list, update and delete (`whop-api-codegen check` lists the collections).
                    ///
                    /// # Errors
                    /// The future ends in [`::whop_api::Error::Config`] when no local port can be
                    /// bound.
                    pub fn start() -> ::whop_api::mock::Starting<Self> {
                        Self::start_with(true)
                    }

                    /// Starts a mock whose every operation answers alone, with its example or
                    /// stub, and remembers nothing.
                    ///
                    /// # Errors
                    /// The future ends in [`::whop_api::Error::Config`] when no local port can be
                    /// bound.
                    pub fn start_stateless() -> ::whop_api::mock::Starting<Self> {
                        Self::start_with(false)
                    }

                    // A named future, not an `async fn`: see `whop_api::mock::Starting`.
                    fn start_with(stateful: bool) -> ::whop_api::mock::Starting<Self> {
                        ::whop_api::mock::Starting::new(async move {
                            let server = ::whop_api::mock::MockServer::start(ROUTES, COLLECTIONS, stateful)
                                .await
                                .map_err(|e| ::whop_api::Error::Config(::std::format!("cannot start the mock server: {e}")))?;
                            let client = super::#client::builder()
                                .api_key("sk_mock")
                                .base_url(server.url())
                                .retry_backoff(::std::time::Duration::ZERO)
                                .build()?;
                            ::std::result::Result::Ok(Self { server, client })
                        })
                    }

                    /// A client pointed at the mock. It retries without waiting, so scripted
                    /// failures cost no time; build your own with `builder().base_url(mock.url())`
                    /// for real backoff.
                    #[must_use]
                    pub fn client(&self) -> super::#client {
                        ::std::clone::Clone::clone(&self.client)
                    }

                    /// The base URL, to point your own client at.
                    #[must_use]
                    pub fn url(&self) -> &str {
                        self.server.url()
                    }

                    /// Every request received, untyped, and a way to reset overrides.
                    #[must_use]
                    pub fn server(&self) -> &::whop_api::mock::MockServer {
                        &self.server
                    }

                    #(#accessors)*
                }

                #(#handles)*

                #examples

                #(#examples_impls)*
            }
        }
    }
}

fn handle_name(r: &Resource) -> Ident {
    Ident::new(&format!("{}Mock", r.type_name.trim_end_matches("Resource")), Span::call_site())
}

/// `pub fn <resource>(&self) -> <Handle>Mock<lifetime>`, on the server or a parent handle.
fn accessor(r: &Resource, lifetime: TokenStream, server: TokenStream) -> TokenStream {
    let name = ident(&r.accessor);
    let handle = handle_name(r);
    let doc = format!("The `{}` operations.", r.accessor);
    quote! {
        #[doc = #doc]
        #[must_use]
        pub fn #name(&self) -> #handle<#lifetime> {
            #handle { server: #server }
        }
    }
}

fn handle(r: &Resource, collections: &Collections) -> TokenStream {
    let handle = handle_name(r);
    let stores = stores(r, collections);
    let doc = format!("Mocked `{}` operations.", r.accessor);
    let children = r.children.iter().map(|child| accessor(child, quote!('a), quote!(self.server)));
    let operations = r.operations.iter().map(|op| {
        let name = ident(&op.method_name);
        let params = op.params.as_ref().map_or_else(
            || quote!(()),
            |p| {
                let p = Ident::new(&p.type_name, Span::call_site());
                quote!(super::#p)
            },
        );
        let output = op.response.as_ref().map_or_else(|| quote!(()), |t| ty_in(t, &quote!(super::)));
        let item = op.pagination.as_ref().map_or_else(|| quote!(()), |p| ty_in(&p.item, &quote!(super::)));
        let id = &op.operation_id;
        let doc = format!(
            "`{}` (`{} {}`): override its answers, read its requests.",
            op.operation_id, op.http_method, op.path
        );
        quote! {
            #[doc = #doc]
            #[must_use]
            pub fn #name(&self) -> ::whop_api::mock::MockOperation<'a, #params, #output, #item> {
                self.server.operation(#id)
            }
        }
    });
    quote! {
        #[doc = #doc]
        #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::marker::Copy)]
        pub struct #handle<'a> {
            server: &'a ::whop_api::mock::MockServer,
        }

        impl<'a> #handle<'a> {
            #(#children)*
            #(#operations)*
            #stores
        }
    }
}

fn kind(k: MockKind) -> TokenStream {
    match k {
        MockKind::Text => quote!(::whop_api::__private::mock::Kind::Text),
        MockKind::Integer => quote!(::whop_api::__private::mock::Kind::Integer),
        MockKind::Number => quote!(::whop_api::__private::mock::Kind::Number),
        MockKind::Boolean => quote!(::whop_api::__private::mock::Kind::Boolean),
        MockKind::List => quote!(::whop_api::__private::mock::Kind::List),
    }
}

/// `store()` on a resource's handle for each collection its operations create in
/// (`<item>_store()` when there are several).
fn stores(r: &Resource, collections: &Collections) -> TokenStream {
    let mine: Vec<(usize, &crate::ir::Collection)> = collections
        .collections
        .iter()
        .enumerate()
        // On the resource of the collection's first operation, so exactly one handle has it.
        .filter(|(_, c)| {
            c.operations.first().is_some_and(|(id, _)| r.operations.iter().any(|op| op.operation_id == *id))
        })
        .collect();
    let methods = mine.iter().map(|(index, c)| {
        let name = if mine.len() == 1 { ident("store") } else { ident(&format!("{}_store", crate::names::snake_name(&c.item))) };
        let item = Ident::new(&c.item, Span::call_site());
        let ops: Vec<String> = c.operations.iter().map(|(id, role)| format!("`{id}` ({})", role.label())).collect();
        let doc = format!(
            "The stored `{}` objects of `{}` (stateful mock): seed them with `insert`, read what the code under test created with `all`/`get`. Its operations: {}.",
            c.item,
            c.path,
            ops.join(", ")
        );
        quote! {
            #[doc = #doc]
            pub fn #name(&self) -> ::whop_api::mock::MockStore<'a, super::#item> {
                self.server.store(#index)
            }
        }
    });
    quote!(#(#methods)*)
}

fn route(op: &OperationDef, collections: &Collections) -> TokenStream {
    let method = &op.http_method;
    let path = &op.path;
    let literals = &op.path_literals;
    let id = &op.operation_id;
    let auth = crate::emit::client::auth(&op.auth, &quote!(::whop_api::__private));
    let status = op.mock.status;
    let body = &op.mock.body;
    let query = op.mock.query.iter().map(|(name, k)| {
        let k = kind(*k);
        quote!((#name, #k))
    });
    let headers = op.mock.headers.iter().map(|(name, k)| {
        let k = kind(*k);
        quote!((#name, #k))
    });
    let (body_shape, check) = match &op.params {
        None => (
            quote!(::whop_api::__private::mock::BodyShape::None),
            quote!(::whop_api::__private::mock::accept),
        ),
        Some(params) => {
            let p = Ident::new(&params.type_name, Span::call_site());
            let shape = match &params.body {
                BodySource::None => quote!(::whop_api::__private::mock::BodyShape::None),
                BodySource::WholeStruct => quote!(::whop_api::__private::mock::BodyShape::Merge),
                BodySource::Field { .. } => quote!(::whop_api::__private::mock::BodyShape::Field("body")),
            };
            (shape, quote!(::whop_api::__private::mock::check::<super::#p>))
        }
    };
    let request_media = media(op.params.as_ref().map_or(&Media::Json, |p| &p.media));
    let response_media = media(&op.response_media);
    let content_type = match &op.response_media {
        Media::Text(name) | Media::Binary(name) => name.as_str(),
        _ => "application/json",
    };
    let page = match &op.pagination {
        Some(p) => {
            let (items, info, cursor, has_next) =
                (&p.items.wire, &p.info.wire, &p.cursor.wire, &p.has_next.wire);
            let cursor_param = &p.cursor_param;
            quote!(::std::option::Option::Some(::whop_api::__private::mock::PageShape {
                items: #items, info: #info, cursor: #cursor, has_next: #has_next, cursor_param: #cursor_param,
            }))
        }
        None => quote!(::std::option::Option::None),
    };
    let store = match collections.role_of(&op.operation_id) {
        Some((index, r)) => {
            let r = role(r);
            quote!(::std::option::Option::Some(::whop_api::__private::mock::StoreRoute {
                collection: #index, role: #r,
            }))
        }
        None => quote!(::std::option::Option::None),
    };
    quote! {
        ::whop_api::__private::mock::Route {
            method: #method,
            path: #path,
            literals: &[#(#literals),*],
            operation: #id,
            auth: #auth,
            status: #status,
            body: #body,
            request_media: #request_media,
            response_media: #response_media,
            content_type: #content_type,
            query: &[#(#query),*],
            headers: &[#(#headers),*],
            body_shape: #body_shape,
            check: #check,
            page: #page,
            store: #store,
        }
    }
}

fn role(role: Role) -> TokenStream {
    let variant = Ident::new(
        match role {
            Role::Create => "Create",
            Role::List => "List",
            Role::Retrieve => "Retrieve",
            Role::Update => "Update",
            Role::Delete => "Delete",
            Role::Action => "Action",
        },
        Span::call_site(),
    );
    quote!(::whop_api::__private::mock::StoreRole::#variant)
}

fn media(media: &Media) -> TokenStream {
    match media {
        Media::Json => quote!(::whop_api::__private::mock::Media::Json),
        Media::Form => quote!(::whop_api::__private::mock::Media::Form),
        Media::Multipart => quote!(::whop_api::__private::mock::Media::Multipart),
        Media::Text(_) => quote!(::whop_api::__private::mock::Media::Text),
        Media::Binary(_) => quote!(::whop_api::__private::mock::Media::Binary),
    }
}
