// `strict = true`: every deviation a publisher might ship is a located error again.
whop_api::whop_api!("../specs/deviations.yml", strict = true);

fn main() {}
