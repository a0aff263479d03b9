//! An expansion of `whop_api!`, included as source.

// Most of an API goes unused in this binary. Through the macro rustc reports none of that
// (the items come from a macro call), so as source the report is silenced too: writing out
// thousands of warnings on every build would be time the real crate does not spend.
#[allow(dead_code)]
mod whop {
    include!("../../../../target/anchors/expanded.rs");
}

fn main() {
    let client = whop::Client::builder().api_key("sk_test").build();
    println!("client built: {}", client.is_ok());
}
