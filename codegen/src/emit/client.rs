//! The client type, one handle type per resource, and a method per operation.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::emit::{doc_attr, private, ty};
use crate::ir::{Api, Auth, BodySource, FieldPlace, OperationDef, Pagination, ParamsDef, Resource, Ty};
use crate::names::ident;
use crate::spec::Media;

/// The client and its resources.
pub fn client(api: &Api, spec_name: &str) -> TokenStream {
    let client = Ident::new(&api.client_name, Span::call_site());
    let title = api.title.as_deref().unwrap_or("the API");
    let client_doc = format!(
        "A client for {title}, generated from `{spec_name}`.\n\n\
         Create one with [`{name}::from_env`] (reads `WHOP_API_KEY` and, if set, `WHOP_BASE_URL`) \
         or [`{name}::builder`]. Operations are grouped by resource: `client.<resource>().<operation>(..)`. \
         Cloning is cheap: clones share one connection pool.",
        name = api.client_name
    );
    let (base_const, mut builder_body) = match &api.base_url {
        Some(url) => (
            quote! {
                /// The base URL the spec names first in `servers`.
                pub const DEFAULT_BASE_URL: &'static str = #url;
            },
            quote!(::whop_api::ClientBuilder::new().default_base_url(Self::DEFAULT_BASE_URL)),
        ),
        None => (TokenStream::new(), quote!(::whop_api::ClientBuilder::new())),
    };
    let version_const = api.api_version.as_ref().map(|version| {
        builder_body = quote!(#builder_body.default_api_version(Self::API_VERSION));
        quote! {
            /// The API version this spec describes, sent as `Api-Version-Date` unless the
            /// builder or `WHOP_API_VERSION` names another.
            pub const API_VERSION: &'static str = #version;
        }
    });
    let accessors =
        api.resources.iter().map(|r| accessor(r, quote!(resources::), quote!('_), quote!(&self.inner)));
    let resources = api.resources.iter().flat_map(|r| std::iter::once(r).chain(&r.children)).map(resource);
    let verify_webhook = api.events.as_ref().map(|events| {
        let event = Ident::new(&events.enum_name, Span::call_site());
        let docs = crate::ir::Docs {
            paragraphs: vec![
                format!(
                    "Verifies a webhook delivery and decodes it into an [`{event}`], with the secret given \
                     to `ClientBuilder::webhook_secret`, else `WHOP_WEBHOOK_SECRET`. A receiver without an \
                     API key uses `whop_api::Webhooks` directly."
                ),
                "# Errors\nA [`::whop_api::WebhookError`]: no secret, a delivery that is not authentic, or \
                 a body that does not fit the event's payload type."
                    .to_owned(),
            ],
        };
        let doc = doc_attr(&docs);
        quote! {
            ::whop_api::__with_webhooks! {
            #doc
            pub fn verify_webhook(
                &self,
                headers: impl ::whop_api::WebhookHeaders,
                body: &[u8],
            ) -> Result<#event, ::whop_api::WebhookError> {
                self.inner.webhooks()?.verify_event(headers, body)
            }
            }
        }
    });
    quote! {
        #[doc = #client_doc]
        #[derive(Debug, Clone)]
        pub struct #client {
            inner: ::whop_api::Client,
        }

        impl #client {
            #base_const
            #version_const

            /// A builder with this spec's base URL preset; set the key, timeouts and more on it.
            pub fn builder() -> ::whop_api::ClientBuilder<Self> {
                #builder_body
            }

            /// A client configured from the environment: `WHOP_API_KEY` (required), and
            /// `WHOP_BASE_URL`, `WHOP_APP_ID` and `WHOP_API_VERSION` where set.
            ///
            /// # Errors
            /// [`::whop_api::Error::Config`] when `WHOP_API_KEY` is not set.
            pub fn from_env() -> Result<Self, ::whop_api::Error> {
                Self::builder().from_env().build()
            }

            /// The runtime client underneath, for settings shared by every resource.
            #[must_use]
            pub fn runtime(&self) -> &::whop_api::Client {
                &self.inner
            }

            #verify_webhook

            ::whop_api::__with_user_tokens! {
            /// Verifies the `x-whop-user-token` header Whop's iframe proxy adds to requests to
            /// your app, for the app id of `ClientBuilder::app_id` or `WHOP_APP_ID`: who the
            /// user is. See `whop_api::UserTokens` for the rules.
            ///
            /// # Errors
            /// A [`::whop_api::UserTokenError`] naming the rule the token broke.
            //
            // Not an `async fn`: rustc marks everything an `async fn`'s future holds (here
            // the generated client, and through its methods every generated type) as
            // reachable and walks it again on every build, about 60 ms on 223 operations.
            // This future is the runtime's, which names no generated type.
            pub fn verify_user_token<H: ::whop_api::WebhookHeaders>(
                &self,
                headers: H,
            ) -> impl ::core::future::Future<
                Output = Result<::whop_api::UserToken, ::whop_api::UserTokenError>,
            > + use<'_, H> {
                self.inner.verify_user_token(headers)
            }
            }

            #(#accessors)*
        }

        // What `ClientBuilder::build` returns through; not something users call.
        #[doc(hidden)]
        impl From<::whop_api::Client> for #client {
            fn from(inner: ::whop_api::Client) -> Self {
                Self { inner }
            }
        }

        /// The handles `client.<resource>()` returns, one per resource group, each with a table
        /// of its operations. Kept apart from the data types so the crate's page lists those.
        pub mod resources {
            #[allow(unused_imports, clippy::wildcard_imports)]
            use super::*;
            #(#resources)*
        }
    }
}

