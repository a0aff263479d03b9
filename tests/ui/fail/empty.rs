// An empty file.
whop_api::whop_api!("../specs/empty.yml");

fn main() {}
