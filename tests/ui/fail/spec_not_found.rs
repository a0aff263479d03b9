// A spec path that exists nowhere names every path tried.
whop_api::whop_api!("no/such/spec.yml");

fn main() {}
