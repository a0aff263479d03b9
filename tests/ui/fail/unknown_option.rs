// Options are checked, with a suggestion for a near miss.
whop_api::whop_api!("../../../spec/affiliates.yml", tag = ["Affiliates"]);

fn main() {}
