//! What each kind of failure looks like, and how to match on it. Runs offline against an
//! embedded mock that answers with errors.
//!
//! `cargo run --example errors`

use std::time::Duration;

use serde_json::json;
use whop_api::{ApiErrorKind, Error, RequestOptions};
use wiremock::matchers::{body_partial_json, method};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod whop {
    whop_api::whop_api!("spec/affiliates.yml");
}

#[tokio::main]
async fn main() {
    let server = MockServer::start().await;
    let respond = |user: &str, template: ResponseTemplate| {
        Mock::given(method("POST"))
            .and(body_partial_json(json!({"user_identifier": user})))
            .respond_with(template)
    };
    let error = |kind: &str, message: &str| json!({"error": {"type": kind, "message": message, "code": null, "param": null}});
    respond(
        "missing",
        ResponseTemplate::new(404)
            .set_body_json(error("not_found", "Resource not found"))
            .insert_header("x-request-id", "req_404"),
    )
    .mount(&server)
    .await;
    respond(
        "forbidden",
        ResponseTemplate::new(403)
            .set_body_json(error("forbidden", "You do not have permission to access this resource")),
    )
    .mount(&server)
    .await;
    respond("busy", ResponseTemplate::new(429).insert_header("retry-after-ms", "50")).mount(&server).await;
    respond("slow", ResponseTemplate::new(200).set_delay(Duration::from_secs(2))).mount(&server).await;
    respond("garbled", ResponseTemplate::new(200).set_body_raw("{\"id\": 1", "application/json"))
        .mount(&server)
        .await;
    respond("proxy", ResponseTemplate::new(502).set_body_raw("<html>Bad Gateway</html>", "text/html"))
        .mount(&server)
        .await;

    let client = whop::Client::builder()
        .api_key("sk_mock")
        .base_url(server.uri())
        .max_retries(1)
        .build()
        .expect("config");
    for user in ["missing", "forbidden", "busy", "slow", "garbled", "proxy"] {
        let call = client
            .affiliates()
            .create(&whop::CreateAffiliateParams::new("biz_1", user))
            .with_options(RequestOptions::new().timeout(Duration::from_millis(300)));
        match call.await {
            Ok(affiliate) => println!("{user:>9}: created {}", affiliate.id),
            Err(Error::Api(api)) if api.kind == ApiErrorKind::NotFound => {
                println!("{user:>9}: not found: {:?} (request {:?})", api.message(), api.request_id)
            }
            Err(Error::Api(api)) if api.kind == ApiErrorKind::RateLimited => {
                println!("{user:>9}: still rate limited after retries ({})", api.status)
            }
            Err(Error::Api(api)) => {
                println!("{user:>9}: {} {:?}; raw body: {}", api.status, api.kind, api.body)
            }
            Err(Error::Timeout { attempts, .. }) => {
                println!("{user:>9}: timed out after {attempts} attempts")
            }
            Err(Error::Decode { status, path, body, .. }) => {
                println!("{user:>9}: {status} body does not fit at `{path}`: {body}")
            }
            Err(other) => println!("{user:>9}: {other}"),
        }
    }
}
