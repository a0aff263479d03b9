// `full_serde = true`: every generated type both encodes and decodes.
#![deny(warnings)]

mod whop {
    whop_api::whop_api!("../../../spec/affiliates.yml", full_serde = true);
}

fn main() {
    let params = whop::CreateAffiliateParams::new("biz_1", "user_1");
    let text = serde_json::to_string(&params).unwrap_or_default();
    let back: Result<whop::CreateAffiliateParams, _> = serde_json::from_str(&text);
    assert_eq!(back.ok(), Some(params));
    let affiliate: Result<whop::Affiliate, _> = serde_json::from_str("{}");
    let _ = affiliate.map(|a| serde_json::to_string(&a));
}
