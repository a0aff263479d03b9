//! The resolved model the emitter works from: every name chosen, every `$ref` followed,
//! nullability decided. Emission never looks at the spec again.

mod docs;
mod examples;
mod graph;
mod operations;
mod pagination;
mod params;
mod types;
mod webhooks;

pub use docs::Docs;

use crate::diag::Diagnostics;
use crate::spec::Spec;

/// What to generate: the macro's options.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Keep operations with one of these tags (empty: no filter by tag).
    pub tags: Vec<String>,
    /// Keep operations with one of these operationIds (empty: no filter by id).
    pub operations: Vec<String>,
    /// Also generate the in-process mock server (`mock = true`).
    pub mock: bool,
    /// Compile the mock only when the invoking crate has this feature on (`mock = "feature"`).
    pub mock_feature: Option<String>,
    /// Give every type both serde impls (`full_serde = true`), not only the ones the client
    /// calls.
    pub full_serde: bool,
    /// Report every deviation from the standard as an error (`strict = true`), for spec
    /// authors; by default what publishers really ship is accepted (see the README).
    pub strict: bool,
    /// Generate only the webhook events, no API calls (`webhooks_only = true`), for a server
    /// that receives events and never calls the API.
    pub webhooks_only: bool,
}

/// Everything the generated code contains.
#[derive(Debug, Clone)]
pub struct Api {
    /// `info.title`.
    pub title: Option<String>,
    /// The first absolute server URL.
    pub base_url: Option<String>,
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
}

/// The webhook events, decoded into one enum.
#[derive(Debug, Clone)]
pub struct Events {
    /// The enum's name.
    pub enum_name: String,
    /// The variant that keeps an event the spec does not list, as JSON.
    pub unknown: String,
    /// The events, in spec order.
    pub events: Vec<EventDef>,
}

/// One webhook event.
#[derive(Debug, Clone)]
pub struct EventDef {
    /// The event's key in `webhooks` (`payment.succeeded`).
    pub name: String,
    /// The value of the payload's `type` property that selects this event: its `const` (or
    /// one-value `enum`), else the event's key in `webhooks`.
    pub tag: String,
    /// The enum variant.
    pub variant: String,
    /// The payload type.
    pub payload: Ty,
    /// Rustdoc of the variant.
    pub docs: Docs,
    /// The payload's `id` string field, if it has one.
    pub id: Option<FieldAccess>,
    /// The payload's `timestamp` date-time field, if it has one.
    pub timestamp: Option<FieldAccess>,
    /// Where the event's operation is in the spec.
    pub loc: crate::diag::Loc,
    /// JSON pointer of the event's operation.
    pub ptr: String,
    /// An example payload as JSON text (the spec's examples, or values that fit the schema);
    /// computed only for the mock.
    pub example: String,
}

/// A payload field an accessor on the events enum reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldAccess {
    /// The Rust field.
    pub field: String,
    /// Whether the field is an `Option`.
    pub optional: bool,
}

/// A Rust type expression.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Ty {
    /// `String`.
    String,
    /// `i64`.
    I64,
    /// `i32`.
    I32,
    /// `f64`.
    F64,
    /// `f32`.
    F32,
    /// `bool`.
    Bool,
    /// A UTC timestamp (`format: date-time`).
    DateTime,
    /// A calendar date (`format: date`).
    Date,
    /// Any JSON value (a schema that allows anything).
    Json,
    /// Raw bytes (a binary request or response body).
    Bytes,
    /// A file part of a multipart body (`format: binary`): bytes, a file name, a content type.
    File,
    /// A generated type, by name.
    Named(String),
    /// `Vec<T>`.
    Vec(Box<Ty>),
    /// `BTreeMap<String, T>` (`additionalProperties`).
    Map(Box<Ty>),
    /// `Option<T>` (a nullable value).
    Option(Box<Ty>),
    /// `Box<T>` (breaks a recursive type).
    Boxed(Box<Ty>),
}

impl Ty {
    /// The type inside any `Option`s and `Box`es.
    pub fn unwrapped(&self) -> &Ty {
        match self {
            Ty::Option(inner) | Ty::Boxed(inner) => inner.unwrapped(),
            other => other,
        }
    }

    /// Points every mention of the generated type `from` at `to`.
    pub fn rename(&mut self, from: &str, to: &str) {
        match self {
            Ty::Named(name) if name == from => *name = to.to_owned(),
            Ty::Vec(inner) | Ty::Map(inner) | Ty::Option(inner) | Ty::Boxed(inner) => inner.rename(from, to),
            _ => {}
        }
    }
}

/// A named generated type.
#[derive(Debug, Clone)]
pub struct TypeDef {
    /// Rust name.
    pub name: String,
    /// Rustdoc.
    pub docs: Docs,
    /// What it is.
    pub kind: TypeKind,
    /// Which ways it travels.
    pub usage: Usage,
}

impl TypeDef {
    /// A definition whose [`Usage`] is decided later, when every definition exists.
    pub fn new(name: String, docs: Docs, kind: TypeKind) -> Self {
        TypeDef { name, docs, kind, usage: Usage::default() }
    }
}

