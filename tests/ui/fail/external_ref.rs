// A `$ref` into another file is not followed.
whop_api::whop_api!("../specs/external_ref.yml");

fn main() {}
