//! The generated calls, as the emitter reads them: resources, operations, their parameters
//! structs, pagination and mock routes.

use crate::ir::{Docs, FieldPlace, FieldRef, Ty};

/// A group of operations: `client.<accessor>()`.
#[derive(Debug, Clone)]
pub struct Resource {
    /// Accessor method on the client (snake case).
    pub accessor: String,
    /// Name of the resource handle type.
    pub type_name: String,
    /// Rustdoc.
    pub docs: Docs,
    /// The operations.
    pub operations: Vec<OperationDef>,
    /// Sub-resources (`client.affiliates().overrides()`).
    pub children: Vec<Resource>,
}

/// How a request authenticates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Auth {
    /// No credentials.
    None,
    /// `Authorization: Bearer`.
    Bearer,
    /// The key in this header.
    Header(String),
    /// The key in this query parameter.
    Query(String),
}

/// One generated call.
#[derive(Debug, Clone)]
pub struct OperationDef {
    /// The spec's operationId (or the derived one).
    pub operation_id: String,
    /// Method name on the resource.
    pub method_name: String,
    /// Upper-case HTTP method.
    pub http_method: String,
    /// Path template.
    pub path: String,
    /// Path parameters, in template order.
    pub path_params: Vec<PathParam>,
    /// The template's text around the parameters (one more than them).
    pub path_literals: Vec<String>,
    /// The parameters struct, if the call takes one.
    pub params: Option<ParamsDef>,
    /// The success type; `None` when the success response has no body.
    pub response: Option<Ty>,
    /// How the success body is read: JSON, or text (`String`) or bytes (`Bytes`) as is.
    pub response_media: crate::spec::Media,
    /// When 2xx responses have different bodies: each status and the union variant it decodes to.
    pub status_variants: Vec<(u16, String)>,
    /// How it authenticates.
    pub auth: Auth,
    /// Cursor pagination, when the response is a page of a list.
    pub pagination: Option<Pagination>,
    /// How the mock server serves it.
    pub mock: MockRoute,
    /// Rustdoc.
    pub docs: Docs,
}

/// What the mock server needs to serve an operation.
#[derive(Debug, Clone, Default)]
pub struct MockRoute {
    /// The default status (the first 2xx).
    pub status: u16,
    /// The default body as JSON text ("" for none).
    pub body: String,
    /// Query parameters: wire name and how their text becomes JSON.
    pub query: Vec<(String, MockKind)>,
    /// Header parameters, likewise.
    pub headers: Vec<(String, MockKind)>,
}

/// How a query or header value's text becomes JSON for checking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MockKind {
    /// A string.
    Text,
    /// An integer.
    Integer,
    /// A number.
    Number,
    /// A boolean.
    Boolean,
    /// An array.
    List,
}

/// How to walk a cursor-paginated list: the page holds a list of items and a page-info
/// object with `has_next_page` and `end_cursor`; the next page is asked for with `after`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pagination {
    /// The item type.
    pub item: Ty,
    /// The page's field with the items.
    pub items: FieldRef,
    /// The page's field with the page info.
    pub info: FieldRef,
    /// The page info's `end_cursor` field.
    pub cursor: FieldRef,
    /// The page info's `has_next_page` field.
    pub has_next: FieldRef,
    /// The query parameter that takes the cursor.
    pub cursor_param: String,
}

/// How an operation's parameters struct maps onto the request.
#[derive(Debug, Clone)]
pub struct ParamsDef {
    /// The struct's name.
    pub type_name: String,
    /// The struct's fields, each where it goes on the request.
    pub fields: Vec<ParamField>,
    /// Where the body comes from.
    pub body: BodySource,
    /// How the body is encoded.
    pub media: crate::spec::Media,
}

impl ParamsDef {
    /// The fields sent in `place`s that `wanted` accepts.
    pub fn fields_in(&self, wanted: impl Fn(&FieldPlace) -> bool) -> impl Iterator<Item = &ParamField> {
        self.fields.iter().filter(move |f| wanted(&f.place))
    }
}

/// A parameters struct field, and where it goes on the request.
#[derive(Debug, Clone)]
pub struct ParamField {
    /// The Rust field.
    pub rust: String,
    /// Its name on the wire.
    pub wire: String,
    /// Where it is sent.
    pub place: FieldPlace,
    /// A file (or files) of a multipart body.
    pub file: bool,
}

impl ParamField {
    /// A header that carries an idempotency key (`Idempotency-Key`, in any case): the runtime
    /// generates one for calls that set none, so a retry is not applied twice.
    pub fn is_idempotency_key(&self) -> bool {
        self.place == FieldPlace::Header && self.wire.eq_ignore_ascii_case("idempotency-key")
    }
}

/// A path parameter.
#[derive(Debug, Clone)]
pub struct PathParam {
    /// Its name in the template.
    pub wire: String,
    /// The method's argument.
    pub rust: String,
}

/// Where a request's JSON body comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodySource {
    /// No body.
    None,
    /// The parameters struct itself (its query and header fields are skipped); for a form or
    /// multipart body, each of its body fields is one form field.
    WholeStruct,
    /// One field of the struct.
    Field {
        /// The Rust field.
        rust: String,
        /// Whether it is an `Option`.
        optional: bool,
    },
}

/// Every operation of `resources`, their sub-resources' included.
pub fn operations_mut(resources: &mut [Resource]) -> impl Iterator<Item = &mut OperationDef> {
    resources.iter_mut().flat_map(|r| {
        r.operations.iter_mut().chain(r.children.iter_mut().flat_map(|c| c.operations.iter_mut()))
    })
}

/// Every operation of `resources`, their sub-resources' included, to read.
pub fn operations(resources: &[Resource]) -> impl Iterator<Item = &OperationDef> {
    resources
        .iter()
        .flat_map(|r| r.operations.iter().chain(r.children.iter().flat_map(|c| c.operations.iter())))
}
