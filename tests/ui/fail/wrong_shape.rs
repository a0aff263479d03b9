// A value of the wrong kind names the file, line, column and JSON pointer.
whop_api::whop_api!("../specs/wrong_shape.yml");

fn main() {}
