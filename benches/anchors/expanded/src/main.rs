//! An expansion of `whop_api!`, included as source.
mod whop {
    include!("../../../../target/anchors/expanded.rs");
}

fn main() {
    let client = whop::Client::builder().api_key("sk_test").build();
    println!("client built: {}", client.is_ok());
}
