//! The 28-operation sample of the Whop API expands and compiles warning-free.
#![deny(warnings, missing_docs)]

/// The generated client.
pub mod whop {
    whop_api::whop_api!("../../../spec/whop-sample.yml");
}

fn main() {
    let client = whop::Client::builder().api_key("k").base_url("http://127.0.0.1:9").build().expect("config");
    let _ = client.affiliates().retrieve("aff_1");
}
