// `tags` takes a list: a single string says so, naming the option.
whop_api::whop_api!("../../../spec/affiliates.yml", tags = "Affiliates");

fn main() {}
