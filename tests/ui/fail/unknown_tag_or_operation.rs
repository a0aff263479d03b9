// A misspelled tag or operationId points at that literal and suggests the closest name.
mod whop {
    whop_api::whop_api!("../../../spec/whop-sample.yml", tags = ["Affiliate", "Plans"], operations = ["retreiveMembership"]);
}

fn main() {}
