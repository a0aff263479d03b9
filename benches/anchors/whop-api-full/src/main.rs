//! The whole Whop API of `spec/whop-full.yml` (223 operations) through `whop_api!`, in the
//! application crate itself: the single-crate layout at today's size.
mod whop {
    whop_api::whop_api!("../../../spec/whop-full.yml");
}

fn main() {
    let client = whop::Client::builder().api_key("sk_test").build();
    println!("client built: {}", client.is_ok());
}
