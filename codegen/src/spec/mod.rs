//! The subset of OpenAPI 3.1 (and 3.0) that the generator understands, as plain data.
//!
//! [`load`] reads it from a located YAML tree, follows `$ref`s to parameters, request bodies
//! and responses, and records every problem it meets. Schema `$ref`s to
//! `#/components/schemas/*` stay references: naming and cycle handling happen in `ir`.

mod all_of;
mod load;
mod paths;
mod reader;
mod schema;
mod security;
mod webhooks;

use indexmap::IndexMap;

pub use all_of::{merge as merge_all_of, Merged};
pub use load::load;

pub use schema::{Additional, Discriminator, Schema};

use crate::diag::Loc;

/// A whole spec.
#[derive(Debug, Clone, Default)]
pub struct Spec {
    /// `info.title`.
    pub title: Option<String>,
    /// `servers[*].url`, in order.
    pub servers: Vec<String>,
    /// `components.securitySchemes`, by name.
    pub security_schemes: IndexMap<String, SecurityScheme>,
    /// Top-level `security`: the schemes of the first requirement (empty: none).
    pub security: Vec<String>,
    /// Where the top-level `security` is.
    pub security_loc: Loc,
    /// Every operation, in document order.
    pub operations: Vec<Operation>,
    /// `components.schemas`, in document order.
    pub schemas: IndexMap<String, Schema>,
    /// The top-level `webhooks` map (OpenAPI 3.1): the events the API pushes, in document order.
    pub webhooks: Vec<Webhook>,
}

/// One entry of the top-level `webhooks` map: an event the API sends to its users' servers.
/// Its payload is the request body of the entry's operation (usually `post`).
#[derive(Debug, Clone)]
pub struct Webhook {
    /// The entry's key (`payment.succeeded`).
    pub name: String,
    /// The operation that delivers it; its `path` is the entry's key.
    pub operation: Operation,
}

/// How a request authenticates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecurityScheme {
    /// `Authorization: Bearer <key>` (http bearer, oauth2, openIdConnect).
    Bearer,
    /// The key in a named header (apiKey in header).
    Header(String),
    /// The key in a named query parameter (apiKey in query).
    Query(String),
}

/// One operation (a method on a path).
#[derive(Debug, Clone)]
pub struct Operation {
    /// JSON pointer of the operation object.
    pub ptr: String,
    /// Where the operation starts.
    pub loc: Loc,
    /// Lower-case HTTP method.
    pub method: String,
    /// The path template (`/affiliates/{id}`).
    pub path: String,
    /// The path template parsed.
    pub template: PathTemplate,
    /// `operationId`, if given.
    pub operation_id: Option<String>,
    /// `tags`.
    pub tags: Vec<String>,
    /// `summary`.
    pub summary: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `deprecated`.
    pub deprecated: bool,
    /// Path-level and operation-level parameters, merged.
    pub parameters: Vec<Parameter>,
    /// The JSON request body.
    pub request_body: Option<RequestBody>,
    /// Responses, in document order.
    pub responses: Vec<Response>,
    /// Security schemes of the first requirement; `None` when the operation inherits.
    pub security: Option<Vec<String>>,
    /// Scopes named by the security requirement (documented as required permissions).
    pub scopes: Vec<String>,
}

impl Operation {
    /// An operation with nothing but its method and path read yet.
    pub fn new(method: &str, path: &str, ptr: &str, loc: Loc) -> Self {
        Operation {
            ptr: ptr.to_owned(),
            loc,
            method: method.to_owned(),
            path: path.to_owned(),
            template: paths::parse_template(path),
            operation_id: None,
            tags: Vec::new(),
            summary: None,
            description: None,
            deprecated: false,
            parameters: Vec::new(),
            request_body: None,
            responses: Vec::new(),
            security: None,
            scopes: Vec::new(),
        }
    }
}

/// A path template in parts: `literals[0] {names[0]} literals[1] ...`; one literal more
/// than names (`/a/{id}.json` is `["/a/", ".json"]` around `["id"]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathTemplate {
    /// The text around the variables.
    pub literals: Vec<String>,
    /// The variables, in order.
    pub names: Vec<String>,
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    /// In the path template.
    Path,
    /// In the query string.
    Query,
    /// In a request header.
    Header,
}

/// An operation parameter.
#[derive(Debug, Clone)]
pub struct Parameter {
    /// JSON pointer.
    pub ptr: String,
    /// Where it starts.
    pub loc: Loc,
    /// Name on the wire.
    pub name: String,
    /// `in`.
    pub location: ParamLocation,
    /// `required` (always true in the path).
    pub required: bool,
    /// `description`.
    pub description: Option<String>,
    /// `schema`.
    pub schema: Option<Schema>,
    /// `explode` (defaults to true for the form style).
    pub explode: bool,
    /// Not declared: taken from the path template (a required string).
    pub from_template: bool,
}

impl Parameter {
    /// A path parameter the spec does not declare, taken from the path template.
    pub fn from_template(name: String, ptr: &str, loc: Loc) -> Self {
        Parameter {
            ptr: ptr.to_owned(),
            loc,
            name,
            location: ParamLocation::Path,
            required: true,
            description: None,
            schema: None,
            explode: false,
            from_template: true,
        }
    }
}

/// How a body is encoded, from its media type. When a body lists several, JSON is preferred,
/// else the first listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Media {
    /// `application/json`, `*/*+json` or `*/*`: the schema's JSON.
    Json,
    /// `application/x-www-form-urlencoded`: the schema's properties as form fields.
    Form,
    /// `multipart/form-data`: the schema's properties as parts; `format: binary` ones are files.
    Multipart,
    /// `text/*`: a string, with this media type.
    Text(String),
    /// Any other media type (`application/octet-stream`, `image/png`, `application/pdf`, ...):
    /// bytes, with this media type.
    Binary(String),
}

impl Media {
    /// The kind of a media type as written (parameters such as `; charset=utf-8` ignored).
    pub fn of(media_type: &str) -> Media {
        let essence = media_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        match essence.as_str() {
            "application/json" | "*/*" => Media::Json,
            json if json.ends_with("+json") => Media::Json,
            "application/x-www-form-urlencoded" => Media::Form,
            "multipart/form-data" => Media::Multipart,
            text if text.starts_with("text/") => Media::Text(media_type.trim().to_owned()),
            _ => Media::Binary(media_type.trim().to_owned()),
        }
    }
}

/// A request body.
#[derive(Debug, Clone)]
pub struct RequestBody {
    /// JSON pointer.
    pub ptr: String,
    /// Where it starts.
    pub loc: Loc,
    /// `required`.
    pub required: bool,
    /// `description`.
    pub description: Option<String>,
    /// How the body is encoded.
    pub media: Media,
    /// The schema of a JSON, form or multipart body.
    pub schema: Option<Schema>,
}

/// One response of an operation.
#[derive(Debug, Clone)]
pub struct Response {
    /// JSON pointer.
    pub ptr: String,
    /// Where it starts.
    pub loc: Loc,
    /// The status key as written: `200`, `4XX` or `default`.
    pub status: String,
    /// `description`.
    pub description: Option<String>,
    /// How the body is encoded; `None` when the response has no `content`.
    pub media: Option<Media>,
    /// The schema of a JSON body, when there is one.
    pub schema: Option<Schema>,
}

impl Response {
    /// The status code when it is a single code.
    pub fn code(&self) -> Option<u16> {
        self.status.parse().ok()
    }

    /// True for a 2xx code (or a `2XX` range).
    pub fn is_success(&self) -> bool {
        self.status.starts_with('2')
    }
}
