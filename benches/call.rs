//! Per-call cost of the generated client against hand-written reqwest + serde_json code,
//! both talking to the same in-process HTTP server on 127.0.0.1, and decode cost of a
//! 1,000-item list against `serde_json::from_slice` into hand-written structs.
//!
//! `cargo bench --bench call`

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use serde::Serialize;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[path = "support/hand_written.rs"]
mod hand_written;

use hand_written::HandAffiliate;

mod whop {
    whop_api::whop_api!("spec/affiliates.yml");
}

const KEY: &str = "sk_bench";

fn affiliate_json(i: usize) -> String {
    format!(
        r#"{{"id":"aff_{i:08}","status":"active","created_at":"2023-12-01T05:00:00.401Z","updated_at":"2023-12-02T05:00:00Z","total_referrals_count":{i},"total_referral_earnings_usd":"$10.00","total_overrides_count":1,"customer_retention_rate":"90%","customer_retention_rate_ninety_days":"80%","monthly_recurring_revenue_usd":"$5.00","total_revenue_usd":"$50.00","active_members_count":7,"user":{{"id":"user_{i}","name":null,"username":"jane"}},"company":{{"id":"biz_1","title":"Biz"}}}}"#
    )
}

/// What a developer would write by hand for the same call.
#[derive(Serialize)]
struct HandParams<'a> {
    company_id: &'a str,
    user_identifier: &'a str,
}

/// A keep-alive HTTP/1.1 server that answers every request with `body`.
async fn serve(body: String) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let address = listener.local_addr().expect("address");
    let response = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    );
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let response = response.clone();
            tokio::spawn(async move {
                let mut buffer = Vec::with_capacity(4096);
                let mut chunk = [0u8; 4096];
                loop {
                    let head_end = loop {
                        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                            break end + 4;
                        }
                        match socket.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
                        }
                    };
                    let head = String::from_utf8_lossy(&buffer[..head_end]).to_ascii_lowercase();
                    let length: usize = head
                        .lines()
                        .find_map(|l| l.strip_prefix("content-length:"))
                        .and_then(|v| v.trim().parse().ok())
                        .unwrap_or(0);
                    while buffer.len() < head_end + length {
                        match socket.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
                        }
                    }
                    buffer.drain(..head_end + length);
                    if socket.write_all(response.as_bytes()).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    format!("http://{address}")
}

fn bench_call(c: &mut Criterion) {
    // One thread for client and server: far less scheduling noise than a pool on 2 cores.
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let base = runtime.block_on(serve(affiliate_json(1)));
    let client = whop::Client::builder().api_key(KEY).base_url(&base).build().expect("config");
    let params = whop::CreateAffiliateParams::new("biz_1", "user_1");
    let http = reqwest::Client::new();
    let url = format!("{base}/affiliates");

    let mut group = c.benchmark_group("create affiliate over 127.0.0.1");
    let hand_written = |timeout: Option<std::time::Duration>| {
        let (http, url) = (&http, &url);
        async move {
            let body = serde_json::to_vec(&HandParams { company_id: "biz_1", user_identifier: "user_1" })
                .expect("encode");
            let mut request = http
                .post(url)
                .header("authorization", format!("Bearer {KEY}"))
                .header("content-type", "application/json")
                .body(body);
            if let Some(timeout) = timeout {
                request = request.timeout(timeout);
            }
            let response = request.send().await.expect("send");
            assert!(response.status().is_success());
            let bytes = response.bytes().await.expect("body");
            serde_json::from_slice::<HandAffiliate>(&bytes).expect("decode")
        }
    };
    group.bench_function("hand-written reqwest + serde_json", |b| {
        b.iter(|| black_box(runtime.block_on(hand_written(None))));
    });
    group.bench_function("hand-written reqwest + serde_json, 60 s timeout", |b| {
        b.iter(|| black_box(runtime.block_on(hand_written(Some(std::time::Duration::from_secs(60))))));
    });
    group.bench_function("generated client", |b| {
        b.iter(|| {
            runtime.block_on(async { black_box(client.affiliates().create(&params).await.expect("call")) })
        });
    });
    group.finish();
}

fn bench_decode(c: &mut Criterion) {
    let list = format!("[{}]", (0..1000).map(affiliate_json).collect::<Vec<_>>().join(","));
    let mut group = c.benchmark_group("decode 1,000 affiliates");
    group.bench_function("hand-written structs", |b| {
        b.iter(|| serde_json::from_slice::<Vec<HandAffiliate>>(black_box(list.as_bytes())).expect("decode"));
    });
    group.bench_function("generated types", |b| {
        b.iter(|| {
            serde_json::from_slice::<Vec<whop::Affiliate>>(black_box(list.as_bytes())).expect("decode")
        });
    });
    group.finish();
}

criterion_group!(benches, bench_call, bench_decode);
criterion_main!(benches);
