//! What a Whop app's client sends besides the call itself, against wiremock on 127.0.0.1:
//! the app id, the API version and default headers (with their precedence), and a generated
//! idempotency key that every retry of a call repeats.

use std::collections::BTreeSet;

use serde_json::json;
use whop_api::RequestOptions;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

mod pinned {
    whop_api::whop_api!("tests/specs/idempotent.yml", api_version = "2026-07-20");
}

mod unpinned {
    whop_api::whop_api!("tests/specs/idempotent.yml");
}

fn transfer_body() -> serde_json::Value {
    json!({"id": "xfer_1", "amount": 5})
}

async fn answering(statuses: &[u16]) -> MockServer {
    let server = MockServer::start().await;
    for (i, status) in statuses.iter().enumerate() {
        let last = i + 1 == statuses.len();
        let reply = ResponseTemplate::new(*status)
            .set_body_json(transfer_body())
            .insert_header("retry-after-ms", "1");
        let mock = Mock::given(method("POST")).respond_with(reply);
        let mock = if last { mock } else { mock.up_to_n_times(1) };
        // Earlier entries first: a lower number is a higher priority.
        mock.with_priority(u8::try_from(i + 1).unwrap_or(u8::MAX)).mount(&server).await;
    }
    server
}

async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.unwrap_or_default()
}

fn header(request: &Request, name: &str) -> Option<String> {
    request.headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned)
}

