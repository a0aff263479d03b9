//! Hello world on the official pre-generated SDK.
use whop_sdk::prelude::*;

fn main() {
    let client = Whop::new(ClientConfig { ..Default::default() });
    println!("client built: {}", client.is_ok());
}
