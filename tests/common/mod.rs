//! Fixtures shared by the HTTP test files.

use serde_json::{json, Value};

/// A complete `Affiliate` body as the API sends it.
pub fn affiliate_json() -> Value {
    json!({
        "id": "aff_1",
        "status": "active",
        "created_at": "2023-12-01T05:00:00.401Z",
        "updated_at": "2023-12-02T05:00:00Z",
        "total_referrals_count": 42,
        "total_referral_earnings_usd": "$10.00",
        "total_overrides_count": 1,
        "customer_retention_rate": "90%",
        "customer_retention_rate_ninety_days": "80%",
        "monthly_recurring_revenue_usd": "$5.00",
        "total_revenue_usd": "$50.00",
        "active_members_count": 7,
        "user": {"id": "user_1", "name": null, "username": "jane"},
        "company": {"id": "biz_123", "title": "Biz"}
    })
}
pub mod fault_server;
