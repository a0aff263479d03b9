// An unsupported keyword is named, never silently dropped.
whop_api::whop_api!("../specs/unsupported.yml");

fn main() {}
