// `api_version` is the date the spec describes, as Whop's `Api-Version-Date` header spells it.
whop_api::whop_api!("../../../spec/affiliates.yml", api_version = "v2");

fn main() {}
