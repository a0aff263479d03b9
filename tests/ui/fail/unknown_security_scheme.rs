// A security requirement naming a scheme that does not exist.
whop_api::whop_api!("../specs/unknown_security_scheme.yml");

fn main() {}
