//! The synthetic spec (OpenAPI 3.0 form) through progenitor's `generate_api!`.
progenitor::generate_api!("../../../target/anchors/synthetic-3.0.yml");

fn main() {
    let client = Client::new("http://127.0.0.1:1");
    println!("client for {}", client.baseurl());
}
