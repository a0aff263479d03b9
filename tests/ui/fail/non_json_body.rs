// A request body that is not JSON.
whop_api::whop_api!("../specs/non_json_body.yml");

fn main() {}
