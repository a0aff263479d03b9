// A Swagger 2 document is refused with the reason.
whop_api::whop_api!("../specs/not_openapi_3.yml");

fn main() {}
