// A misspelled schema keyword is reported, not silently ignored.
whop_api::whop_api!("../specs/unknown_keyword.yml");

fn main() {}
