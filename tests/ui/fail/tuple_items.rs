// Tuple validation (`items` as a list) is named as unsupported.
whop_api::whop_api!("../specs/tuple_items.yml");

fn main() {}
