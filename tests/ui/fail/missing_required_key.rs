// A parameter without its required `name` key.
whop_api::whop_api!("../specs/missing_required_key.yml");

fn main() {}
