//! The Whop API client for this workspace. Other crates depend on it and never invoke the
//! macro themselves, so an edit of theirs rebuilds in under a second. Their tests turn on the
//! `mock` feature and get `whop_client::mock::MockServer`, whose client *is* this crate's
//! `Client`: it can be passed to the application's functions as it is.

#[cfg(not(feature = "mock"))]
whop_api::whop_api!("../../../spec/whop-sample.yml");

#[cfg(feature = "mock")]
whop_api::whop_api!("../../../spec/whop-sample.yml", mock = true);

/// The runtime's error type, so the application needs no dependency of its own on `whop-api`.
pub use whop_api::Error;
