// `lean_serde = true`: serde impls follow use. A response type decodes but does not encode, a
// request's parameters encode but do not decode (by default every type has both; see the
// pass case `serde_both_ways`).
mod whop {
    whop_api::whop_api!("../../../spec/affiliates.yml", lean_serde = true);
}

fn main() {
    let affiliate: whop::Affiliate = serde_json::from_str("{}").unwrap_or_else(|_| unreachable!());
    let _ = serde_json::to_string(&affiliate);
    let params = whop::CreateAffiliateParams::new("biz_1", "user_1");
    let text = serde_json::to_string(&params).unwrap_or_default();
    let _: Result<whop::CreateAffiliateParams, _> = serde_json::from_str(&text);
}
