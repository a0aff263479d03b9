//! The application's function, tested against the client crate's generated mock: the mock's
//! client is the same `whop_client::Client` type the application takes.

use whop_client::mock::MockServer;
use whop_client::AffiliateListResponse;

#[tokio::test]
async fn every_affiliate_of_every_page() {
    let mock = MockServer::start().await.expect("mock server");
    let template = mock.client().affiliates().retrieve("aff_0").await.expect("default affiliate");
    let items: Vec<AffiliateListResponse> = (0..250)
        .map(|i| {
            let mut value = serde_json::to_value(&template).expect("encodes");
            value["id"] = serde_json::json!(format!("aff_{i:03}"));
            serde_json::from_value(value).expect("same shape")
        })
        .collect();
    mock.affiliates().list().paginate(&items, 100).expect("a list operation");

    let ids = whop_app::affiliate_ids(&mock.client(), "biz_1").await.expect("every page");

    assert_eq!(ids.len(), 250);
    assert_eq!((ids[0].as_str(), ids[249].as_str()), ("aff_000", "aff_249"));
    assert_eq!(mock.affiliates().list().requests().len(), 3, "three pages of 100");
}
