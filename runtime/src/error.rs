//! One error type for every way a call can fail.

use std::fmt;

use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde::Deserialize;

/// Why a call failed.
///
/// API errors (the server answered with a non-2xx status) carry the status, headers, request
/// id, the raw body and, when it parses, the API's error object. Display is one line and
/// never contains the API key.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The server answered with a status outside 2xx.
    Api(Box<ApiError>),
    /// No complete response arrived within the timeout (after every retry).
    Timeout {
        /// `METHOD /path`.
        request: String,
        /// How many attempts were made.
        attempts: u32,
    },
    /// The connection failed, or broke while the body was read.
    Connection {
        /// `METHOD /path`.
        request: String,
        /// The status, when the response head had arrived.
        status: Option<StatusCode>,
        /// The request id, when the response head had arrived.
        request_id: Option<String>,
        /// The transport error (its URL removed).
        source: reqwest::Error,
    },
    /// A 2xx response whose body is not what the spec describes.
    Decode {
        /// The status.
        status: StatusCode,
        /// The body as received (lossy UTF-8).
        body: String,
        /// The request id, if the server sent one.
        request_id: Option<String>,
        /// Where in the body the value that did not fit is (`data[3].status`; `.` for the top).
        path: String,
        /// What did not fit, with the line and column in the body.
        source: serde_json::Error,
    },
    /// The request could not be built (a parameter could not be encoded).
    Request(String),
    /// The client is misconfigured (for example, no API key).
    Config(String),
}

impl Error {
    /// The API error, if the server answered with a non-2xx status.
    #[must_use]
    pub fn as_api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(api) => Some(api),
            _ => None,
        }
    }

    /// The HTTP status, when a response arrived.
    #[must_use]
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(api) => Some(api.status),
            Error::Decode { status, .. } => Some(*status),
            Error::Connection { status, .. } => *status,
            _ => None,
        }
    }

    /// The request id the server sent, if any.
    #[must_use]
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Api(api) => api.request_id.as_deref(),
            Error::Decode { request_id, .. } | Error::Connection { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(api) => api.fmt(f),
            Error::Timeout { request, attempts } => {
                write!(f, "{request} timed out ({attempts} attempt{})", if *attempts == 1 { "" } else { "s" })
            }
            Error::Connection { request, status, .. } => match status {
                Some(status) => {
                    write!(f, "{request}: the connection broke while reading the {status} response")
                }
                None => write!(f, "{request}: connection failed"),
            },
            Error::Decode { status, source, request_id, path, .. } => {
                write!(f, "the {status} response does not match the spec at `{path}`: {source}")?;
                write_request_id(f, request_id.as_deref())
            }
            Error::Request(message) => write!(f, "could not build the request: {message}"),
            Error::Config(message) => write!(f, "client configuration: {message}"),
        }
    }
}

