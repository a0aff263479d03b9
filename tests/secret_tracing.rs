//! The API key never appears in `Debug`, `Display` or tracing output. Alone in its test
//! binary: tracing caches whether a callsite is enabled process-wide, so a scoped subscriber
//! set while other tests run on other threads can miss events, which made this test flaky.

use std::sync::{Arc, Mutex};

use whop_api::ApiErrorKind;
use wiremock::{Mock, MockServer, ResponseTemplate};

mod whop {
    whop_api::whop_api!("spec/affiliates.yml");
}

const KEY: &str = "sk_live_SENTINEL_93ab";

fn params() -> whop::CreateAffiliateParams {
    whop::CreateAffiliateParams::new("biz_1", "user_1")
}

/// A 500, then 401 for every later attempt.
async fn failing_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(500))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(wiremock::matchers::any()).respond_with(ResponseTemplate::new(401)).mount(&server).await;
    server
}

/// Collects every span and event field as text.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<String>>);

struct Fields<'a>(&'a mut String);

impl tracing::field::Visit for Fields<'_> {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.push_str(&format!("{}={:?} ", field.name(), value));
    }
}

impl tracing::Subscriber for Capture {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        let mut text = self.0.lock().expect("lock");
        text.push_str(span.metadata().name());
        text.push(' ');
        span.record(&mut Fields(&mut text));
        text.push('\n');
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, _: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        values.record(&mut Fields(&mut self.0.lock().expect("lock")));
    }
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &tracing::Event<'_>) {
        let mut text = self.0.lock().expect("lock");
        event.record(&mut Fields(&mut text));
        text.push('\n');
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

#[tokio::test(flavor = "current_thread")]
async fn the_key_never_appears_in_debug_display_or_tracing() {
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let server = failing_server().await;
    let builder = whop::Client::builder().api_key(KEY).base_url(server.uri()).max_retries(1);
    let builder_text = format!("{builder:?}");
    let client = builder.build().expect("config");
    let error = client.affiliates().create(&params()).await.expect_err("401");
    assert_eq!(error.as_api().map(|a| a.kind), Some(ApiErrorKind::Authentication));

    let traced = capture.0.lock().expect("lock").clone();
    assert!(
        traced.contains("whop_api.request") && traced.contains("attempt=2") && traced.contains("status=401"),
        "{traced}"
    );
    for text in [
        builder_text,
        format!("{client:?}"),
        format!("{:?}", client.runtime()),
        format!("{error:?}"),
        error.to_string(),
        traced,
    ] {
        assert!(!text.contains(KEY), "the key leaked into: {text}");
    }
}
