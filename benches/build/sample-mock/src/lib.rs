//! Build-time case (e): the whole sample with the generated mock server (`mock = true`).
pub mod whop {
    whop_api::whop_api!("../../../spec/whop-sample.yml", mock = true);
}

/// The call a user makes.
pub async fn create(client: &whop::Client) -> Result<whop::Affiliate, whop_api::Error> {
    client.affiliates().create(&whop::CreateAffiliateParams::new("biz_1", "user_1")).await
}
