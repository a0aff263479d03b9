//! The app in-process, on 127.0.0.1, against the generated mock: user tokens signed by the
//! mock's key (which the client trusts with no setup), typed stubs for the access checks, and
//! signed webhook deliveries.

use std::sync::{Arc, Mutex};

use serde_json::{json, Value};
use whop_api::mock::{Example, MockReply};
use whop_api::{UserTokenSigner, Webhooks};
use whop_app_example::{router, whop, App};

const APP_ID: &str = "app_test";
const COMPANY: &str = "biz_test";
const SECRET: &str = "whsec_dGVzdC1zZWNyZXQtZm9yLXRoZS1hcHA=";

struct Running {
    mock: whop::mock::MockServer,
    base: String,
    http: reqwest::Client,
    handled: Arc<Mutex<Vec<String>>>,
}

/// The mock API, then the app on a free port, its client pointed at the mock.
async fn start() -> Running {
    let mock = whop::mock::MockServer::start().await.unwrap_or_else(|e| panic!("{e}"));
    let client = whop::Client::builder()
        .api_key("sk_test")
        .base_url(mock.url())
        .app_id(APP_ID)
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let handled = Arc::new(Mutex::new(Vec::new()));
    let app = App {
        whop: client,
        webhooks: Webhooks::new(SECRET).unwrap_or_else(|e| panic!("{e}")),
        company_id: COMPANY.to_owned(),
        handled: handled.clone(),
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap_or_else(|e| panic!("{e}"));
    let base = format!("http://{}", listener.local_addr().unwrap_or_else(|e| panic!("{e}")));
    tokio::spawn(async move { axum::serve(listener, router(app)).await });
    // Access as the company's dashboard would grant it: `user_admin` administers the
    // company, `user_member` is a customer of `exp_1`, nobody else has access to anything.
    mock.users().check_access().respond_with(|request| {
        let (user, resource) = (request.path_params[0].as_str(), request.path_params[1].as_str());
        let level = match (user, resource) {
            ("user_admin", COMPANY) => whop::AccessLevel::Admin,
            ("user_member", "exp_1") => whop::AccessLevel::Customer,
            _ => whop::AccessLevel::NoAccess,
        };
        let has_access = level != whop::AccessLevel::NoAccess;
        MockReply::json(200, &whop::UserCheckAccessResponse { access_level: level, has_access })
    });
    Running { mock, base, http: reqwest::Client::new(), handled }
}

impl Running {
    fn token(&self, user: &str) -> String {
        self.mock.server().user_token(user, APP_ID).unwrap_or_else(|e| panic!("{e}"))
    }

    async fn get(&self, path: &str, token: Option<&str>) -> (u16, String) {
        let mut request = self.http.get(format!("{}{path}", self.base));
        if let Some(token) = token {
            request = request.header("x-whop-user-token", token);
        }
        let response = request.send().await.unwrap_or_else(|e| panic!("{e}"));
        (response.status().as_u16(), response.text().await.unwrap_or_default())
    }
}

#[tokio::test]
async fn the_page_greets_a_user_with_access_and_turns_away_everyone_else() {
    let app = start().await;

    let (status, body) = app.get("/experiences/exp_1", Some(&app.token("user_member"))).await;
    assert_eq!((status, body.as_str()), (200, "Welcome, user_member (Customer of exp_1)"));
    let checked = app.mock.users().check_access().requests();
    assert_eq!(checked[0].path_params, ["user_member", "exp_1"]);

    assert_eq!(app.get("/experiences/exp_2", Some(&app.token("user_member"))).await.0, 403);
    let (status, body) = app.get("/experiences/exp_1", None).await;
    assert_eq!((status, body.as_str()), (401, "the request has no x-whop-user-token header"));
    let other_app = app.mock.server().user_token("user_member", "app_other").unwrap_or_default();
    assert_eq!(app.get("/experiences/exp_1", Some(&other_app)).await, (401, "the user token is not for this app".to_owned()));
    let forged = UserTokenSigner::new().and_then(|s| s.token("user_member", APP_ID)).unwrap_or_default();
    assert_eq!(app.get("/experiences/exp_1", Some(&forged)).await.0, 401);
}

#[tokio::test]
async fn an_admin_gets_every_membership_as_json() {
    let app = start().await;
    let members: Vec<whop::MembershipListResponse> = (0..25)
        .map(|i| whop::MembershipListResponse { id: format!("mem_{i}"), ..whop::MembershipListResponse::example() })
        .collect();
    app.mock.memberships().list().paginate(&members, 10).unwrap_or_else(|e| panic!("{e}"));

    let (status, body) = app.get("/admin/memberships", Some(&app.token("user_admin"))).await;
    assert_eq!(status, 200, "{body}");
    let served: Vec<Value> = serde_json::from_str(&body).unwrap_or_default();
    let ids: Vec<&str> = served.iter().filter_map(|m| m["id"].as_str()).collect();
    assert_eq!(ids, members.iter().map(|m| m.id.as_str()).collect::<Vec<_>>());
    // What was served decodes back into the API's own type, unchanged.
    let back: Vec<whop::MembershipListResponse> = serde_json::from_str(&body).unwrap_or_default();
    assert_eq!(back, members);
    let listed = app.mock.memberships().list().requests();
    assert_eq!(listed.len(), 3, "three pages");
    assert!(listed.iter().all(|r| r.params.as_ref().and_then(|p| p.company_id.as_deref()) == Some(COMPANY)));

    assert_eq!(app.get("/admin/memberships", Some(&app.token("user_member"))).await.0, 403);
}

#[tokio::test]
async fn an_admin_creates_a_checkout_for_a_plan() {
    let app = start().await;
    let response = app
        .http
        .post(format!("{}/admin/checkout", app.base))
        .header("x-whop-user-token", app.token("user_admin"))
        .json(&json!({"plan_id": "plan_123"}))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.status().as_u16(), 200);
    let config: Value = response.json().await.unwrap_or_default();
    assert!(config["id"].is_string(), "{config}");

    let sent = app.mock.checkout_configurations().create().requests();
    match sent[0].params.as_ref() {
        Some(whop::CreateCheckoutConfigurationBody::PaymentWithPlanId(body)) => assert_eq!(body.plan_id, "plan_123"),
        other => panic!("{other:?}"),
    }
    let api_version = sent[0].headers.iter().find(|(name, _)| name == "api-version-date").map(|(_, v)| v.as_str());
    assert_eq!(api_version, Some(whop::Client::API_VERSION));
}

