//! The runtime against servers on 127.0.0.1 that misbehave: retries (counted by the
//! server), server-chosen delays (measured), timeouts, connections that break mid-body,
//! per-call options and raw responses (the API key in tracing: `secret_tracing.rs`).

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use whop_api::{ApiErrorKind, Error, RequestOptions};
use wiremock::matchers::{header, method, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod common;

use common::affiliate_json;

mod whop {
    whop_api::whop_api!("spec/affiliates.yml");
}

const KEY: &str = "sk_live_SENTINEL_93ab";

fn params() -> whop::CreateAffiliateParams {
    whop::CreateAffiliateParams::new("biz_1", "user_1")
}

fn client(base: &str, retries: u32) -> whop::Client {
    whop::Client::builder().api_key(KEY).base_url(base).max_retries(retries).build().expect("config")
}

async fn attempts(server: &MockServer) -> usize {
    server.received_requests().await.expect("recording").len()
}

/// Responds with each status in turn (the last one repeats); a quick `retry-after-ms` keeps
/// the test fast without touching the backoff rule.
async fn sequence(statuses: &[u16], extra_header: Option<(&str, &str)>) -> MockServer {
    let server = MockServer::start().await;
    for (i, status) in statuses.iter().enumerate() {
        let mut template = ResponseTemplate::new(*status).insert_header("retry-after-ms", "1");
        if let Some((name, value)) = extra_header {
            template = template.insert_header(name, value);
        }
        template = if *status == 200 { template.set_body_json(affiliate_json()) } else { template };
        let mock = Mock::given(method("POST")).respond_with(template);
        let mock = if i + 1 < statuses.len() { mock.up_to_n_times(1) } else { mock };
        server.register(mock.with_priority(u8::try_from(i + 1).expect("few statuses"))).await;
    }
    server
}

#[tokio::test]
async fn two_server_errors_then_success_takes_three_attempts() {
    let server = sequence(&[500, 500, 200], None).await;
    let affiliate = client(&server.uri(), 2).affiliates().create(&params()).await.expect("third attempt");
    assert_eq!(affiliate.id, "aff_1");
    assert_eq!(attempts(&server).await, 3);
}

#[tokio::test]
async fn persistent_503_fails_after_exactly_max_retries_plus_one_attempts() {
    let server = sequence(&[503], None).await;
    let error = client(&server.uri(), 2).affiliates().create(&params()).await.expect_err("503");
    assert_eq!(error.as_api().map(|a| a.kind), Some(ApiErrorKind::Server));
    assert_eq!(attempts(&server).await, 3);
}

#[tokio::test]
async fn should_retry_header_overrides_the_status_rule() {
    let server = sequence(&[500], Some(("x-should-retry", "false"))).await;
    client(&server.uri(), 2).affiliates().create(&params()).await.expect_err("500");
    assert_eq!(attempts(&server).await, 1);

    let server = sequence(&[400, 200], Some(("x-should-retry", "true"))).await;
    client(&server.uri(), 2).affiliates().create(&params()).await.expect("retried 400");
    assert_eq!(attempts(&server).await, 2);
}

async fn time_one_retry(header: (&str, &str)) -> Duration {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(429).insert_header(header.0, header.1))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(affiliate_json()))
        .mount(&server)
        .await;
    // A 50 ms backoff, so the computed wait (when the server's is ignored) is short too.
    let client = whop::Client::builder()
        .api_key(KEY)
        .base_url(server.uri())
        .max_retries(1)
        .retry_backoff(Duration::from_millis(50))
        .build()
        .expect("config");
    let started = Instant::now();
    client.affiliates().create(&params()).await.expect("retried");
    let elapsed = started.elapsed();
    assert_eq!(attempts(&server).await, 2);
    elapsed
}

#[tokio::test]
async fn rate_limits_wait_as_long_as_the_server_asks() {
    // `retry-after` in seconds, fractions accepted.
    let seconds = time_one_retry(("retry-after", "0.1")).await;
    assert!(seconds >= Duration::from_millis(95) && seconds < Duration::from_millis(1000), "{seconds:?}");
    let millis = time_one_retry(("retry-after-ms", "30")).await;
    assert!(millis >= Duration::from_millis(29) && millis < Duration::from_millis(900), "{millis:?}");
    // Over 60 s is ignored: the computed backoff (at most 50 ms for the first retry) applies.
    let ignored = time_one_retry(("retry-after", "120")).await;
    assert!(ignored < Duration::from_millis(900), "{ignored:?}");
}

