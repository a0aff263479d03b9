//! The synthetic spec through `whop_api!`, in the application crate itself.
mod whop {
    whop_api::whop_api!("../../../target/anchors/synthetic.yml");
}

fn main() {
    let client = whop::Client::builder().api_key("sk_test").build();
    println!("client built: {}", client.is_ok());
}
