// Cookie parameters and deepObject query style are named as unsupported.
whop_api::whop_api!("../specs/cookie_param.yml");

fn main() {}