/// Which ways a type travels, so that only the serde impls something calls are generated:
/// rustc's work on serde impls is most of what a large expansion costs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Usage {
    /// Sent in a request (serialised; request types also get constructors and setters).
    pub sent: bool,
    /// Received in a response (deserialised). Types no operation reaches count as received:
    /// users decode them from elsewhere (webhooks, stored JSON).
    pub received: bool,
}

/// The shape of a generated type.
#[derive(Debug, Clone)]
pub enum TypeKind {
    /// An object with known properties.
    Struct(Struct),
    /// A string enum; unknown values are kept in the catch-all variant.
    StringEnum {
        /// Known values.
        variants: Vec<EnumVariant>,
        /// Name of the variant that keeps an unknown value.
        catch_all: String,
    },
    /// `oneOf` / `anyOf`.
    Union(Union),
    /// A plain alias for a schema that needs no type of its own (`type: string`, ...).
    Alias(Ty),
}

/// An object type.
#[derive(Debug, Clone, Default)]
pub struct Struct {
    /// Fields, in spec order.
    pub fields: Vec<Field>,
}

/// A struct field.
#[derive(Debug, Clone)]
pub struct Field {
    /// Rust name (snake case, maybe a keyword).
    pub rust: String,
    /// Name on the wire.
    pub wire: String,
    /// The value type, without the `Option` that optionality adds.
    pub ty: Ty,
    /// Listed in `required`.
    pub required: bool,
    /// Where the field goes when the struct is a request's parameters.
    pub place: FieldPlace,
    /// The only value the spec allows (`const`, or a one-value string `enum`): constructors
    /// fill it in instead of asking for it.
    pub fixed: Option<String>,
    /// Rustdoc.
    pub docs: Docs,
}

/// Where a parameter field is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldPlace {
    /// A JSON body property.
    Body,
    /// The whole JSON body.
    WholeBody,
    /// A query parameter.
    Query {
        /// Repeat the key for each array element (`explode: true`).
        explode: bool,
    },
    /// A request header.
    Header,
    /// Properties not named in `properties` (`additionalProperties` with a schema): a map
    /// flattened into the object.
    Additional,
}

/// A variant of a string enum.
#[derive(Debug, Clone)]
pub struct EnumVariant {
    /// Rust name.
    pub rust: String,
    /// The string on the wire.
    pub wire: String,
}

/// A union: tagged when one property's value tells the variants apart (a `discriminator`,
/// or a `const`/single-value `enum` property in every variant); otherwise the first variant
/// that fits wins.
#[derive(Debug, Clone)]
pub struct Union {
    /// The variants, in spec order.
    pub variants: Vec<UnionVariant>,
    /// The tag property, when the union is tagged.
    pub tag: Option<String>,
    /// Name of the variant that keeps a value with an unknown tag (tagged unions only).
    pub catch_all: String,
}

/// A variant of a union.
#[derive(Debug, Clone)]
pub struct UnionVariant {
    /// Rust name.
    pub rust: String,
    /// The variant's payload.
    pub ty: Ty,
    /// Tag values that select this variant (tagged unions only).
    pub tags: Vec<String>,
}

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

/// Resolves the spec into the generator's model, recording problems in `diags`.
pub fn build(spec: &Spec, selection: &Options, diags: &mut Diagnostics) -> Api {
    let mut builder = types::TypeBuilder::new(spec);
    builder.declare_components(diags);
    builder.check_alias_cycles(diags);
    operations::check_selection(spec, selection, diags);
    let resources = if selection.webhooks_only {
        Vec::new()
    } else {
        operations::build(spec, selection, &mut builder, diags)
    };
    let events = webhooks::build(spec, selection, &mut builder, diags);
    let everything = selection.tags.is_empty() && selection.operations.is_empty() && !selection.webhooks_only;
    builder.emit_reachable_components(everything);
    let client_name = builder.names.claim("Client");
    let components = builder.component_names();
    let mut names = std::mem::take(&mut builder.names);
    let mut types = builder.finish(selection.full_serde || selection.mock);
    let events = events.map(|e| webhooks::resolve(e, &types, diags));
    graph::box_recursive_fields(&mut types);
    let mut resources = resources;
    for resource in &mut resources {
        for op in resource
            .operations
            .iter_mut()
            .chain(resource.children.iter_mut().flat_map(|c| c.operations.iter_mut()))
        {
            op.pagination = pagination::detect(op, &types);
        }
    }
    pagination::name_pages(&mut resources, &mut types, &mut names, &components);
    // A relative server URL is relative to wherever the spec is served, which the client cannot
    // know: such a client has no default base URL and is given one (`ClientBuilder::base_url`).
    let base_url = spec.servers.iter().find(|url| url.contains("://")).cloned();
    let examples = if selection.mock { examples::component_examples(spec, &types) } else { Vec::new() };
    Api { title: spec.title.clone(), base_url, types, resources, client_name, events, examples }
}
