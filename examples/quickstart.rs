//! Create an affiliate with the client generated from `spec/affiliates.yml`.
//!
//! ```text
//! cargo run --example quickstart                      # offline: an embedded mock on 127.0.0.1
//! WHOP_API_KEY=... cargo run --example quickstart -- biz_XXXX some_username   # the real API
//! ```
//!
//! With `WHOP_API_KEY` set, the call goes to the API (or to `WHOP_BASE_URL` when that is set).

use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

mod whop {
    whop_api::whop_api!("spec/affiliates.yml");
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let company_id = args.next().unwrap_or_else(|| "biz_xxxxxxxxxxxxxx".to_owned());
    let user = args.next().unwrap_or_else(|| "janesmith".to_owned());

    // Keep the mock alive for the whole run when there is no key.
    let (client, _mock) = if std::env::var_os(whop_api::API_KEY_ENV).is_some() {
        println!("calling the Whop API (WHOP_API_KEY is set)");
        (whop::Client::from_env()?, None)
    } else {
        let mock = start_mock().await;
        println!("WHOP_API_KEY is not set: using the embedded mock at {}", mock.uri());
        let client = whop::Client::builder().api_key("sk_mock").base_url(mock.uri()).build()?;
        (client, Some(mock))
    };

    let params = whop::CreateAffiliateParams::new(company_id, user);
    match client.affiliates().create(&params).await {
        Ok(affiliate) => {
            println!(
                "created affiliate {} ({:?}) for user {:?} in company {}",
                affiliate.id, affiliate.status, affiliate.user.username, affiliate.company.title
            );
            println!("{affiliate:#?}");
            Ok(())
        }
        Err(error) => {
            eprintln!("the call failed: {error}");
            Err(error.into())
        }
    }
}

/// A stand-in for `POST /affiliates` on 127.0.0.1 that answers like the API does.
async fn start_mock() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST")).and(path("/affiliates")).respond_with(CreateAffiliate).mount(&server).await;
    server
}

struct CreateAffiliate;

impl Respond for CreateAffiliate {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let authorized = request
            .headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("Bearer "));
        if !authorized {
            return ResponseTemplate::new(401).set_body_json(
                json!({"error": {"type": "unauthorized", "message": "Invalid or missing API key"}}),
            );
        }
        let body: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
        let (Some(company_id), Some(user)) = (body["company_id"].as_str(), body["user_identifier"].as_str())
        else {
            return ResponseTemplate::new(400).set_body_json(json!({"error": {"type": "invalid_request_error", "code": "parameter_missing", "message": "Missing required parameter.", "param": null}}));
        };
        ResponseTemplate::new(200).set_body_json(json!({
            "id": "aff_mock0000000001",
            "status": "active",
            "created_at": "2023-12-01T05:00:00.401Z",
            "updated_at": "2023-12-01T05:00:00.401Z",
            "total_referrals_count": 0,
            "total_referral_earnings_usd": "$0.00",
            "total_overrides_count": 0,
            "customer_retention_rate": "0%",
            "customer_retention_rate_ninety_days": "0%",
            "monthly_recurring_revenue_usd": "$0.00",
            "total_revenue_usd": "$0.00",
            "active_members_count": 0,
            "user": {"id": "user_mock000000001", "name": null, "username": user},
            "company": {"id": company_id, "title": "Mock company"}
        }))
    }
}
