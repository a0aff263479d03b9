//! The generated clients: the three API groups the app calls (of today's 223-operation spec)
//! and the webhook events it receives. `tags` keeps the rest of the API out of the build.

whop_api::whop_api!(
    "../../spec/whop-full.yml",
    tags = ["Users", "Memberships", "Checkout configurations"],
    mock = "mock",
    api_version = "2026-07-20",
);

/// The typed webhook events (a receiver needs no API calls for them).
pub mod events {
    whop_api::whop_api!("../../spec/whop-webhooks-sample.yml", webhooks_only = true);
}
