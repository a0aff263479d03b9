//! The application, using the client crate.
fn main() {
    let client = anchor_split_client::Client::builder().api_key("sk_test").build();
    println!("client built: {}", client.is_ok());
}
