//! The seed spec's client against a real HTTP server on 127.0.0.1 (wiremock): the request it
//! sends, the values it decodes, and a typed error for every documented error status.

use common::affiliate_json;
use serde_json::{json, Value};
use whop_api::{ApiErrorKind, Error};
use whop_api_codegen::yaml::{self, Node};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod common;

mod whop {
    whop_api::whop_api!("spec/affiliates.yml");
}

const KEY: &str = "sk_test_SENTINEL_4f1c";

fn client(server: &MockServer) -> whop::Client {
    whop::Client::builder()
        .api_key(KEY)
        .base_url(server.uri())
        .max_retries(0)
        .build()
        .expect("valid configuration")
}

fn params() -> whop::CreateAffiliateParams {
    whop::CreateAffiliateParams::new("biz_123", "user_identifier_1")
}

/// The createAffiliate operation object, read from the spec with the codegen's YAML loader.
fn spec_operation() -> Node {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/spec/affiliates.yml")).expect("spec");
    let root = yaml::parse(&text).expect("spec parses");
    root.pointer("/paths/~1affiliates/post").cloned().expect("POST /affiliates in the spec")
}

fn to_json(node: &Node) -> Value {
    match &node.value {
        yaml::Value::Null => Value::Null,
        yaml::Value::Bool(b) => json!(b),
        yaml::Value::Int(i) => json!(i),
        yaml::Value::Float(f) => json!(f),
        yaml::Value::Str(s) => json!(s),
        yaml::Value::Seq(items) => Value::Array(items.iter().map(to_json).collect()),
        yaml::Value::Map(entries) => {
            Value::Object(entries.iter().map(|(k, v)| (k.text.clone(), to_json(v))).collect())
        }
    }
}