#[tokio::test]
async fn slow_responses_time_out_and_are_retried() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(affiliate_json()).set_delay(Duration::from_millis(300)),
        )
        .mount(&server)
        .await;
    let client = whop::Client::builder()
        .api_key(KEY)
        .base_url(server.uri())
        .timeout(Duration::from_millis(20))
        .max_retries(1)
        .retry_backoff(Duration::from_millis(1))
        .build()
        .expect("config");

    let error = client.affiliates().create(&params()).await.expect_err("too slow");
    assert!(matches!(error, Error::Timeout { attempts: 2, .. }), "{error:?}");
    assert_eq!(attempts(&server).await, 2);

    // A per-call timeout overrides the client's.
    let fast = client
        .affiliates()
        .create(&params())
        .with_options(RequestOptions::new().timeout(Duration::from_secs(5)).max_retries(0))
        .await;
    assert!(fast.is_ok(), "{fast:?}");
}

/// A raw HTTP server: answers every connection with `response`, then closes it. Counts
/// connections.
async fn raw_server(response: &'static [u8]) -> (String, Arc<Mutex<usize>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let address = listener.local_addr().expect("address");
    let count = Arc::new(Mutex::new(0));
    let seen = count.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            *seen.lock().expect("lock") += 1;
            let mut buffer = vec![0u8; 16 * 1024];
            let _ = socket.read(&mut buffer).await;
            let _ = socket.write_all(response).await;
            let _ = socket.shutdown().await;
        }
    });
    (format!("http://{address}"), count)
}

#[tokio::test]
async fn a_body_cut_short_is_a_connection_error_with_the_status_and_is_retried() {
    let (base, connections) = raw_server(
        b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nx-request-id: req_cut\r\ncontent-length: 500\r\n\r\n{\"id\": \"aff_1\", \"sta",
    )
    .await;
    let error = client(&base, 1).affiliates().create(&params()).await.expect_err("truncated");
    match &error {
        Error::Connection { status, request_id, .. } => {
            assert_eq!(status.map(|s| s.as_u16()), Some(200));
            assert_eq!(request_id.as_deref(), Some("req_cut"));
        }
        other => panic!("expected a connection error, got {other:?}"),
    }
    assert_eq!(*connections.lock().expect("lock"), 2, "retried once");
}

#[tokio::test]
async fn a_chunked_body_closed_mid_chunk_is_a_connection_error() {
    let (base, _) = raw_server(
        b"HTTP/1.1 502 Bad Gateway\r\ntransfer-encoding: chunked\r\n\r\n40\r\n<html><body>bad gate",
    )
    .await;
    let error = client(&base, 0).affiliates().create(&params()).await.expect_err("cut");
    assert!(matches!(error, Error::Connection { status: Some(s), .. } if s.as_u16() == 502), "{error:?}");
}

#[tokio::test]
async fn an_empty_reply_is_a_connection_error_without_status() {
    let (base, _) = raw_server(b"").await;
    let error = client(&base, 0).affiliates().create(&params()).await.expect_err("nothing");
    assert!(matches!(error, Error::Connection { status: None, .. }), "{error:?}");
}

#[tokio::test]
async fn a_body_that_does_not_fit_names_the_path() {
    let server = MockServer::start().await;
    let mut body = affiliate_json();
    body["user"]["id"] = json!(42);
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;
    let error = client(&server.uri(), 0).affiliates().create(&params()).await.expect_err("wrong type");
    match &error {
        Error::Decode { path, .. } => assert_eq!(path, "user.id"),
        other => panic!("{other:?}"),
    }
    assert!(error.to_string().contains("`user.id`"), "{error}");
}

#[tokio::test]
async fn options_add_headers_query_and_an_idempotency_key_kept_across_retries() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(header("idempotency-key", "idem-1"))
        .and(header("x-extra", "yes"))
        .and(query_param("debug", "1"))
        .respond_with(ResponseTemplate::new(500).insert_header("retry-after-ms", "1"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(header("idempotency-key", "idem-1"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(affiliate_json())
                .insert_header("x-request-id", "req_ok"),
        )
        .mount(&server)
        .await;
    let options =
        RequestOptions::new().idempotency_key("idem-1").header("x-extra", "yes").query("debug", "1");

    let response = client(&server.uri(), 2)
        .affiliates()
        .create(&params())
        .with_options(options)
        .with_response()
        .await
        .expect("ok");

    assert_eq!(response.status.as_u16(), 200);
    assert_eq!(response.request_id.as_deref(), Some("req_ok"));
    assert_eq!(response.data.id, "aff_1");
    let requests = server.received_requests().await.expect("recording");
    assert_eq!(requests.len(), 2);
    let agent = requests[0].headers.get("user-agent").and_then(|v| v.to_str().ok()).unwrap_or("");
    assert!(agent.starts_with("whop-api-rust/"), "{agent}");
}

#[tokio::test]
async fn from_env_without_a_key_is_a_configuration_error() {
    // The variable is only read, never set, so this test cannot disturb the others.
    if std::env::var_os(whop_api::API_KEY_ENV).is_some() {
        eprintln!("skipped: WHOP_API_KEY is set in this environment");
        return;
    }
    let error = whop::Client::from_env().expect_err("no key");
    assert!(matches!(error, Error::Config(_)));
    assert!(error.to_string().contains("WHOP_API_KEY"), "{error}");
}
