//! A page's `end_cursor` in every shape the spec may give it (required, optional, nullable,
//! optional and nullable) works in every mode: the client of each mode compiles and its
//! `_stream` methods walk all pages served by the mock.

mod plain {
    whop_api::whop_api!("tests/specs/cursors.yml");
}

mod full {
    whop_api::whop_api!("tests/specs/cursors.yml", full_serde = true);
}

mod mocked {
    whop_api::whop_api!("tests/specs/cursors.yml", mock = true);
}

/// 25 items served 10 to a page by each list of the mock; returns the mock.
async fn serving_25_items() -> mocked::mock::MockServer {
    let mock = mocked::mock::MockServer::start().await.expect("mock starts");
    let items: Vec<mocked::Item> = (0..25).map(|i| mocked::Item { id: format!("item_{i:02}") }).collect();
    mock.required().list().paginate(&items, 10).expect("required");
    mock.optional().list().paginate(&items, 10).expect("optional");
    mock.nullable().list().paginate(&items, 10).expect("nullable");
    mock.optional_nullable().list().paginate(&items, 10).expect("optional nullable");
    mock
}

/// Drains a stream of items into their ids.
macro_rules! ids {
    ($stream:expr) => {{
        let mut stream = $stream;
        let mut ids = Vec::new();
        while let Some(item) = stream.next().await {
            ids.push(item.expect("every page decodes").id);
        }
        ids
    }};
}

fn expected() -> Vec<String> {
    (0..25).map(|i| format!("item_{i:02}")).collect()
}

#[tokio::test]
async fn the_mock_client_follows_every_cursor_shape() {
    let mock = serving_25_items().await;
    let c = mock.client();
    assert_eq!(ids!(c.required().list_stream(&mocked::ListRequiredParams::new())), expected());
    assert_eq!(ids!(c.optional().list_stream(&mocked::ListOptionalParams::new())), expected());
    assert_eq!(ids!(c.nullable().list_stream(&mocked::ListNullableParams::new())), expected());
    let params = mocked::ListOptionalNullableParams::new();
    assert_eq!(ids!(c.optional_nullable().list_stream(&params)), expected());
    assert_eq!(mock.optional_nullable().list().requests().len(), 3, "three pages of 10");
}

#[test]
fn page_types_have_examples_to_stub_with() {
    use whop_api::mock::Example;
    let page = mocked::ListNullablePage::example();
    assert!(page.data.is_empty() && !page.page_info.has_next_page, "the operation's default answer");
    let stub = mocked::ListNullablePage { data: vec![mocked::Item { id: "item_1".into() }], ..page };
    assert_eq!(stub.data.len(), 1);
}

#[tokio::test]
async fn the_plain_and_full_serde_clients_follow_every_cursor_shape() {
    let mock = serving_25_items().await;
    let url = mock.url().to_owned();
    let p = plain::Client::builder().api_key("sk_mock").base_url(url.as_str()).build().expect("plain client");
    assert_eq!(ids!(p.required().list_stream(&plain::ListRequiredParams::new())), expected());
    assert_eq!(ids!(p.optional().list_stream(&plain::ListOptionalParams::new())), expected());
    assert_eq!(ids!(p.nullable().list_stream(&plain::ListNullableParams::new())), expected());
    assert_eq!(
        ids!(p.optional_nullable().list_stream(&plain::ListOptionalNullableParams::new())),
        expected()
    );
    let f = full::Client::builder().api_key("sk_mock").base_url(url.as_str()).build().expect("full client");
    assert_eq!(ids!(f.required().list_stream(&full::ListRequiredParams::new())), expected());
    assert_eq!(ids!(f.optional().list_stream(&full::ListOptionalParams::new())), expected());
    assert_eq!(ids!(f.nullable().list_stream(&full::ListNullableParams::new())), expected());
    assert_eq!(ids!(f.optional_nullable().list_stream(&full::ListOptionalNullableParams::new())), expected());
}
