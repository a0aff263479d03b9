// A `$ref` cycle with no object in it has no Rust type, boxed or not.
whop_api::whop_api!("../specs/ref_cycle.yml");

fn main() {}
