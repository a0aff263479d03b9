//! What a developer would write by hand for the seed's `Affiliate`: every field, derived,
//! dates parsed, as the generated type does. The baseline of `call` and `load`.

use serde::Deserialize;

#[derive(Deserialize)]
#[allow(dead_code)]
pub struct HandAffiliate {
    id: String,
    status: Option<String>,
    created_at: chrono::DateTime<chrono::Utc>,
    updated_at: chrono::DateTime<chrono::Utc>,
    total_referrals_count: i64,
    total_referral_earnings_usd: String,
    total_overrides_count: i64,
    customer_retention_rate: String,
    customer_retention_rate_ninety_days: String,
    monthly_recurring_revenue_usd: String,
    total_revenue_usd: String,
    active_members_count: i64,
    user: HandUser,
    company: HandCompany,
}

#[derive(Deserialize)]
#[allow(dead_code)]
pub struct HandUser {
    id: String,
    name: Option<String>,
    username: Option<String>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
pub struct HandCompany {
    id: String,
    title: String,
}
