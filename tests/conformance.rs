//! Conformance against Prism, Stoplight's spec-driven mock server (as the official Whop SDKs
//! are tested): Prism checks each request against the spec (reporting problems in the
//! `sl-violations` header) and answers with responses built from it, randomised on request.
//!
//! The tests need Prism, so they are `#[ignore]`d: `.ci/run` starts Prism for
//! `spec/affiliates.yml` and `spec/whop-sample.yml`, sets `SEED_PRISM_URL` and
//! `SAMPLE_PRISM_URL` and runs them with `--include-ignored`; run so without the variables,
//! they fail. Each appends its summary lines to `target/conformance-summary.txt` for the CI log.

use std::future::Future;
use std::pin::Pin;

use serde_json::json;
use whop_api::{ApiErrorKind, Error, RequestOptions, Response};

mod seed {
    whop_api::whop_api!("spec/affiliates.yml");
}

mod sample {
    whop_api::whop_api!("spec/whop-sample.yml", mock = true);
}

const DYNAMIC_CALLS: usize = 100;

const NEEDS_PRISM: &str = "needs Prism: run .ci/run, or start it as CONTRIBUTING.md says";

fn prism(variable: &str) -> String {
    match std::env::var(variable) {
        Ok(url) if !url.is_empty() => url,
        _ => panic!("{variable} is not set: this test {NEEDS_PRISM}"),
    }
}

/// Appends one line: each line is one `write` to a file opened for appending, so tests
/// running in parallel never lose each other's lines.
fn summary(line: &str) {
    use std::io::Write as _;
    println!("{line}");
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/target/conformance-summary.txt");
    let file = std::fs::OpenOptions::new().create(true).append(true).open(path);
    if let Ok(mut file) = file {
        let _ = file.write_all(format!("{line}\n").as_bytes());
    }
}

/// Problems Prism found with our request (it also reports problems with its own examples,
/// located in the response; those are the spec's, not ours).
fn request_violations<T>(response: &Response<T>) -> Vec<serde_json::Value> {
    violations(&response.headers)
}

fn violations(headers: &whop_api::header::HeaderMap) -> Vec<serde_json::Value> {
    headers
        .get("sl-violations")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| serde_json::from_str::<Vec<serde_json::Value>>(v).ok())
        .unwrap_or_default()
        .into_iter()
        .filter(|v| v["location"][0] == "request")
        .collect()
}

type Outcome = Result<Vec<serde_json::Value>, Error>;
type Check<'a> = Pin<Box<dyn Future<Output = Outcome> + Send + 'a>>;

/// Awaits a generated call with `options`, keeping the response's request violations.
macro_rules! call {
    ($options:expr, $call:expr) => {{
        let options: RequestOptions = $options.clone();
        Box::pin(
            async move { $call.with_options(options).with_response().await.map(|r| request_violations(&r)) },
        ) as Check<'_>
    }};
}

/// Every operation of the sample spec, called with valid arguments.
fn sample_calls<'a>(client: &'a sample::Client, o: &RequestOptions) -> Vec<(&'static str, Check<'a>)> {
    use sample::*;
    let (a, m, p, pr) = (client.affiliates(), client.memberships(), client.plans(), client.products());
    let standard = CreateOverrideAffiliateBody::Standard(CreateOverrideAffiliateBodyStandard::new(
        "aff_1", 10.0, "plan_1",
    ));
    vec![
        ("createAffiliate", call!(o, a.create(&CreateAffiliateParams::new("biz_1", "user")))),
        (
            "listAffiliate",
            call!(
                o,
                a.list(
                    &ListAffiliateParams::new("biz_1")
                        .first(10)
                        .status(Status::Active)
                        .direction(Direction::Asc)
                )
            ),
        ),
        ("retrieveAffiliate", call!(o, a.retrieve("aff_1"))),
        ("archiveAffiliate", call!(o, a.archive("aff_1"))),
        ("unarchiveAffiliate", call!(o, a.unarchive("aff_1"))),
        ("createOverrideAffiliate", call!(o, a.overrides().create("aff_1", &standard))),
        ("listOverrideAffiliate", call!(o, a.overrides().list("aff_1", &ListOverrideAffiliateParams::new()))),
        ("retrieveOverrideAffiliate", call!(o, a.overrides().retrieve("aff_1", "ovr_1"))),
        (
            "updateOverrideAffiliate",
            call!(o, a.overrides().update("aff_1", "ovr_1", &UpdateOverrideAffiliateParams::new())),
        ),
        ("deleteOverrideAffiliate", call!(o, a.overrides().delete("aff_1", "ovr_1"))),
        ("listMembership", call!(o, m.list(&ListMembershipParams::new().company_id("biz_1")))),
        ("retrieveMembership", call!(o, m.retrieve("mem_1"))),
        ("updateMembership", call!(o, m.update("mem_1", &UpdateMembershipParams::new()))),
        ("addFreeDaysMembership", call!(o, m.add_free_days("mem_1", &AddFreeDaysMembershipParams::new(7)))),
        ("cancelMembership", call!(o, m.cancel("mem_1", &CancelMembershipParams::new()))),
        ("pauseMembership", call!(o, m.pause("mem_1", &PauseMembershipParams::new()))),
        ("resumeMembership", call!(o, m.resume("mem_1"))),
        ("uncancelMembership", call!(o, m.uncancel("mem_1"))),
        ("createPlan", call!(o, p.create(&CreatePlanParams::new("biz_1", "prod_1")))),
        ("listPlan", call!(o, p.list(&ListPlanParams::new("biz_1")))),
        ("retrievePlan", call!(o, p.retrieve("plan_1"))),
        ("updatePlan", call!(o, p.update("plan_1", &UpdatePlanParams::new()))),
        ("deletePlan", call!(o, p.delete("plan_1"))),
        ("createProduct", call!(o, pr.create(&CreateProductParams::new("biz_1", "Title")))),
        ("listProduct", call!(o, pr.list(&ListProductParams::new("biz_1")))),
        ("retrieveProduct", call!(o, pr.retrieve("prod_1"))),
        ("updateProduct", call!(o, pr.update("prod_1", &UpdateProductParams::new()))),
        ("deleteProduct", call!(o, pr.delete("prod_1"))),
    ]
}

