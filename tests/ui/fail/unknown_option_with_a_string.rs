// An unknown option is named before its value is read (not "expected square brackets").
whop_api::whop_api!("../../../spec/affiliates.yml", tag = "Affiliates");

fn main() {}
