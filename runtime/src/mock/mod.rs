//! An in-process mock of an API, generated with the client (`whop_api!(.., mock = true)`)
//! and served on 127.0.0.1: every operation answers out of the box, checks the bearer
//! header and the parameters against the generated types, and can be overridden per
//! operation. Generated code supplies the routes; this module is the server.
//!
//! | concern | module |
//! |---|---|
//! | the route table generated code supplies | `routes` |
//! | the server, its state, HTTP/1.1 on the wire | `server` |
//! | the future a generated mock starts with | `starting` |
//! | a request to its answer | `answer` |
//! | bodies of every media type, read and written | `body` |
//! | canned replies | `reply` |
//! | an operation's handle, typed requests, stubs | `operation` |
//! | the stateful mock's objects | `store` |
//! | typed access to them for tests | `typed_store` |
//! | webhook deliveries the mock signs and sends | `deliveries` |

mod answer;
mod body;
#[cfg(feature = "webhooks")]
mod deliveries;
mod operation;
mod reply;
mod routes;
mod server;
mod starting;
mod store;
mod typed_store;

#[cfg(feature = "webhooks")]
pub use deliveries::MockDelivery;
pub use operation::{Example, MockOperation, MockRequest, Received};
pub use reply::MockReply;
pub use server::MockServer;
pub use starting::Starting;
pub use typed_store::MockStore;

/// What only generated code names: the route table and its checks (`whop_api::__private::mock`).
pub(crate) mod plumbing {
    pub use super::body::Media;
    pub use super::operation::example;
    pub use super::routes::{accept, check, BodyShape, Kind, Misfit, PageShape, Route};
    pub use super::store::{CollectionSpec, LifecycleSpec, StoreRole, StoreRoute};
}
