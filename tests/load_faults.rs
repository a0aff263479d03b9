//! The runtime under concurrent load while the server misbehaves (small counts; the same
//! scenarios at full size are `cargo bench --bench load`): every call's outcome reconciled with
//! the server's log of attempts, a cancelled call that stops retrying, and a long list paged
//! through faults with every item once, in order.

use std::sync::Arc;
use std::time::Duration;

use whop_api::{RequestOptions, Stream};

mod common;

use common::fault_server::{reconcile, Answer, Ended, FaultServer, Faults};

mod seed {
    whop_api::whop_api!("spec/affiliates.yml");
}

mod sample {
    whop_api::whop_api!("spec/whop-sample.yml", mock = true);
}

/// An affiliate whose id is the request's key.
fn affiliate_answer() -> Answer {
    let template = common::affiliate_json();
    Arc::new(move |_, _, key| {
        let mut body = template.clone();
        body["id"] = serde_json::json!(key);
        serde_json::to_vec(&body).expect("JSON")
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_calls_under_faults_match_the_servers_log() {
    const CALLS: usize = 600;
    const MAX_RETRIES: u32 = 2;
    let server = FaultServer::start(7, Faults::MIX, affiliate_answer()).await;
    let client = seed::Client::builder()
        .api_key("sk_test")
        .base_url(&server.url)
        .max_retries(MAX_RETRIES)
        .retry_backoff(Duration::from_millis(1))
        .build()
        .expect("client");
    let params = seed::CreateAffiliateParams::new("biz_1", "user_1");
    let mut tasks = tokio::task::JoinSet::new();
    let permits = Arc::new(tokio::sync::Semaphore::new(16));
    for i in 0..CALLS {
        let (client, params, permits) = (client.clone(), params.clone(), permits.clone());
        tasks.spawn(async move {
            let _permit = permits.acquire_owned().await.expect("semaphore");
            let key = format!("call-{i:04}");
            let options = RequestOptions::new().idempotency_key(key.clone());
            let result = client.affiliates().create(&params).with_options(options).await;
            (key, Ended::of(result, |a| a.id.clone()))
        });
    }
    let mut calls = Vec::new();
    while let Some(done) = tasks.join_next().await {
        calls.push(done.expect("no call panics"));
    }
    let report = reconcile(&calls, &server.attempts(), MAX_RETRIES);
    assert!(report.mismatches.is_empty(), "{:#?}", report.mismatches);
    assert_eq!(report.calls, CALLS);
    // About 19% of attempts fail, so some calls fail all three and most succeed.
    assert!(report.successes > CALLS * 9 / 10, "{report:?}");
    assert!(report.attempts > CALLS, "faults cost retries: {report:?}");
    assert!(report.errors.keys().all(|kind| kind.starts_with("Api") || kind == "Connection"), "{report:?}");
}

#[tokio::test]
async fn a_dropped_call_sends_no_attempt_after_the_drop() {
    let server = FaultServer::start(1, Faults::ALWAYS_500, affiliate_answer()).await;
    let client = seed::Client::builder()
        .api_key("sk_test")
        .base_url(&server.url)
        .max_retries(5)
        .retry_backoff(Duration::from_millis(300))
        .build()
        .expect("client");
    let params = seed::CreateAffiliateParams::new("biz_1", "user_1");
    let options = RequestOptions::new().idempotency_key("dropped");
    let call = client.affiliates().create(&params).with_options(options);
    // A whole-call deadline is `tokio::time::timeout`: it drops the call, as here.
    let outcome = tokio::time::timeout(Duration::from_millis(150), call).await;
    assert!(outcome.is_err(), "the deadline passed during the first backoff");
    let after_drop = server.attempts().get("dropped").map_or(0, Vec::len);
    assert_eq!(after_drop, 1, "one attempt, then the backoff the call was dropped in");
    tokio::time::sleep(Duration::from_millis(700)).await;
    let later = server.attempts().get("dropped").map_or(0, Vec::len);
    assert_eq!(later, 1, "no attempt after the drop");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_list_pages_through_faults_with_every_item_once_in_order() {
    use whop_api::mock::Example;
    const ITEMS: usize = 10_000;
    const PAGE: usize = 100;
    let item = serde_json::to_value(sample::AffiliateListResponse::example()).expect("item JSON");
    let answer: Answer = Arc::new(move |_, target, _| {
        let start: usize = target
            .split(['?', '&'])
            .find_map(|pair| pair.strip_prefix("after=c"))
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let end = (start + PAGE).min(ITEMS);
        let data: Vec<serde_json::Value> = (start..end)
            .map(|i| {
                let mut value = item.clone();
                value["id"] = serde_json::json!(format!("aff_{i:05}"));
                value
            })
            .collect();
        let more = end < ITEMS;
        let page = serde_json::json!({
            "data": data,
            "page_info": {"end_cursor": more.then(|| format!("c{end}")), "start_cursor": null,
                          "has_next_page": more, "has_previous_page": start > 0}
        });
        serde_json::to_vec(&page).expect("JSON")
    });
    let server = FaultServer::start(11, Faults::MIX, answer).await;
    let client = sample::Client::builder()
        .api_key("sk_test")
        .base_url(&server.url)
        .max_retries(8)
        .retry_backoff(Duration::from_millis(1))
        .build()
        .expect("client");
    let mut stream = client.affiliates().list_stream(&sample::ListAffiliateParams::new("biz_1"));
    let mut ids = Vec::with_capacity(ITEMS);
    while let Some(item) = std::future::poll_fn(|cx| std::pin::Pin::new(&mut stream).poll_next(cx)).await {
        ids.push(item.expect("every page arrives within 9 attempts").id);
    }
    let expected: Vec<String> = (0..ITEMS).map(|i| format!("aff_{i:05}")).collect();
    assert_eq!(ids, expected);
    let attempts = server.attempts();
    assert_eq!(attempts.len(), ITEMS / PAGE, "one key per page");
    let retried = attempts.values().filter(|a| a.len() > 1).count();
    assert!(retried > 0, "the fault mix hit some pages");
}

#[test]
fn the_reconciliation_reports_each_kind_of_mismatch() {
    use common::fault_server::Outcome::{Closed, Ok as Done, ServerError};
    let log = std::collections::HashMap::from([
        ("a".to_owned(), vec![ServerError, Done]),
        ("b".to_owned(), vec![ServerError]),
        ("c".to_owned(), vec![Closed, Closed, Closed, Closed]),
        ("ghost".to_owned(), vec![Done]),
        ("d".to_owned(), vec![Done, Done]),
    ]);
    let calls = [
        ("a".to_owned(), Ended::Ok("a".to_owned())), // fine
        ("b".to_owned(), Ended::Ok("b".to_owned())), // success without a 200
        ("c".to_owned(), Ended::Connection),         // one attempt too many
        ("d".to_owned(), Ended::Ok("x".to_owned())), // two 200s, and the wrong body
    ];
    let report = reconcile(&calls, &log, 2);
    let text = report.mismatches.join("\n");
    assert_eq!(report.mismatches.len(), 6, "{text}");
    for needle in [
        "ghost: attempted",
        "b: the client succeeded",
        "c: 4 attempts",
        "d: the client succeeded",
        "d: decoded the body of x",
    ] {
        assert!(text.contains(needle), "{needle} in {text}");
    }
}
