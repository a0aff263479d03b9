//! Walk every affiliate of a company, page after page, with the auto-paging stream.
//!
//! ```text
//! cargo run --example pagination                                   # offline: 3 pages from an embedded mock
//! WHOP_API_KEY=... cargo run --example pagination -- biz_XXXX      # the real API
//! ```

use serde_json::{json, Value};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod whop {
    whop_api::whop_api!("spec/whop-sample.yml", tags = ["Affiliates"]);
}

#[tokio::main]
async fn main() -> Result<(), whop_api::Error> {
    let company = std::env::args().nth(1).unwrap_or_else(|| "biz_xxxxxxxxxxxxxx".to_owned());
    let (client, _mock) = if std::env::var_os(whop_api::API_KEY_ENV).is_some() {
        (whop::Client::from_env()?, None)
    } else {
        let mock = mock_three_pages().await;
        println!("WHOP_API_KEY is not set: paging through an embedded mock at {}", mock.uri());
        (whop::Client::builder().api_key("sk_mock").base_url(mock.uri()).build()?, Some(mock))
    };

    // One page:
    let first = client.affiliates().list(&whop::ListAffiliateParams::new(company.as_str()).first(2)).await?;
    println!("first page: {} affiliates, more: {}", first.data.len(), first.page_info.has_next_page);

    // Every item, following `after = page_info.end_cursor` until there is no next page:
    let mut affiliates = client.affiliates().list_stream(&whop::ListAffiliateParams::new(company).first(2));
    let mut count = 0;
    while let Some(affiliate) = affiliates.next().await {
        let affiliate = affiliate?;
        count += 1;
        println!("{count:>3}. {} ({:?}) user {:?}", affiliate.id, affiliate.status, affiliate.user.username);
    }
    println!("{count} affiliates in all");
    Ok(())
}

fn affiliate(n: usize) -> Value {
    json!({
        "id": format!("aff_{n:014}"), "status": "active",
        "created_at": "2023-12-01T05:00:00.401Z", "updated_at": "2023-12-01T05:00:00.401Z",
        "total_referrals_count": n, "total_referral_earnings_usd": "$0.00", "total_overrides_count": 0,
        "customer_retention_rate": "0%", "customer_retention_rate_ninety_days": "0%",
        "monthly_recurring_revenue_usd": "$0.00", "total_revenue_usd": "$0.00", "active_members_count": 0,
        "user": {"id": format!("user_{n}"), "name": null, "username": format!("user{n}")},
        "company": {"id": "biz_xxxxxxxxxxxxxx", "title": "Mock company"}
    })
}

async fn mock_three_pages() -> MockServer {
    let server = MockServer::start().await;
    let pages =
        [(None, vec![1, 2], Some("c1")), (Some("c1"), vec![3, 4], Some("c2")), (Some("c2"), vec![5], None)];
    for (after, items, next) in pages {
        let body = json!({
            "data": items.into_iter().map(affiliate).collect::<Vec<_>>(),
            "page_info": {"end_cursor": next, "start_cursor": null, "has_next_page": next.is_some(), "has_previous_page": after.is_some()}
        });
        let mock = Mock::given(method("GET")).and(path("/affiliates"));
        let mock = match after {
            Some(cursor) => mock.and(query_param("after", cursor)),
            None => mock.and(query_param_is_missing("after")),
        };
        mock.respond_with(ResponseTemplate::new(200).set_body_json(body)).mount(&server).await;
    }
    server
}