fn seed_calls<'a>(client: &'a seed::Client, o: &RequestOptions) -> Vec<(&'static str, Check<'a>)> {
    vec![(
        "createAffiliate",
        call!(o, client.affiliates().create(&seed::CreateAffiliateParams::new("biz_1", "user"))),
    )]
}

fn operations_in(spec: &str) -> usize {
    let text = std::fs::read_to_string(format!("{}/{spec}", env!("CARGO_MANIFEST_DIR"))).expect("spec");
    text.lines().filter(|l| l.trim_start().starts_with("operationId:")).count()
}

/// Static responses: every operation gets its documented 2xx, decoded, with no violations.
async fn static_run(name: &str, spec: &str, calls: Vec<(&'static str, Check<'_>)>) {
    let mut failures = Vec::new();
    let total = calls.len();
    for (operation, check) in calls {
        match check.await {
            Ok(violations) if violations.is_empty() => {}
            Ok(violations) => {
                failures.push(format!("{operation}: request violates the spec: {violations:?}"))
            }
            Err(error) => failures.push(format!("{operation}: {error}")),
        }
    }
    summary(&format!(
        "conformance: {name}: {}/{} operations covered, {} failed",
        total - failures.len(),
        operations_in(spec),
        failures.len()
    ));
    assert_eq!(total, operations_in(spec), "every operation of {spec} is called");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Randomised responses (nulls, missing optionals, extra fields): all must decode.
async fn dynamic_run<'c>(name: &str, make: impl Fn() -> Vec<(&'static str, Check<'c>)>) {
    let mut decoded = 0;
    let mut failures = Vec::new();
    for _ in 0..DYNAMIC_CALLS {
        for (operation, check) in make() {
            match check.await {
                Ok(_) => decoded += 1,
                Err(Error::Decode { path, body, source, .. }) => {
                    failures.push(format!("{operation}: at `{path}`: {source}\n  body: {body}"))
                }
                Err(other) => failures.push(format!("{operation}: {other}")),
            }
        }
    }
    summary(&format!("conformance: {name}: {decoded} dynamic responses decoded, {} failed", failures.len()));
    failures.truncate(10);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn seed_client(url: &str) -> seed::Client {
    seed::Client::builder().api_key("sk_prism").base_url(url).max_retries(0).build().expect("config")
}

fn sample_client(url: &str) -> sample::Client {
    sample::Client::builder().api_key("sk_prism").base_url(url).max_retries(0).build().expect("config")
}

#[tokio::test]
#[ignore = "needs Prism: run by .ci/run with --include-ignored"]
async fn seed_operations_get_their_documented_success() {
    let url = prism("SEED_PRISM_URL");
    let client = seed_client(&url);
    static_run("seed", "spec/affiliates.yml", seed_calls(&client, &RequestOptions::new())).await;
}

#[tokio::test]
#[ignore = "needs Prism: run by .ci/run with --include-ignored"]
async fn sample_operations_get_their_documented_success() {
    let url = prism("SAMPLE_PRISM_URL");
    let client = sample_client(&url);
    static_run("sample", "spec/whop-sample.yml", sample_calls(&client, &RequestOptions::new())).await;
}

#[tokio::test]
#[ignore = "needs Prism: run by .ci/run with --include-ignored"]
async fn seed_dynamic_responses_decode() {
    let url = prism("SEED_PRISM_URL");
    let client = seed_client(&url);
    let options = RequestOptions::new().header("prefer", "dynamic=true");
    dynamic_run("seed", || seed_calls(&client, &options)).await;
}

#[tokio::test]
#[ignore = "needs Prism: run by .ci/run with --include-ignored"]
async fn sample_dynamic_responses_decode() {
    let url = prism("SAMPLE_PRISM_URL");
    let client = sample_client(&url);
    let options = RequestOptions::new().header("prefer", "dynamic=true");
    dynamic_run("sample", || sample_calls(&client, &options)).await;
}

#[tokio::test]
#[ignore = "needs Prism: run by .ci/run with --include-ignored"]
async fn every_documented_error_status_is_a_typed_error() {
    let url = prism("SEED_PRISM_URL");
    let client = seed_client(&url);
    let mut checked = Vec::new();
    for status in [400u16, 401, 403, 404, 422, 500] {
        let options = RequestOptions::new().header("prefer", format!("code={status}"));
        let error = client
            .affiliates()
            .create(&seed::CreateAffiliateParams::new("biz_1", "user"))
            .with_options(options)
            .await
            .expect_err("an error status");
        let api = error.as_api().unwrap_or_else(|| panic!("{status}: {error:?}"));
        assert_eq!(api.status.as_u16(), status);
        assert_eq!(api.kind, ApiErrorKind::of(api.status));
        // Prism answers with the spec's example: an error object, except 422's `{"error": null}`.
        if status == 422 {
            assert!(api.error.is_none(), "{:?}", api.body);
        } else {
            assert!(api.message().is_some_and(|m| !m.is_empty()), "{status}: {}", api.body);
        }
        checked.push(status);
    }
    summary(&format!("conformance: seed: error statuses {checked:?} decoded as typed errors"));
}

#[tokio::test]
#[ignore = "needs Prism: run by .ci/run with --include-ignored"]
async fn a_request_missing_a_required_field_is_rejected_with_a_typed_error() {
    let url = prism("SEED_PRISM_URL");
    let client = seed_client(&url);
    // Bypass the typed params (which cannot forget a field) with a hand-built request.
    let mut request = whop_api::__private::RequestSpec::new(
        whop_api::__private::Method::POST,
        "/affiliates",
        "createAffiliate",
        whop_api::__private::Auth::Bearer,
    );
    request.json(&json!({"company_id": "biz_1"}));
    let error =
        whop_api::Call::<serde_json::Value>::new(client.runtime(), request).await.expect_err("invalid");
    let api = error.as_api().expect("api error");
    assert_eq!(api.kind, ApiErrorKind::Unprocessable, "{}", api.body);
    assert!(!violations(&api.headers).is_empty(), "Prism names the missing field");
}

fn status_class(outcome: &Outcome) -> String {
    match outcome {
        Ok(_) => "2xx decoded".to_owned(),
        Err(error) => match error.status() {
            Some(status) => format!("{}xx", status.as_u16() / 100),
            None => format!("no status: {error}"),
        },
    }
}

/// The generated mock and Prism, sent the same valid requests, answer alike.
#[tokio::test]
#[ignore = "needs Prism: run by .ci/run with --include-ignored"]
async fn the_generated_mock_agrees_with_prism() {
    let url = prism("SAMPLE_PRISM_URL");
    let prism_client = sample_client(&url);
    // Prism remembers nothing: compare with the stateless mock.
    let mock = sample::mock::MockServer::start_stateless().await.expect("mock");
    let mock_client = mock.client();
    let options = RequestOptions::new();
    let mut disagreements = Vec::new();
    let pairs = sample_calls(&prism_client, &options).into_iter().zip(sample_calls(&mock_client, &options));
    let mut total = 0;
    for ((operation, from_prism), (_, from_mock)) in pairs {
        let (from_prism, from_mock) = (from_prism.await, from_mock.await);
        let (prism_class, mock_class) = (status_class(&from_prism), status_class(&from_mock));
        if prism_class != mock_class || from_prism.is_err() {
            disagreements.push(format!("{operation}: prism {prism_class}, mock {mock_class}"));
        }
        total += 1;
    }
    summary(&format!(
        "conformance: mock vs prism: {}/{total} operations agree (2xx, decoded)",
        total - disagreements.len()
    ));
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}
