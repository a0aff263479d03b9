//! Build-time case (b), the baseline: the seed's types and call written by hand with serde
//! and reqwest, as a developer would without the macro.

use serde::{Deserialize, Serialize};

/// Affiliate status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Active.
    Active,
    /// Archived.
    Archived,
    /// Deleted.
    Deleted,
    /// Anything else.
    #[serde(other)]
    Unknown,
}

/// The user of an affiliate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AffiliateUser {
    /// Id.
    pub id: String,
    /// Name.
    pub name: Option<String>,
    /// Username.
    pub username: Option<String>,
}

/// The company of an affiliate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AffiliateCompany {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
}

/// An affiliate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Affiliate {
    /// Id.
    pub id: String,
    /// Status.
    pub status: Option<Status>,
    /// Created.
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// Updated.
    pub updated_at: chrono::DateTime<chrono::Utc>,
    /// Referrals.
    pub total_referrals_count: i64,
    /// Earnings.
    pub total_referral_earnings_usd: String,
    /// Overrides.
    pub total_overrides_count: i64,
    /// Retention.
    pub customer_retention_rate: String,
    /// Retention, 90 days.
    pub customer_retention_rate_ninety_days: String,
    /// MRR.
    pub monthly_recurring_revenue_usd: String,
    /// Revenue.
    pub total_revenue_usd: String,
    /// Active members.
    pub active_members_count: i64,
    /// User.
    pub user: AffiliateUser,
    /// Company.
    pub company: AffiliateCompany,
}

/// The create body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreateAffiliateParams {
    /// Company.
    pub company_id: String,
    /// User.
    pub user_identifier: String,
}

/// Errors of the hand-written call.
#[derive(Debug)]
pub enum Error {
    /// Transport.
    Http(reqwest::Error),
    /// Non-2xx.
    Status(u16, String),
    /// Bad body.
    Decode(serde_json::Error),
}

/// The call.
pub async fn create(http: &reqwest::Client, base: &str, key: &str) -> Result<Affiliate, Error> {
    let params = CreateAffiliateParams { company_id: "biz_1".into(), user_identifier: "user_1".into() };
    let body = serde_json::to_vec(&params).map_err(Error::Decode)?;
    let response = http
        .post(format!("{base}/affiliates"))
        .header("authorization", format!("Bearer {key}"))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .map_err(Error::Http)?;
    let status = response.status();
    let bytes = response.bytes().await.map_err(Error::Http)?;
    if !status.is_success() {
        return Err(Error::Status(status.as_u16(), String::from_utf8_lossy(&bytes).into_owned()));
    }
    serde_json::from_slice(&bytes).map_err(Error::Decode)
}