fn client(server: &MockServer) -> pinned::Client {
    pinned::Client::builder()
        .api_key("sk_test")
        .base_url(server.uri())
        .build()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn is_uuid_v4(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    parts.iter().map(|p| p.len()).eq([8, 4, 4, 4, 12]) && parts[2].starts_with('4') && text.len() == 36
}

#[tokio::test]
async fn a_post_declaring_an_idempotency_key_sends_one_generated_key_on_every_attempt() {
    let server = answering(&[500, 500, 200]).await;
    let transfer = client(&server).transfers().create(&pinned::CreateTransferParams::new(5)).await;

    assert_eq!(transfer.map(|t| t.id).ok().as_deref(), Some("xfer_1"));
    let log = requests(&server).await;
    let keys: Vec<Option<String>> = log.iter().map(|r| header(r, "idempotency-key")).collect();
    assert_eq!(keys.len(), 3, "three attempts");
    let first = keys[0].clone().unwrap_or_default();
    assert!(is_uuid_v4(&first), "{first}");
    assert!(keys.iter().all(|k| k.as_deref() == Some(first.as_str())), "{keys:?}");
}

#[tokio::test]
async fn each_call_gets_its_own_key_and_either_spelling_of_the_header_counts() {
    let server = answering(&[200]).await;
    let client = client(&server);
    for _ in 0..3 {
        client
            .transfers()
            .create(&pinned::CreateTransferParams::new(5))
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    client.payouts().create(&pinned::CreatePayoutParams::new()).await.unwrap_or_else(|e| panic!("{e}"));

    let keys: BTreeSet<String> =
        requests(&server).await.iter().filter_map(|r| header(r, "idempotency-key")).collect();
    assert_eq!(keys.len(), 4, "{keys:?}");
    assert!(keys.iter().all(|k| is_uuid_v4(k)));
}

#[tokio::test]
async fn a_key_in_the_params_or_the_options_wins_and_undeclared_operations_send_none() {
    let server = answering(&[500, 200]).await;
    let client = client(&server);
    let mut params = pinned::CreateTransferParams::new(5);
    params.idempotency_key = Some("mine".to_owned());
    client.transfers().create(&params).await.unwrap_or_else(|e| panic!("{e}"));
    client
        .payouts()
        .create(&pinned::CreatePayoutParams::new())
        .with_options(RequestOptions::new().idempotency_key("from-options"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    client.notes().create(&pinned::CreateNoteParams::new()).await.unwrap_or_else(|e| panic!("{e}"));

    let keys: Vec<Option<String>> =
        requests(&server).await.iter().map(|r| header(r, "idempotency-key")).collect();
    // The transfer was retried once (500, then 200), with the caller's key both times.
    assert_eq!(
        keys,
        [Some("mine"), Some("mine"), Some("from-options"), None].map(|k| k.map(str::to_owned)).to_vec()
    );
}

#[tokio::test]
async fn the_app_id_the_version_and_default_headers_are_on_the_wire() {
    let server = answering(&[200]).await;
    let client = pinned::Client::builder()
        .api_key("sk_test")
        .base_url(server.uri())
        .app_id("app_123")
        .default_header("X-Team", "payments")
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    client.notes().create(&pinned::CreateNoteParams::new()).await.unwrap_or_else(|e| panic!("{e}"));

    let log = requests(&server).await;
    let sent = &log[0];
    for name in ["x-whop-app-id", "api-version-date", "x-team", "user-agent"] {
        println!("{name}: {}", header(sent, name).unwrap_or_default());
    }
    assert_eq!(header(sent, "x-whop-app-id").as_deref(), Some("app_123"));
    assert_eq!(header(sent, "api-version-date").as_deref(), Some(pinned::Client::API_VERSION));
    assert_eq!(header(sent, "x-team").as_deref(), Some("payments"));
    assert_eq!(client.runtime().app_id(), Some("app_123"));
}

#[tokio::test]
async fn per_call_headers_and_header_parameters_replace_defaults_of_the_same_name() {
    let server = answering(&[200]).await;
    let client = pinned::Client::builder()
        .api_key("sk_test")
        .base_url(server.uri())
        .default_header("X-Trace", "default")
        .default_header("X-Team", "payments")
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let mut params = pinned::CreateNoteParams::new();
    params.x_trace = Some("from-params".to_owned());
    client.notes().create(&params).await.unwrap_or_else(|e| panic!("{e}"));
    client
        .notes()
        .create(&pinned::CreateNoteParams::new())
        .with_options(
            RequestOptions::new().header("X-Team", "per-call").header("Api-Version-Date", "2025-01-01"),
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));

    let log = requests(&server).await;
    let all = |r: &Request, name: &str| -> Vec<String> {
        r.headers.get_all(name).iter().filter_map(|v| v.to_str().ok()).map(str::to_owned).collect()
    };
    assert_eq!(all(&log[0], "x-trace"), ["from-params"]);
    assert_eq!(all(&log[0], "x-team"), ["payments"]);
    assert_eq!(all(&log[1], "x-trace"), ["default"]);
    assert_eq!(all(&log[1], "x-team"), ["per-call"]);
    assert_eq!(all(&log[1], "api-version-date"), ["2025-01-01"]);
}

/// The whole precedence table in one test: it is the only one here that touches the
/// environment, so no other test sees the variables.
#[tokio::test]
async fn the_version_and_app_id_come_from_the_call_then_builder_then_environment_then_spec() {
    let server = answering(&[200]).await;
    let sent_version = |client: pinned::Client, options: Option<RequestOptions>| {
        let server = &server;
        async move {
            let before = requests(server).await.len();
            let call = client.notes().create(&pinned::CreateNoteParams::new());
            let call = match options {
                Some(options) => call.with_options(options),
                None => call,
            };
            call.await.unwrap_or_else(|e| panic!("{e}"));
            let log = requests(server).await;
            (header(&log[before], "api-version-date"), header(&log[before], "x-whop-app-id"))
        }
    };
    let build = |builder: whop_api::ClientBuilder<pinned::Client>| {
        builder.api_key("sk_test").base_url(server.uri()).build().unwrap_or_else(|e| panic!("{e}"))
    };
    let owned = |v: &str| Some(v.to_owned());

    // Nothing set: the macro's `api_version`, and no app id.
    assert_eq!(sent_version(build(pinned::Client::builder()), None).await, (owned("2026-07-20"), None));
    // A spec without the option sends no version at all.
    let plain = unpinned::Client::builder().api_key("sk_test").base_url(server.uri()).build();
    let plain = plain.unwrap_or_else(|e| panic!("{e}"));
    plain.notes().create(&unpinned::CreateNoteParams::new()).await.unwrap_or_else(|e| panic!("{e}"));
    let log = requests(&server).await;
    assert_eq!(header(&log[log.len() - 1], "api-version-date"), None);

    std::env::set_var("WHOP_API_KEY", "sk_env");
    std::env::set_var("WHOP_API_VERSION", "2026-01-15");
    std::env::set_var("WHOP_APP_ID", "app_env");
    // The environment beats the spec.
    let from_env = build(pinned::Client::builder().from_env());
    assert_eq!(sent_version(from_env, None).await, (owned("2026-01-15"), owned("app_env")));
    // The builder beats the environment, whichever is called first.
    let set_first = build(pinned::Client::builder().api_version("2026-03-01").app_id("app_set").from_env());
    assert_eq!(sent_version(set_first, None).await, (owned("2026-03-01"), owned("app_set")));
    let set_last = build(pinned::Client::builder().from_env().api_version("2026-03-01"));
    assert_eq!(sent_version(set_last, None).await, (owned("2026-03-01"), owned("app_env")));
    // The call beats everything.
    let per_call =
        RequestOptions::new().header("api-version-date", "2026-04-01").header("X-Whop-App-Id", "app_call");
    let client = build(pinned::Client::builder().from_env().api_version("2026-03-01"));
    assert_eq!(sent_version(client, Some(per_call)).await, (owned("2026-04-01"), owned("app_call")));
    for name in ["WHOP_API_KEY", "WHOP_API_VERSION", "WHOP_APP_ID"] {
        std::env::remove_var(name);
    }
}

#[tokio::test]
async fn responses_serialise_by_default_so_a_handler_can_serve_them() {
    let server = answering(&[200]).await;
    let transfer = client(&server).transfers().create(&pinned::CreateTransferParams::new(5)).await;
    let transfer = transfer.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(serde_json::to_value(&transfer).ok(), Some(transfer_body()));
    let back: Result<pinned::Transfer, _> = serde_json::from_value(transfer_body());
    assert_eq!(back.ok(), Some(transfer));
}

#[tokio::test]
async fn a_presigned_upload_puts_the_bytes_with_the_returned_headers_and_no_api_key() {
    let storage = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(500).insert_header("retry-after-ms", "1"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&storage)
        .await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(200).insert_header("etag", "\"abc\""))
        .mount(&storage)
        .await;
    let headers: std::collections::BTreeMap<String, serde_json::Value> = serde_json::from_value(json!({
        "Content-Type": "image/png",
        "x-amz-meta-size": 4,
        "x-amz-meta-public": true,
        "x-amz-meta-absent": null,
    }))
    .unwrap_or_default();
    let url = format!("{}/bucket/file_1?X-Amz-Signature=SECRET_SIG", storage.uri());

    let uploaded = client(&storage).runtime().upload_presigned(&url, &headers, b"\x89PNG".to_vec()).await;

    let uploaded = uploaded.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(uploaded.status.as_u16(), 200);
    assert_eq!(uploaded.headers.get("etag").and_then(|v| v.to_str().ok()), Some("\"abc\""));
    let log = requests(&storage).await;
    assert_eq!(log.len(), 2, "retried once");
    let put = &log[1];
    assert_eq!(put.body, b"\x89PNG");
    assert_eq!(put.url.query(), Some("X-Amz-Signature=SECRET_SIG"));
    assert_eq!(header(put, "content-type").as_deref(), Some("image/png"));
    assert_eq!(header(put, "x-amz-meta-size").as_deref(), Some("4"));
    assert_eq!(header(put, "x-amz-meta-public").as_deref(), Some("true"));
    assert_eq!(header(put, "x-amz-meta-absent"), None);
    assert_eq!(header(put, "authorization"), None, "the API key stays with the API");
}

#[tokio::test]
async fn a_failed_upload_is_a_typed_error_without_the_urls_signature() {
    let storage = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(
            ResponseTemplate::new(403)
                .set_body_raw("<Error><Code>AccessDenied</Code></Error>", "application/xml"),
        )
        .mount(&storage)
        .await;
    let url = format!("{}/bucket/file_1?X-Amz-Signature=SECRET_SIG", storage.uri());
    let runtime = client(&storage).runtime().clone();

    let denied = runtime.upload_presigned(&url, [("x-a", "1")], &b"data"[..]).await;
    let error = denied.err().unwrap_or_else(|| panic!("a 403 is an error"));
    assert_eq!(error.status().map(|s| s.as_u16()), Some(403));
    assert!(error.as_api().is_some_and(|api| api.body.contains("AccessDenied")), "{error:?}");

    let object = json!({"nested": {"a": 1}});
    let bad = runtime.upload_presigned(&url, [("x-b", &object["nested"])], Vec::new()).await;
    assert!(
        matches!(&bad, Err(whop_api::Error::Request(m)) if m.contains("x-b") && m.contains("object")),
        "{bad:?}"
    );

    let refused_port =
        std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port());
    let gone = format!("http://127.0.0.1:{}/b?X-Amz-Signature=SECRET_SIG", refused_port.unwrap_or(9));
    let offline = runtime.upload_presigned(&gone, [("x-a", "1")], Vec::new()).await;
    let offline = offline.err().map(|e| format!("{e} {e:?}")).unwrap_or_default();
    assert!(!offline.is_empty() && !offline.contains("SECRET_SIG"), "{offline}");
}
