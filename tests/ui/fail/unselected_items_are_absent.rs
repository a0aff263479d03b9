// Operations and types outside the selection are not generated.
mod whop {
    whop_api::whop_api!("../../../spec/whop-sample.yml", tags = ["Plans"]);
}

fn main() {
    let client = whop::Client::builder().api_key("k").base_url("http://127.0.0.1:9").build().expect("config");
    let _ = client.affiliates();
    let _: Option<whop::Affiliate> = None;
}