/// `pub fn <resource>(&self) -> <Handle><lifetime>`, on the client (`module` is
/// `resources::`) or on a parent resource (empty).
fn accessor(r: &Resource, module: TokenStream, lifetime: TokenStream, client: TokenStream) -> TokenStream {
    let name = ident(&r.accessor);
    let handle = Ident::new(&r.type_name, Span::call_site());
    let doc = doc_attr(&r.docs);
    quote! {
        #doc
        #[must_use]
        pub fn #name(&self) -> #module #handle<#lifetime> {
            #module #handle { client: #client }
        }
    }
}

fn resource(r: &Resource) -> TokenStream {
    let handle = Ident::new(&r.type_name, Span::call_site());
    let doc = doc_attr(&super::resource_docs::resource_docs(r));
    let methods = r.operations.iter().map(operation);
    let children =
        r.children.iter().map(|child| accessor(child, TokenStream::new(), quote!('a), quote!(self.client)));
    let (generics, lifetime) =
        if r.children.is_empty() { (TokenStream::new(), quote!('_)) } else { (quote!(<'a>), quote!('a)) };
    quote! {
        #doc
        #[derive(Debug, Clone, Copy)]
        pub struct #handle<'a> {
            pub(super) client: &'a ::whop_api::Client,
        }

        impl #generics #handle<#lifetime> {
            #(#children)*
            #(#methods)*
        }
    }
}

fn operation(op: &OperationDef) -> TokenStream {
    let name = ident(&op.method_name);
    let doc = doc_attr(&op.docs);
    let output = op.response.as_ref().map_or_else(|| quote!(()), ty);
    let args = arguments(op);
    let request = request(op);
    let stream = op.pagination.as_ref().map(|pagination| paginated(op, pagination));
    let by_status = status_decoder(op);
    let raw = match &op.response_media {
        Media::Text(_) => Some(quote!(.decode_raw(__p::text_body))),
        Media::Binary(_) => Some(quote!(.decode_raw(__p::binary_body))),
        _ => None,
    };
    // rustdoc search finds the method by the name Whop's reference uses; an alias equal to
    // the method's own name is an error.
    let alias = (op.operation_id != op.method_name).then(|| {
        let op_id = &op.operation_id;
        quote!(#[doc(alias = #op_id)])
    });
    quote! {
        #doc
        #alias
        pub fn #name(&self, #(#args),*) -> ::whop_api::Call<#output> {
            #request
            ::whop_api::Call::new(self.client, request) #by_status #raw
        }
        #stream
    }
}

/// `.decode_by_status(..)` for operations whose 2xx responses have different bodies: the
/// status, not the body's shape, picks the variant.
fn status_decoder(op: &OperationDef) -> Option<TokenStream> {
    if op.status_variants.is_empty() {
        return None;
    }
    let p = private();
    // Only a plain union: a union behind `Option` (some 2xx without a body) keeps serde's choice.
    let union = match &op.response {
        Some(named @ Ty::Named(_)) => ty(named),
        _ => return None,
    };
    let arms = op.status_variants.iter().map(|(code, variant)| {
        let variant = Ident::new(variant, Span::call_site());
        quote!(#code => Some(#p::serde_json::from_slice(body).map(#union::#variant)),)
    });
    Some(quote! {
        .decode_by_status(|status: u16, body: &[u8]| match status {
            #(#arms)*
            _ => None,
        })
    })
}

/// `<method>_stream`: every item of a paginated list, following cursors. It calls the plain
/// method, so the request is built in one place.
fn paginated(op: &OperationDef, pagination: &Pagination) -> TokenStream {
    let name = ident(&format!("{}_stream", op.method_name));
    let method = ident(&op.method_name);
    let page = op.response.as_ref().map_or_else(|| quote!(()), ty);
    let item = ty(&pagination.item);
    let args = arguments(op);
    let names = argument_names(op);
    let items = ident(&pagination.items.rust);
    let info = ident(&pagination.info.rust);
    let cursor = ident(&pagination.cursor.rust);
    let has_next = ident(&pagination.has_next.rust);
    let cursor_param = &pagination.cursor_param;
    let info_binding = if pagination.info.optional {
        quote!(let Some(info) = page.#info else { return (page.#items, None) };)
    } else {
        quote!(let info = page.#info;)
    };
    let doc = format!(
        "Every item of [`{method}`](Self::{method}), page after page: follows `{cursor_param}` until there is no next page.",
        method = op.method_name
    );
    quote! {
        #[doc = #doc]
        pub fn #name(&self, #(#args),*) -> ::whop_api::Paginator<#page, #item> {
            self.#method(#(#names),*).paginate(#cursor_param, |page: #page| {
                #info_binding
                let next = if info.#has_next { __p::Cursor::into_cursor(info.#cursor) } else { None };
                (page.#items, next)
            })
        }
    }
}

/// The names of the method's arguments, in order, to pass them on.
fn argument_names(op: &OperationDef) -> Vec<TokenStream> {
    let path_args = op.path_params.iter().map(|param| {
        let rust = ident(&param.rust);
        quote!(#rust)
    });
    path_args.chain(op.params.as_ref().map(|_| quote!(params))).collect()
}

/// The method's arguments: path parameters, then the parameters struct.
fn arguments(op: &OperationDef) -> Vec<TokenStream> {
    let path_args = op.path_params.iter().map(|param| {
        let rust = ident(&param.rust);
        quote!(#rust: impl Display)
    });
    let params_arg = op.params.as_ref().map(|params| {
        let params = Ident::new(&params.type_name, Span::call_site());
        quote!(params: &#params)
    });
    path_args.chain(params_arg).collect()
}

/// `let request = ...;` with every parameter in place.
fn request(op: &OperationDef) -> TokenStream {
    let p = private();
    let method = Ident::new(&op.http_method, Span::call_site());
    let op_id = &op.operation_id;
    let path = path_expr(op);
    let auth = auth(&op.auth, &p);
    let fill = op.params.as_ref().map(fill_request);
    let mutable = fill.is_some().then(|| quote!(mut));
    quote! {
        let #mutable request = #p::RequestSpec::new(#p::Method::#method, #path, #op_id, #auth);
        #fill
    }
}

/// The runtime's description of how an operation authenticates; `p` is the path of the
/// runtime's private module as seen from where the tokens go.
pub(crate) fn auth(auth: &Auth, p: &TokenStream) -> TokenStream {
    match auth {
        Auth::None => quote!(#p::Auth::None),
        Auth::Bearer => quote!(#p::Auth::Bearer),
        Auth::Header(h) => quote!(#p::Auth::Header(#h)),
        Auth::Query(q) => quote!(#p::Auth::Query(#q)),
    }
}

/// The request path: a literal, or the template's pieces joined by the runtime with the
/// percent-encoded arguments between them.
fn path_expr(op: &OperationDef) -> TokenStream {
    let p = private();
    let path = &op.path;
    if op.path_params.is_empty() {
        return quote!(#path);
    }
    let literals = &op.path_literals;
    let values = op.path_params.iter().map(|param| {
        let rust = ident(&param.rust);
        quote!(&#rust)
    });
    quote!(#p::fill_path(&[#(#literals),*], &[#(#values),*]))
}

/// Statements that copy a parameters struct into `request`.
fn fill_request(params: &ParamsDef) -> TokenStream {
    let query = params.fields.iter().filter_map(|f| match f.place {
        FieldPlace::Query { explode } => {
            let (rust, wire) = (ident(&f.rust), &f.wire);
            Some(quote!(request.query(#wire, &params.#rust, #explode);))
        }
        _ => None,
    });
    let headers = params.fields_in(|p| *p == FieldPlace::Header).map(|f| {
        let (rust, wire) = (ident(&f.rust), &f.wire);
        let idempotency = f.is_idempotency_key().then(|| quote!(request.idempotency_header(#wire);));
        quote!(request.header(#wire, &params.#rust); #idempotency)
    });
    let body = body(params);
    quote! {
        #(#query)*
        #(#headers)*
        #body
    }
}

/// Statements that put the body in `request`, encoded as its media type says.
fn body(params: &ParamsDef) -> TokenStream {
    let set = |value: TokenStream| match &params.media {
        Media::Text(content_type) | Media::Binary(content_type) => {
            quote!(request.raw(#content_type, Clone::clone(#value));)
        }
        _ => quote!(request.json(#value);),
    };
    match (&params.body, &params.media) {
        (BodySource::None, _) => TokenStream::new(),
        (BodySource::WholeStruct, Media::Form | Media::Multipart) => {
            let multipart = params.media == Media::Multipart;
            let body_fields = params.fields_in(|p| matches!(p, FieldPlace::Body | FieldPlace::Additional));
            let fields = body_fields.map(|f| {
                let (rust, wire) = (ident(&f.rust), &f.wire);
                if f.file {
                    quote!(request.form_files(#wire, &params.#rust);)
                } else {
                    quote!(request.form_field(#multipart, #wire, &params.#rust);)
                }
            });
            quote!(#(#fields)*)
        }
        (BodySource::WholeStruct, _) => quote!(request.json(params);),
        (BodySource::Field { rust, optional: false }, _) => {
            let rust = ident(rust);
            set(quote!(&params.#rust))
        }
        (BodySource::Field { rust, optional: true }, _) => {
            let rust = ident(rust);
            let set = set(quote!(body));
            quote! {
                if let Some(body) = &params.#rust {
                    #set
                }
            }
        }
    }
}
