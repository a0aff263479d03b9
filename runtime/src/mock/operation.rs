//! One operation's handle: override its answers, serve pages, read its typed requests; and
//! the requests and stubs tests work with.

use std::marker::PhantomData;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

use crate::mock::server::{lock, Behaviour};
use crate::mock::{MockReply, MockServer};

/// A value to start a stub from: the spec's example, or values that fit the schema.
/// `mock = true` implements it for every component type a response can hold, so a test writes
/// `Membership { id: "mem_1".into(), ..Membership::example() }` instead of every field.
pub trait Example: Sized {
    /// The example value.
    ///
    /// # Panics
    /// When the spec's own example does not fit its schema; the message names the type.
    fn example() -> Self;
}

/// Decodes a generated example (used by generated code).
///
/// # Panics
/// When `json` does not decode into `T`: the spec's example does not fit its schema.
#[doc(hidden)]
#[must_use]
pub fn example<T: DeserializeOwned>(json: &str, type_name: &str) -> T {
    match serde_json::from_str(json) {
        Ok(value) => value,
        Err(error) => panic!("the spec's example of {type_name} does not fit its schema: {error}"),
    }
}

/// A request the mock received.
#[derive(Debug, Clone)]
pub struct Received {
    /// operationId (empty when no route matched).
    pub operation: &'static str,
    /// Method.
    pub method: String,
    /// Path as sent.
    pub path: String,
    /// Path parameters, in template order, decoded.
    pub path_params: Vec<String>,
    /// Query pairs, decoded.
    pub query: Vec<(String, String)>,
    /// Headers (lower-case names).
    pub headers: Vec<(String, String)>,
    /// The parameters object (query, headers and body, as JSON).
    pub params: Value,
}

/// One operation of a [`MockServer`]: override its answers, read its requests. `P` is its
/// parameters type, `R` its response type and `I` the item type of a paginated list (`()`
/// otherwise).
pub struct MockOperation<'a, P, R, I = ()> {
    server: &'a MockServer,
    operation: &'static str,
    types: PhantomData<Types<P, R, I>>,
}

impl<'a, P, R, I> MockOperation<'a, P, R, I> {
    pub(crate) fn new(server: &'a MockServer, operation: &'static str) -> Self {
        MockOperation { server, operation, types: PhantomData }
    }
}

/// The operation's types, held without owning values of them.
type Types<P, R, I> = fn() -> (P, R, I);

impl<P: DeserializeOwned, R: Serialize, I: Serialize> MockOperation<'_, P, R, I> {
    fn behaviour<T>(&self, change: impl FnOnce(&mut Behaviour) -> T) -> T {
        change(lock(&self.server.state).behaviours.entry(self.operation).or_default())
    }

    /// Answers every call with `value` (status 200), as JSON or, for a text or binary
    /// response, as the text or bytes themselves.
    pub fn respond(&self, value: &R) {
        let route = lock(&self.server.state).routes.iter().find(|r| r.operation == self.operation).copied();
        self.replies([MockReply::typed(route.as_ref(), 200, value)]);
    }

    /// Answers every call with the API's error envelope and `status`.
    pub fn fail(&self, status: u16, message: &str) {
        self.replies([MockReply::error(status, message)]);
    }

    /// Answers calls with these replies in turn; the last one repeats.
    pub fn replies(&self, replies: impl IntoIterator<Item = MockReply>) {
        self.behaviour(|b| {
            b.handler = None;
            b.replies = replies.into_iter().collect();
        });
    }

    /// Answers each call with what `handler` returns for the typed request.
    pub fn respond_with(&self, handler: impl Fn(&MockRequest<P>) -> MockReply + Send + Sync + 'static) {
        self.behaviour(|b| {
            b.replies.clear();
            b.handler = Some(Arc::new(move |received: &Received| handler(&MockRequest::from(received))));
        });
    }

    /// Serves `items` as cursor-paginated pages of `page_size`.
    ///
    /// # Errors
    /// When the operation is not a paginated list.
    pub fn paginate(&self, items: &[I], page_size: usize) -> Result<(), String> {
        let route = lock(&self.server.state).routes.iter().find(|r| r.operation == self.operation).copied();
        let Some((route, shape)) = route.and_then(|r| r.page.map(|p| (r, p))) else {
            return Err(format!("{} is not a paginated list", self.operation));
        };
        let items: Vec<Value> = items.iter().filter_map(|i| serde_json::to_value(i).ok()).collect();
        let template: Value = serde_json::from_str(route.body).unwrap_or_else(|_| json!({}));
        let size = page_size.max(1);
        self.behaviour(|b| {
            b.replies.clear();
            b.handler = Some(Arc::new(move |received: &Received| {
                let start = received
                    .query
                    .iter()
                    .find(|(k, _)| k == shape.cursor_param)
                    .and_then(|(_, v)| v.strip_prefix("cursor_")?.parse::<usize>().ok())
                    .unwrap_or(0)
                    .min(items.len());
                let end = (start + size).min(items.len());
                let more = end < items.len();
                let mut page = template.clone();
                page[shape.items] = Value::Array(items[start..end].to_vec());
                // The last page names its end too: a string fits every cursor shape a spec
                // gives (required, optional, nullable); `has_next_page: false` stops clients.
                page[shape.info][shape.cursor] = json!(format!("cursor_{end}"));
                page[shape.info][shape.has_next] = json!(more);
                MockReply::json(200, &page)
            }));
        });
        Ok(())
    }

    /// The requests this operation received, typed.
    #[must_use]
    pub fn requests(&self) -> Vec<MockRequest<P>> {
        lock(&self.server.state)
            .received
            .iter()
            .filter(|r| r.operation == self.operation)
            .map(MockRequest::from)
            .collect()
    }
}

/// A request an operation received.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct MockRequest<P> {
    /// Path parameters, in template order.
    pub path_params: Vec<String>,
    /// Query pairs.
    pub query: Vec<(String, String)>,
    /// Headers (lower-case names).
    pub headers: Vec<(String, String)>,
    /// The parameters, decoded into the operation's params type (`None` if they do not fit).
    pub params: Option<P>,
}

impl<P: DeserializeOwned> From<&Received> for MockRequest<P> {
    fn from(r: &Received) -> Self {
        MockRequest {
            path_params: r.path_params.clone(),
            query: r.query.clone(),
            headers: r.headers.clone(),
            params: serde_json::from_value(r.params.clone()).ok(),
        }
    }
}
