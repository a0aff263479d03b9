// Three independent problems give three errors in one build.
whop_api::whop_api!("../specs/three_errors.yml");

fn main() {}