fn write_request_id(f: &mut fmt::Formatter<'_>, id: Option<&str>) -> fmt::Result {
    match id {
        Some(id) => write!(f, " [request id {id}]"),
        None => Ok(()),
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Connection { source, .. } => Some(source),
            Error::Decode { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// The class of an API error, by status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ApiErrorKind {
    /// 400.
    BadRequest,
    /// 401.
    Authentication,
    /// 403.
    PermissionDenied,
    /// 404.
    NotFound,
    /// 409.
    Conflict,
    /// 422.
    Unprocessable,
    /// 429.
    RateLimited,
    /// 5xx.
    Server,
    /// Any other status.
    Other,
}

impl ApiErrorKind {
    /// The kind for a status.
    #[must_use]
    pub fn of(status: StatusCode) -> Self {
        match status.as_u16() {
            400 => Self::BadRequest,
            401 => Self::Authentication,
            403 => Self::PermissionDenied,
            404 => Self::NotFound,
            409 => Self::Conflict,
            422 => Self::Unprocessable,
            429 => Self::RateLimited,
            500..=599 => Self::Server,
            _ => Self::Other,
        }
    }
}

/// A non-2xx response.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ApiError {
    /// The status.
    pub status: StatusCode,
    /// The class of the status.
    pub kind: ApiErrorKind,
    /// The response headers.
    pub headers: HeaderMap,
    /// The request id header (`x-request-id` or `request-id`), if present.
    pub request_id: Option<String>,
    /// The body as received (lossy UTF-8).
    pub body: String,
    /// The API's error object (`{"error": {...}}`), when the body has one.
    pub error: Option<ErrorObject>,
    /// The spec's `operationId` of the call that failed (`retrieveExperience`).
    pub operation: &'static str,
}

impl ApiError {
    pub(crate) fn new(operation: &'static str, status: StatusCode, headers: HeaderMap, body: &[u8]) -> Self {
        let error = serde_json::from_slice::<Envelope>(body).ok().and_then(|e| e.error);
        ApiError {
            status,
            kind: ApiErrorKind::of(status),
            request_id: request_id(&headers),
            headers,
            body: String::from_utf8_lossy(body).into_owned(),
            error,
            operation,
        }
    }

    /// The error message from the error object, if there is one.
    #[must_use]
    pub fn message(&self) -> Option<&str> {
        self.error.as_ref().and_then(|e| e.message.as_deref())
    }

    /// Decodes the body into a type of your choice (for example a generated error type).
    ///
    /// # Errors
    /// When the body does not fit `T`.
    pub fn body_as<T: serde::de::DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_str(&self.body)
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "API error {}", self.status)?;
        if !self.operation.is_empty() {
            write!(f, " from {}", self.operation)?;
        }
        if let Some(error) = &self.error {
            if let Some(kind) = &error.kind {
                write!(f, " ({kind})")?;
            }
            if let Some(message) = &error.message {
                write!(f, ": {message}")?;
            }
            if let Some(param) = &error.param {
                write!(f, " [param {param}]")?;
            }
        } else if !self.body.is_empty() {
            let snippet: String = self.body.chars().take(200).collect();
            write!(f, ": {}", snippet.replace(['\n', '\r'], " "))?;
        }
        write_request_id(f, self.request_id.as_deref())
    }
}

/// The error object Whop returns in error responses: `{"error": {"type", "message", "code", "param"}}`.
/// Every field is optional here so that a partial object still parses.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ErrorObject {
    /// `type`, e.g. `invalid_request_error`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// A human-readable message.
    pub message: Option<String>,
    /// A short machine code, e.g. `parameter_missing`.
    pub code: Option<String>,
    /// The parameter at fault, if any.
    pub param: Option<String>,
}

#[derive(Deserialize)]
struct Envelope {
    error: Option<ErrorObject>,
}

/// The request id header of a response.
pub(crate) fn request_id(headers: &HeaderMap) -> Option<String> {
    ["x-request-id", "request-id"]
        .iter()
        .find_map(|name| headers.get(*name))
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// A string that is not one of the values a generated enum lists, from its `FromStr`
/// (`"actve".parse::<MembershipStatus>()`). To send a value the spec does not list yet, use
/// the enum's catch-all variant explicitly.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct UnknownValue {
    /// The enum's name.
    pub type_name: &'static str,
    /// The text given.
    pub value: String,
}

impl UnknownValue {
    /// The error for `value` of the enum `type_name` (used by generated code).
    #[must_use]
    pub fn new(type_name: &'static str, value: &str) -> Self {
        UnknownValue { type_name, value: value.to_owned() }
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a {} value the spec lists", self.value, self.type_name)
    }
}

impl std::error::Error for UnknownValue {}

/// Where in `json` the value that does not fit `T` is (`data[3].status`; `.` for the top):
/// decoded again with path tracking, so only a failed decode pays for it.
pub(crate) fn misfit_path<T: serde::de::DeserializeOwned>(json: &[u8]) -> String {
    let mut deserializer = serde_json::Deserializer::from_slice(json);
    match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
        Err(error) => error.path().to_string(),
        Ok(_) => String::from("."),
    }
}