#[tokio::test]
async fn signed_webhooks_are_handled_and_forgeries_refused() {
    let app = start().await;
    let membership = serde_json::to_value(whop::Membership { id: "mem_42".to_owned(), ..whop::Membership::example() })
        .unwrap_or_default();
    let event = json!({
        "id": "msg_1",
        "api_version": "v1",
        "data": membership,
        "timestamp": "2026-12-02T10:00:00Z",
        "type": "membership.activated",
    });
    let signer = Webhooks::new(SECRET).unwrap_or_else(|e| panic!("{e}"));
    let delivery = signer.sign_event(&event).unwrap_or_else(|e| panic!("{e}"));
    let post = |headers: whop_api::header::HeaderMap, body: Vec<u8>| {
        app.http.post(format!("{}/webhooks", app.base)).headers(headers).body(body).send()
    };

    let ok = post(delivery.headers.clone(), delivery.body.clone()).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ok.status().as_u16(), 200, "{}", ok.text().await.unwrap_or_default());
    let unknown = signer.sign_event(&json!({"type": "app.installed", "id": "msg_2"})).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(post(unknown.headers, unknown.body).await.map(|r| r.status().as_u16()).ok(), Some(200));

    let mut tampered = delivery.body.clone();
    tampered.extend_from_slice(b" ");
    assert_eq!(post(delivery.headers.clone(), tampered).await.map(|r| r.status().as_u16()).ok(), Some(400));
    let other_secret = Webhooks::new("whsec_b3RoZXItc2VjcmV0").and_then(|w| w.sign_event(&event));
    let other_secret = other_secret.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(post(other_secret.headers, other_secret.body).await.map(|r| r.status().as_u16()).ok(), Some(400));

    let handled = app.handled.lock().map(|h| h.clone()).unwrap_or_default();
    assert_eq!(handled, ["membership.activated mem_42", "unhandled app.installed"]);
}
