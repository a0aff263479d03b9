#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

// Lets the generated code's `::whop_api::...` paths resolve inside this crate too (for the
// example module below).
extern crate self as whop_api;

pub use whop_api_macros::whop_api;
pub use whop_api_runtime::*;

/// What `whop_api!("spec/affiliates.yml")` generates: the seed spec's client, expanded here
/// so its types and methods can be browsed in the documentation. Built only for docs.
#[cfg(doc)]
pub mod example {
    crate::whop_api!("spec/affiliates.yml");
}

/// What `whop_api!("spec/whop-webhooks-sample.yml", webhooks_only = true)` generates: the
/// typed webhook events of a receiver (six events of Whop's), for browsing. Built only for docs.
#[cfg(doc)]
pub mod webhook_example {
    crate::whop_api!("spec/whop-webhooks-sample.yml", webhooks_only = true);
}
