// A webhook without a payload, one without an operation, and one that is not a path item:
// each is its own located error, since such an event would have no type.
whop_api::whop_api!("../specs/bad_webhook.yml");

fn main() {}
