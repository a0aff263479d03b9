// A misspelled type name, with a suggestion.
whop_api::whop_api!("../specs/unknown_type.yml");

fn main() {}
