//! The seed spec's expansion compiles under `deny(warnings)` and `missing_docs`, and every
//! generated item can be used as documented.
#![deny(warnings, missing_docs)]

/// The generated client.
pub mod whop {
    whop_api::whop_api!("../../../spec/affiliates.yml");
}

use whop::resources::AffiliatesResource;
use whop::{Affiliate, AffiliateCompany, AffiliateUser, Client, CreateAffiliateParams, Status};

fn takes_call(call: whop_api::Call<Affiliate>) -> whop_api::Call<Affiliate> {
    call.with_options(whop_api::RequestOptions::new().max_retries(0))
}

fn main() {
    let params = CreateAffiliateParams::new("biz_1", String::from("user_1"));
    let _: &str = &params.company_id;
    let _: &str = &params.user_identifier;

    let client: Client = Client::builder()
        .api_key("sk_test")
        .base_url("http://127.0.0.1:9")
        .build()
        .expect("valid config");
    let resource: AffiliatesResource<'_> = client.affiliates();
    let _call = takes_call(resource.create(&params));
    let _: &str = Client::DEFAULT_BASE_URL;
    let _: &whop_api::Client = client.runtime();
    let _: Result<Client, whop_api::Error> = Client::from_env();

    let user = AffiliateUser { id: "user_1".into(), name: None, username: Some("jane".into()) };
    let company = AffiliateCompany { id: "biz_1".into(), title: "Biz".into() };
    let now = whop_api::chrono::Utc::now();
    let affiliate = Affiliate {
        id: "aff_1".into(),
        status: Some(Status::Active),
        created_at: now,
        updated_at: now,
        total_referrals_count: 1,
        total_referral_earnings_usd: "0".into(),
        total_overrides_count: 0,
        customer_retention_rate: "0".into(),
        customer_retention_rate_ninety_days: "0".into(),
        monthly_recurring_revenue_usd: "0".into(),
        total_revenue_usd: "0".into(),
        active_members_count: 0,
        user,
        company,
    };
    let copy = affiliate.clone();
    assert_eq!(format!("{copy:?}"), format!("{affiliate:?}"));
    for status in [Status::Active, Status::Archived, Status::Deleted, Status::Unknown("x".into())] {
        let _: &str = status.as_str();
        let _ = status.to_string();
    }
}
