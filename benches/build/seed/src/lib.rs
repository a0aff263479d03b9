//! Build-time case (a): the macro on the seed spec.
pub mod whop {
    whop_api::whop_api!("../../../spec/affiliates.yml");
}

/// The call a user makes.
pub async fn create(client: &whop::Client) -> Result<whop::Affiliate, whop_api::Error> {
    client.affiliates().create(&whop::CreateAffiliateParams::new("biz_1", "user_1")).await
}
