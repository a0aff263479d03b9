// A misspelled spec file name suggests the file that is there.
whop_api::whop_api!("../../../spec/whop-smaple.yml");

fn main() {}
