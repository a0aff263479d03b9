// Two schemas whose Rust names collide.
whop_api::whop_api!("../specs/schema_name_collision.yml");

fn main() {}
