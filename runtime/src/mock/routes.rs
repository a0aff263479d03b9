//! The route table generated code hands the server: one [`Route`] per operation, and the
//! check of its parameters against the generated params type.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::mock::body::Media;

/// How a query or header parameter's text becomes JSON before it is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Kept as a string.
    Text,
    /// An integer.
    Integer,
    /// A number.
    Number,
    /// `true` / `false`.
    Boolean,
    /// Repeated (or comma-separated) values of strings.
    List,
}

/// Where a paginated page keeps its items and cursor (wire names).
#[derive(Debug, Clone, Copy)]
pub struct PageShape {
    /// The items field.
    pub items: &'static str,
    /// The page-info field.
    pub info: &'static str,
    /// The page info's end cursor.
    pub cursor: &'static str,
    /// The page info's has-next flag.
    pub has_next: &'static str,
    /// The query parameter that takes the cursor.
    pub cursor_param: &'static str,
}

/// Where the JSON body goes in the parameters object checked against the params type.
#[derive(Debug, Clone, Copy)]
pub enum BodyShape {
    /// No body.
    None,
    /// The body's fields sit beside the query fields.
    Merge,
    /// The body is one field of the parameters.
    Field(&'static str),
}

/// One operation, as the generated code describes it.
#[derive(Clone, Copy)]
pub struct Route {
    /// Upper-case method.
    pub method: &'static str,
    /// Path template.
    pub path: &'static str,
    /// The template's text around its variables, as the macro parsed it.
    pub literals: &'static [&'static str],
    /// operationId.
    pub operation: &'static str,
    /// The credential the client sends, which the mock checks.
    pub auth: crate::request::Auth,
    /// Default status.
    pub status: u16,
    /// Default body: JSON, or the text of a text response ("" for none).
    pub body: &'static str,
    /// How the request body is encoded.
    pub request_media: Media,
    /// How the response body is encoded.
    pub response_media: Media,
    /// The response's content type.
    pub content_type: &'static str,
    /// Query parameters.
    pub query: &'static [(&'static str, Kind)],
    /// Header parameters.
    pub headers: &'static [(&'static str, Kind)],
    /// Where the body goes.
    pub body_shape: BodyShape,
    /// Checks the parameters object against the params type: `Err((path, message))`.
    pub check: fn(&Value) -> Result<(), Misfit>,
    /// Pagination, for paginated lists.
    pub page: Option<PageShape>,
    /// Its collection and role, when it is stateful.
    pub store: Option<crate::mock::store::StoreRoute>,
}

/// Checks `value` against `P` (used by generated routes).
///
/// # Errors
/// The path and message of the first field that does not fit.
pub fn check<P: DeserializeOwned>(value: &Value) -> Result<(), Misfit> {
    crate::__private::rejecting_unknown_values(|| serde_path_to_error::deserialize::<_, P>(value))
        .map(|_| ())
        .map_err(|e| Misfit { path: e.path().to_string(), message: e.inner().to_string() })
}

/// Accepts anything (operations without parameters).
///
/// # Errors
/// Never.
pub fn accept(_: &Value) -> Result<(), Misfit> {
    Ok(())
}

/// Why parameters do not fit the operation's params type.
#[derive(Debug, Clone)]
pub struct Misfit {
    /// Where (`statuses[0]`; `.` for the whole).
    pub path: String,
    /// What did not fit.
    pub message: String,
}
