//! `tags` and `operations` keep the selected operations and only the types they reach.
#![deny(warnings)]

mod whop {
    whop_api::whop_api!("../../../spec/whop-sample.yml", tags = ["Plans"], operations = ["retrieveMembership"]);
}

fn main() {
    let client = whop::Client::builder().api_key("k").base_url("http://127.0.0.1:9").build().expect("config");
    let _ = client.plans().retrieve("plan_1");
    let _ = client.memberships().retrieve("mem_1");
}
