//! The application's function, tested against the client crate's generated mock: the mock's
//! client is the same `whop_client::Client` type the application takes.

use whop_client::mock::MockServer;
// Runtime and mock items through the client crate: the app has no `whop-api` dependency.
use whop_client::whop_api::mock::{Example, MockReply};
use whop_client::whop_api::{ApiErrorKind, RequestOptions};
use whop_client::AffiliateListResponse;

#[tokio::test]
async fn every_affiliate_of_every_page() {
    let mock = MockServer::start().await.expect("mock server");
    let items: Vec<AffiliateListResponse> = (0..250)
        .map(|i| AffiliateListResponse { id: format!("aff_{i:03}"), ..AffiliateListResponse::example() })
        .collect();
    mock.affiliates().list().paginate(&items, 100).expect("a list operation");

    let ids = whop_app::affiliate_ids(&mock.client(), "biz_1").await.expect("every page");

    assert_eq!(ids.len(), 250);
    assert_eq!((ids[0].as_str(), ids[249].as_str()), ("aff_000", "aff_249"));
    assert_eq!(mock.affiliates().list().requests().len(), 3, "three pages of 100");
}

#[tokio::test]
async fn runtime_items_reach_the_app_through_the_client_crate() {
    let mock = MockServer::start().await.expect("mock server");
    mock.affiliates().retrieve().replies([MockReply::status(404)]);
    let options = RequestOptions::new().max_retries(0);
    let error = mock.client().affiliates().retrieve("aff_1").with_options(options).await.expect_err("a 404");
    assert_eq!(error.as_api().map(|api| api.kind), Some(ApiErrorKind::NotFound));
    assert!(error.to_string().contains("from retrieveAffiliate"), "{error}");
}