#[tokio::test]
async fn create_sends_what_the_spec_says_and_decodes_the_affiliate() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/affiliates"))
        .and(header("authorization", format!("Bearer {KEY}").as_str()))
        .and(header("content-type", "application/json"))
        .and(body_json(json!({"company_id": "biz_123", "user_identifier": "user_identifier_1"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(affiliate_json()))
        .expect(1)
        .mount(&server)
        .await;

    let affiliate = client(&server).affiliates().create(&params()).await.expect("created");

    let expected: whop::Affiliate = serde_json::from_value(affiliate_json()).expect("fixture decodes");
    assert_eq!(affiliate, expected);
    assert_eq!(affiliate.status, Some(whop::Status::Active));
    assert_eq!(affiliate.user.name, None);
    assert_eq!(affiliate.created_at.timestamp_millis(), 1_701_406_800_401);
    assert_eq!(affiliate.user.username.as_deref(), Some("jane"));
}

#[tokio::test]
async fn every_documented_error_status_becomes_a_typed_error() {
    let operation = spec_operation();
    let yaml::Value::Map(responses) = &operation.get("responses").expect("responses").value else {
        panic!("responses is not a mapping");
    };
    let mut checked = Vec::new();
    for (status, response) in responses {
        let code: u16 = status.text.parse().expect("numeric status");
        if code < 400 {
            continue;
        }
        let example = to_json(response.pointer("/content/application~1json/example").expect("example"));
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(
                ResponseTemplate::new(code)
                    .set_body_json(example.clone())
                    .insert_header("x-request-id", "req_42"),
            )
            .expect(1)
            .mount(&server)
            .await;

        let error = client(&server).affiliates().create(&params()).await.expect_err("error status");

        let api = error.as_api().unwrap_or_else(|| panic!("{code}: not an API error: {error:?}"));
        assert_eq!(api.status.as_u16(), code);
        assert_eq!(api.kind, ApiErrorKind::of(api.status));
        assert_ne!(api.kind, ApiErrorKind::Other, "{code} has a kind of its own");
        assert_eq!(api.request_id.as_deref(), Some("req_42"));
        assert_eq!(serde_json::from_str::<Value>(&api.body).expect("raw body kept"), example);
        let expected_message = example["error"]["message"].as_str();
        assert_eq!(api.message(), expected_message, "{code}");
        let line = error.to_string();
        assert!(line.contains(&code.to_string()) && line.contains("req_42"), "{line}");
        assert!(line.contains("from createAffiliate"), "the error names the operation: {line}");
        if let Some(message) = expected_message {
            assert!(line.contains(message), "{line}");
        }
        checked.push(code);
    }
    assert_eq!(checked, [400, 401, 403, 404, 422, 500]);
}

#[tokio::test]
async fn null_error_object_keeps_the_raw_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(422).set_body_raw(r#"{"error": null}"#, "application/json"))
        .mount(&server)
        .await;

    let error = client(&server).affiliates().create(&params()).await.expect_err("422");
    let api = error.as_api().expect("api error");
    assert_eq!(api.kind, ApiErrorKind::Unprocessable);
    assert_eq!(api.error, None);
    assert_eq!(api.body, r#"{"error": null}"#);
    let raw: Value = api.body_as().expect("the raw body is still JSON");
    assert_eq!(raw, json!({"error": null}));
}

#[tokio::test]
async fn html_error_page_is_a_server_error_with_its_body() {
    let server = MockServer::start().await;
    let page = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(502).set_body_raw(page, "text/html"))
        .mount(&server)
        .await;

    let error = client(&server).affiliates().create(&params()).await.expect_err("502");
    let api = error.as_api().expect("api error");
    assert_eq!(api.kind, ApiErrorKind::Server);
    assert_eq!(api.body, page);
    assert_eq!(api.message(), None);
    assert!(error.to_string().contains("502 Bad Gateway"), "{error}");
}

#[tokio::test]
async fn invalid_json_on_success_is_a_decode_error_with_status_and_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(r#"{"id": "aff_1", "status": "#, "application/json")
                .insert_header("x-request-id", "req_7"),
        )
        .mount(&server)
        .await;

    let error = client(&server).affiliates().create(&params()).await.expect_err("bad json");
    match &error {
        Error::Decode { status, body, request_id, .. } => {
            assert_eq!(status.as_u16(), 200);
            assert_eq!(body, r#"{"id": "aff_1", "status": "#);
            assert_eq!(request_id.as_deref(), Some("req_7"));
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_response_missing_a_required_field_is_a_decode_error() {
    let server = MockServer::start().await;
    let mut body = affiliate_json();
    body.as_object_mut().expect("object").remove("company");
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;

    let error = client(&server).affiliates().create(&params()).await.expect_err("missing field");
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
    assert!(error.to_string().contains("company"), "{error}");
}

#[tokio::test]
async fn unknown_fields_and_enum_values_are_accepted_and_round_trip() {
    let server = MockServer::start().await;
    let mut body = affiliate_json();
    body["status"] = json!("suspended");
    body["brand_new_field"] = json!({"nested": [1, 2, 3]});
    body["user"]["also_new"] = json!(true);
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;

    let affiliate = client(&server).affiliates().create(&params()).await.expect("decodes");
    assert_eq!(affiliate.status, Some(whop::Status::Unknown("suspended".into())));
    assert_eq!(affiliate.status.as_ref().map(whop::Status::as_str), Some("suspended"));
}

#[tokio::test]
async fn null_status_is_accepted_for_a_required_nullable_field() {
    let server = MockServer::start().await;
    let mut body = affiliate_json();
    body["status"] = Value::Null;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;

    let affiliate = client(&server).affiliates().create(&params()).await.expect("decodes");
    assert_eq!(affiliate.status, None);
}

#[tokio::test]
async fn server_errors_are_retried_by_default() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500).insert_header("retry-after-ms", "10"))
        .up_to_n_times(2)
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(affiliate_json()))
        .expect(1)
        .mount(&server)
        .await;
    let client = whop::Client::builder().api_key(KEY).base_url(server.uri()).build().expect("config");

    let affiliate = client.affiliates().create(&params()).await.expect("third attempt succeeds");
    assert_eq!(affiliate.id, "aff_1");
}

#[tokio::test]
async fn the_api_key_never_appears_in_debug_or_error_text() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(401).set_body_json(
            json!({"error": {"type": "unauthorized", "message": "Invalid or missing API key"}}),
        ))
        .mount(&server)
        .await;
    let builder = whop::Client::builder().api_key(KEY).base_url(server.uri()).max_retries(0);
    let builder_debug = format!("{builder:?}");
    let client: whop::Client = builder.build().expect("config");
    let error = client.affiliates().create(&params()).await.expect_err("401");

    for text in [builder_debug, format!("{client:?}"), format!("{error:?}"), error.to_string()] {
        assert!(!text.contains(KEY), "key leaked: {text}");
    }
}

#[tokio::test]
async fn a_server_that_is_not_there_is_a_connection_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = listener.local_addr().expect("address");
    drop(listener);
    let client = whop::Client::builder()
        .api_key(KEY)
        .base_url(format!("http://{address}"))
        .max_retries(0)
        .build()
        .expect("config");

    let error = client.affiliates().create(&params()).await.expect_err("refused");
    assert!(matches!(error, Error::Connection { status: None, .. }), "{error:?}");
}
