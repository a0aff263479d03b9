// A duplicate mapping key is an error naming both lines, not last-one-wins.
whop_api::whop_api!("../specs/duplicate_key.yml");

fn main() {}
