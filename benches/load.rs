//! One client, 20,000 calls at concurrency 64 against a fast server on 127.0.0.1: the generated
//! client against hand-written reqwest + serde_json code in the same run (throughput, p50/p99
//! latency, resident memory), then the same load with the fault mix (10% 500, 5% 429, 2%
//! closed, 2% cut) reconciled with the server's log of attempts.
//!
//! Last, the generated mock under the same load, stateless and stateful.
//!
//! `cargo bench --bench load` (by hand; under a minute). `LOAD_CALLS` changes the count.

use std::sync::Arc;
use std::time::{Duration, Instant};

use whop_api::RequestOptions;

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "support/hand_written.rs"]
mod hand_written;

use hand_written::HandAffiliate;

use common::fault_server::{reconcile, Answer, Ended, FaultServer, Faults};

mod seed {
    whop_api::whop_api!("spec/affiliates.yml");
}

mod sample {
    whop_api::whop_api!("spec/whop-sample.yml", mock = true);
}

const CONCURRENCY: usize = 64;
const ROUNDS: usize = 5;

fn affiliate_answer() -> Answer {
    let template = common::affiliate_json();
    Arc::new(move |_, _, key| {
        let mut body = template.clone();
        body["id"] = serde_json::json!(key);
        serde_json::to_vec(&body).unwrap_or_default()
    })
}

/// Resident memory in bytes (Linux).
fn resident() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    statm.split_whitespace().nth(1).and_then(|pages| pages.parse::<u64>().ok()).unwrap_or(0) * 4096
}

struct Run {
    seconds: f64,
    p50: Duration,
    p99: Duration,
    failures: usize,
}

/// Runs `calls` calls of `call` with `CONCURRENCY` in flight; each returns whether it succeeded.
async fn drive<F, Fut>(calls: usize, call: F) -> Run
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = bool> + Send,
{
    let call = Arc::new(call);
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let started = Instant::now();
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..CONCURRENCY {
        let (call, next) = (call.clone(), next.clone());
        workers.spawn(async move {
            let mut latencies = Vec::new();
            let mut failures = 0;
            loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if i >= calls {
                    return (latencies, failures);
                }
                let begun = Instant::now();
                if !call(i).await {
                    failures += 1;
                }
                latencies.push(begun.elapsed());
            }
        });
    }
    let mut latencies = Vec::with_capacity(calls);
    let mut failures = 0;
    while let Some(Ok((mut worker, failed))) = workers.join_next().await {
        latencies.append(&mut worker);
        failures += failed;
    }
    let seconds = started.elapsed().as_secs_f64();
    latencies.sort();
    let at = |q: f64| {
        latencies
            .get(((latencies.len() as f64 * q) as usize).min(latencies.len().saturating_sub(1)))
            .copied()
            .unwrap_or_default()
    };
    Run { seconds, p50: at(0.50), p99: at(0.99), failures }
}

