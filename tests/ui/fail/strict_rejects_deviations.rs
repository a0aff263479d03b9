// A path template names a parameter the operation does not declare.
whop_api::whop_api!("../specs/undeclared_path_param.yml");

fn main() {}
