// A response key that is not a status code.
whop_api::whop_api!("../specs/bad_status_key.yml");

fn main() {}