fn report(name: &str, calls: usize, run: &Run) -> f64 {
    let throughput = calls as f64 / run.seconds;
    println!(
        "{name:<10} {throughput:>9.0} calls/s   p50 {:>7.1} us   p99 {:>7.1} us   failures {}",
        run.p50.as_secs_f64() * 1e6,
        run.p99.as_secs_f64() * 1e6,
        run.failures
    );
    throughput
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let calls: usize = std::env::var("LOAD_CALLS").ok().and_then(|n| n.parse().ok()).unwrap_or(20_000);
    let server = FaultServer::start(3, Faults::NONE, affiliate_answer()).await;
    let url = server.url.clone();

    let generated = seed::Client::builder().api_key("sk_bench").base_url(&url).build().expect("client");
    // Hand-written production code sets a timeout too (the generated client's is 60 s).
    let http = reqwest::Client::builder().timeout(Duration::from_secs(60)).build().expect("reqwest");
    let params = seed::CreateAffiliateParams::new("biz_1", "user_1");
    let body = serde_json::to_vec(&serde_json::json!({"company_id": "biz_1", "user_identifier": "user_1"}))
        .unwrap_or_default();

    println!("{calls} calls, concurrency {CONCURRENCY}, a warm-up and {ROUNDS} rounds each, alternating");
    let mut rss = Vec::new();
    let (mut ours, mut hand, mut ours_p99, mut hand_p99) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    // Round 0 of each warms its connection pool and allocator and is not counted.
    for round in 0..=ROUNDS {
        let (http, body, url) = (http.clone(), body.clone(), url.clone());
        let run = drive(calls, move |_| {
            let (http, body, url) = (http.clone(), body.clone(), url.clone());
            async move {
                let Ok(response) = http
                    .post(format!("{url}/affiliates"))
                    .bearer_auth("sk_bench")
                    .header("content-type", "application/json")
                    .body(body)
                    .send()
                    .await
                else {
                    return false;
                };
                if !response.status().is_success() {
                    return false;
                }
                let Ok(bytes) = response.bytes().await else { return false };
                serde_json::from_slice::<HandAffiliate>(&bytes).is_ok()
            }
        })
        .await;
        let throughput = report(&format!("hand {round}"), calls, &run);
        if round > 0 {
            hand.push(throughput);
            hand_p99.push(run.p99.as_secs_f64());
        }

        let (client, params) = (generated.clone(), params.clone());
        let before = resident();
        let run = drive(calls, move |_| {
            let (client, params) = (client.clone(), params.clone());
            async move { client.affiliates().create(&params).await.is_ok() }
        })
        .await;
        rss.push((before, resident()));
        let throughput = report(&format!("whop_api {round}"), calls, &run);
        if round > 0 {
            ours.push(throughput);
            ours_p99.push(run.p99.as_secs_f64());
        }
    }
    let (t_ours, t_hand) = (median(ours), median(hand));
    let (p_ours, p_hand) = (median(ours_p99), median(hand_p99));
    println!(
        "median throughput: whop_api {t_ours:.0}/s, hand {t_hand:.0}/s: {:.3}x; median p99 {:.1} us vs {:.1} us: {:.3}x",
        t_ours / t_hand,
        p_ours * 1e6,
        p_hand * 1e6,
        p_ours / p_hand
    );
    for (round, (before, after)) in rss.iter().enumerate() {
        println!(
            "resident memory, whop_api round {round}: {:.1} MB before, {:.1} MB after {calls} calls ({:+.1} MB)",
            *before as f64 / 1e6,
            *after as f64 / 1e6,
            (*after as f64 - *before as f64) / 1e6
        );
    }
    drop(server);

    // The same load while the server misbehaves, reconciled.
    const MAX_RETRIES: u32 = 2;
    let server = FaultServer::start(2026, Faults::MIX, affiliate_answer()).await;
    let client = seed::Client::builder()
        .api_key("sk_bench")
        .base_url(&server.url)
        .max_retries(MAX_RETRIES)
        .retry_backoff(Duration::from_millis(5))
        .build()
        .expect("client");
    let outcomes = Arc::new(std::sync::Mutex::new(Vec::with_capacity(calls)));
    let (recorded, params) = (outcomes.clone(), params.clone());
    let run = drive(calls, move |i| {
        let (client, params, recorded) = (client.clone(), params.clone(), recorded.clone());
        async move {
            let key = format!("load-{i:06}");
            let result = client
                .affiliates()
                .create(&params)
                .with_options(RequestOptions::new().idempotency_key(key.clone()))
                .await;
            let ended = Ended::of(result, |a| a.id.clone());
            let ok = matches!(ended, Ended::Ok(_));
            if let Ok(mut list) = recorded.lock() {
                list.push((key, ended));
            }
            ok
        }
    })
    .await;
    report("faults", calls, &run);
    let calls_seen = outcomes.lock().map(|list| list.clone()).unwrap_or_default();
    let reconciliation = reconcile(&calls_seen, &server.attempts(), MAX_RETRIES);
    println!(
        "reconciliation: {} calls, {} attempts, {} successes, typed errors {:?}, {} mismatches",
        reconciliation.calls,
        reconciliation.attempts,
        reconciliation.successes,
        reconciliation.errors,
        reconciliation.mismatches.len()
    );
    for mismatch in reconciliation.mismatches.iter().take(10) {
        println!("  mismatch: {mismatch}");
    }

    // The generated mock under the same client load: each call a create then a retrieve of a
    // plan, answered by the examples (stateless) or the store (stateful, 2 x calls objects
    // kept by the end).
    for stateful in [false, true] {
        let mock = if stateful {
            sample::mock::MockServer::start().await
        } else {
            sample::mock::MockServer::start_stateless().await
        };
        // Kept to the end of the run: dropping the server stops it.
        let mock = mock.expect("mock");
        let client = mock.client();
        let run = drive(calls, move |_| {
            let client = client.clone();
            async move {
                let params = sample::CreatePlanParams::new("biz_1", "prod_1");
                let Ok(plan) = client.plans().create(&params).await else { return false };
                client.plans().retrieve(&plan.id).await.is_ok()
            }
        })
        .await;
        report(if stateful { "mock state" } else { "mock plain" }, calls, &run);
    }
}
