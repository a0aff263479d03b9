//! The Whop API client for this workspace. Other crates depend on it and never invoke the
//! macro themselves, so an edit of theirs rebuilds in under a second. Their tests turn on the
//! `mock` feature and get `whop_client::mock::MockServer`, whose client *is* this crate's
//! `Client`: it can be passed to the application's functions as it is.

// `mock = "mock"`: the mock module exists when this crate is built with its `mock` feature.
whop_api::whop_api!("../../../spec/whop-sample.yml", mock = "mock");

/// The runtime's error type, the one most application code names.
pub use whop_api::Error;
/// The whole runtime (`RequestOptions`, `Webhooks`, `ApiErrorKind`, `header`, the mock's
/// `MockReply` and `Example` ...), so the application needs no dependency of its own on
/// `whop-api`.
pub use whop_api;
