// Two operations with one operationId.
whop_api::whop_api!("../specs/duplicate_operation_id.yml");

fn main() {}
