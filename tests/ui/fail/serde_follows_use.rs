// Serde impls follow use: a response type decodes but does not encode, a request's
// parameters encode but do not decode (`full_serde = true` gives both; see the pass case).
mod whop {
    whop_api::whop_api!("../../../spec/affiliates.yml");
}

fn main() {
    let affiliate: whop::Affiliate = serde_json::from_str("{}").unwrap_or_else(|_| unreachable!());
    let _ = serde_json::to_string(&affiliate);
    let params = whop::CreateAffiliateParams::new("biz_1", "user_1");
    let text = serde_json::to_string(&params).unwrap_or_default();
    let _: Result<whop::CreateAffiliateParams, _> = serde_json::from_str(&text);
}
