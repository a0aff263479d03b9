// YAML aliases are refused with advice.
whop_api::whop_api!("../specs/yaml_alias.yml");

fn main() {}
