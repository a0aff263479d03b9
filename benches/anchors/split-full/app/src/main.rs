//! The application, using the client crate.
fn main() {
    let client = anchor_split_full_client::Client::builder().api_key("sk_test").build();
    println!("client built: {}", client.is_ok());
}

#[cfg(test)]
mod tests {
    #[test]
    fn builds_a_client() {
        assert!(anchor_split_full_client::Client::builder().api_key("sk_test").build().is_ok());
    }
}
