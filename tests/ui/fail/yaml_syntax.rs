// A YAML syntax error names the file, line and column.
whop_api::whop_api!("../specs/bad_syntax.yml");

fn main() {}
