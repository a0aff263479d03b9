//! The generated calls, as the emitter reads them: resources, operations, their parameters
//! structs, pagination and mock routes.

use crate::ir::{Docs, Ty};

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
    /// Path parameters, in template order: (wire name, Rust argument name).
    pub path_params: Vec<(String, String)>,
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
    pub items_field: String,
    /// Wire names of the items field, the page info field, its cursor and its has-next flag.
    pub wire: [String; 4],
    /// The page's field with the page info, and whether it is an `Option`.
    pub info_field: (String, bool),
    /// The page info's `end_cursor` field, and whether it is an `Option`.
    pub cursor_field: (String, bool),
    /// The page info's `has_next_page` field.
    pub has_next_field: String,
    /// The query parameter that takes the cursor.
    pub cursor_param: String,
}

/// How an operation's parameters struct maps onto the request.
#[derive(Debug, Clone)]
pub struct ParamsDef {
    /// The struct's name.
    pub type_name: String,
    /// Query fields: (Rust field, wire name, explode, required).
    pub query: Vec<(String, String, bool)>,
    /// Header fields: (Rust field, wire name).
    pub headers: Vec<(String, String)>,
    /// Where the body comes from.
    pub body: BodySource,
    /// How the body is encoded.
    pub media: crate::spec::Media,
    /// For a form or multipart body, its fields: (Rust field, wire name, is a file part).
    pub form_fields: Vec<(String, String, bool)>,
}

/// Where a request's JSON body comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodySource {
    /// No body.
    None,
    /// The parameters struct itself (its query and header fields are skipped); for a form or
    /// multipart body, each of its body fields is one form field.
    WholeStruct,
    /// One field of the struct; `true` when the field is optional.
    Field(String, bool),
}
