// A `$ref` to nothing names its JSON pointer.
whop_api::whop_api!("../specs/dangling_ref.yml");

fn main() {}
