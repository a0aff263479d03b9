//! The generated mock as a fake that remembers: objects created through the client are there
//! to retrieve, list, update and delete, end to end through the typed client, on the
//! 28-operation sample.

use std::collections::BTreeSet;

use whop_api::mock::{Example, MockReply};
use whop_api::{ApiErrorKind, Error};

mod whop {
    whop_api::whop_api!("spec/whop-sample.yml", mock = true);
}

mod notes {
    whop_api::whop_api!("tests/specs/lifecycle.yml", mock = true);
}

const COMPANY: &str = "biz_test";

async fn mock() -> whop::mock::MockServer {
    whop::mock::MockServer::start().await.unwrap_or_else(|e| panic!("{e}"))
}

fn not_found(result: Result<impl std::fmt::Debug, Error>) -> bool {
    matches!(result, Err(Error::Api(api)) if api.kind == ApiErrorKind::NotFound)
}

fn plans_of(product: &str) -> whop::ListPlanParams {
    whop::ListPlanParams {
        product_ids: Some(vec![product.to_owned()]),
        first: Some(100),
        ..whop::ListPlanParams::new(COMPANY)
    }
}

#[tokio::test]
async fn a_product_and_its_plans_live_through_create_retrieve_list_update_and_delete() {
    let mock = mock().await;
    let client = mock.client();

    let product = client.products().create(&whop::CreateProductParams::new(COMPANY, "Pro community")).await;
    let product = product.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(product.title, "Pro community");
    // The sample's examples give ids no prefix (`"string"`), so fresh ids have none.
    assert_eq!(product.id.len(), 14, "{}", product.id);

    let mut made = Vec::new();
    for title in ["Monthly", "Yearly"] {
        let mut params = whop::CreatePlanParams::new(COMPANY, &product.id);
        params.title = Some(Some(title.to_owned()));
        made.push(client.plans().create(&params).await.unwrap_or_else(|e| panic!("{e}")));
    }
    assert_ne!(made[0].id, made[1].id);
    for plan in &made {
        let fetched = client.plans().retrieve(&plan.id).await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(&fetched, plan);
        assert_eq!(fetched.product.as_ref().map(|p| p.id.as_str()), Some(product.id.as_str()));
    }

    // Another product's plan is not in the filtered list.
    let other = client.products().create(&whop::CreateProductParams::new(COMPANY, "Other")).await;
    let other = other.unwrap_or_else(|e| panic!("{e}"));
    client
        .plans()
        .create(&whop::CreatePlanParams::new(COMPANY, &other.id))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let listed = client.plans().list(&plans_of(&product.id)).await.unwrap_or_else(|e| panic!("{e}"));
    let titles: Vec<Option<&str>> = listed.data.iter().map(|p| p.title.as_deref()).collect();
    assert_eq!(titles, [Some("Monthly"), Some("Yearly")]);

    let mut rename = whop::UpdatePlanParams::new();
    rename.title = Some(Some("Monthly (new)".to_owned()));
    let updated = client.plans().update(&made[0].id, &rename).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(updated.title.as_deref(), Some("Monthly (new)"));
    let read_back = client.plans().retrieve(&made[0].id).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(read_back.title.as_deref(), Some("Monthly (new)"));
    assert!(read_back.updated_at >= made[0].updated_at);

    assert_eq!(client.plans().delete(&made[0].id).await.ok(), Some(true));
    assert!(not_found(client.plans().retrieve(&made[0].id).await));
    assert!(not_found(client.plans().delete(&made[0].id).await));
    assert_eq!(mock.plans().store().len(), 2);
}

#[tokio::test]
async fn two_hundred_and_fifty_plans_page_a_hundred_at_a_time_in_creation_order() {
    let mock = mock().await;
    let client = mock.client();
    let mut ids = Vec::new();
    for _ in 0..250 {
        let plan = client.plans().create(&whop::CreatePlanParams::new(COMPANY, "prod_1")).await;
        ids.push(plan.unwrap_or_else(|e| panic!("{e}")).id);
    }
    let walked = client.plans().list_stream(&plans_of("prod_1")).collect_all().await;
    let walked: Vec<String> = walked.unwrap_or_else(|e| panic!("{e}")).into_iter().map(|p| p.id).collect();
    assert_eq!(walked, ids);
    let pages: Vec<Option<String>> = mock
        .plans()
        .list()
        .requests()
        .iter()
        .map(|r| r.params.as_ref().and_then(|p| p.after.clone()))
        .collect();
    assert_eq!(pages.len(), 3, "{pages:?}");
}

#[tokio::test]
async fn an_action_answers_a_membership_seeded_with_insert() {
    let mock = mock().await;
    let seeded = whop::Membership { id: "mem_seeded".to_owned(), ..whop::Membership::example() };
    let id = mock.memberships().store().insert(&seeded).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(id, "mem_seeded");
    let client = mock.client();

    let canceled = client.memberships().cancel(&id, &whop::CancelMembershipParams::default()).await;
    assert_eq!(canceled.unwrap_or_else(|e| panic!("{e}")), seeded);
    let fetched = client.memberships().retrieve(&id).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(fetched, seeded);
    assert!(not_found(client.memberships().retrieve("mem_missing").await));
    assert_eq!(mock.memberships().store().get(&id).ok().flatten(), Some(seeded));
    mock.memberships().store().clear();
    assert!(not_found(client.memberships().retrieve(&id).await));
}

#[tokio::test]
async fn a_stub_beats_the_store_for_its_operation_only() {
    let mock = mock().await;
    let client = mock.client();
    let plan = client.plans().create(&whop::CreatePlanParams::new(COMPANY, "prod_1")).await;
    let plan = plan.unwrap_or_else(|e| panic!("{e}"));
    let stubbed = whop::Plan { title: Some("from the stub".to_owned()), ..plan.clone() };
    mock.plans().retrieve().respond(&stubbed);
    assert_eq!(client.plans().retrieve("plan_anything").await.ok(), Some(stubbed));
    mock.plans().delete().fail(503, "maintenance");
    assert!(client.plans().delete(&plan.id).await.is_err());
    // The store still has it, and the list (not stubbed) still reads the store.
    let listed = client.plans().list(&plans_of("prod_1")).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(listed.data.len(), 1);
    mock.plans().create().respond_with(|_| MockReply::error(422, "no more plans"));
    assert!(client.plans().create(&whop::CreatePlanParams::new(COMPANY, "prod_1")).await.is_err());
    assert_eq!(mock.plans().store().len(), 1);
}

#[tokio::test]
async fn a_stateless_start_answers_each_call_alone() {
    let mock = whop::mock::MockServer::start_stateless().await.unwrap_or_else(|e| panic!("{e}"));
    assert!(!mock.server().is_stateful());
    let client = mock.client();
    let plan = client.plans().create(&whop::CreatePlanParams::new(COMPANY, "prod_1")).await;
    let plan = plan.unwrap_or_else(|e| panic!("{e}"));
    // The spec's example, whatever id was created.
    let example = client.plans().retrieve("plan_never_created").await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(example, plan);
    assert_eq!(mock.plans().store().len(), 0);
}

#[tokio::test]
async fn a_hundred_concurrent_creates_make_a_hundred_distinct_ids() {
    let mock = mock().await;
    let client = mock.client();
    let tasks: Vec<_> = (0..100)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move {
                client.plans().create(&whop::CreatePlanParams::new(COMPANY, "prod_1")).await
            })
        })
        .collect();
    let mut ids = BTreeSet::new();
    for task in tasks {
        let plan = task.await.unwrap_or_else(|e| panic!("{e}")).unwrap_or_else(|e| panic!("{e}"));
        ids.insert(plan.id);
    }
    assert_eq!(ids.len(), 100);
    let stored: BTreeSet<String> =
        mock.plans().store().all().unwrap_or_default().into_iter().map(|p| p.id).collect();
    assert_eq!(stored, ids);
}

#[tokio::test]
async fn a_nested_collection_keeps_each_parents_items_apart() {
    let mock = mock().await;
    let client = mock.client();
    let overrides = client.affiliates().overrides();
    let body = whop::CreateOverrideAffiliateBody::Standard(whop::CreateOverrideAffiliateBodyStandard::new(
        "aff_1", 10.0, "plan_1",
    ));
    let first = overrides.create("aff_1", &body).await;
    let first = first.unwrap_or_else(|e| panic!("{e}"));
    assert!(overrides.retrieve("aff_1", &first.id).await.is_ok());
    assert!(not_found(overrides.retrieve("aff_2", &first.id).await));
}

/// A handler on 127.0.0.1 that verifies each delivery with `secret` and keeps the event types;
/// answers 200, or 400 for a delivery that is not authentic.
async fn webhook_handler(secret: String) -> (String, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let received = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap_or_else(|e| panic!("{e}"));
    let url = format!("http://{}/webhooks", listener.local_addr().unwrap_or_else(|e| panic!("{e}")));
    let kept = received.clone();
    tokio::spawn(async move {
        let webhooks = whop_api::Webhooks::new(&secret).unwrap_or_else(|e| panic!("{e}"));
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut request = Vec::new();
            let mut buffer = [0u8; 4096];
            // One request per connection (the mock's client sends no keep-alive reuse here).
            while let Ok(n) = socket.read(&mut buffer).await {
                request.extend_from_slice(&buffer[..n]);
                let text = String::from_utf8_lossy(&request).into_owned();
                let Some((head, body)) = text.split_once("\r\n\r\n") else { continue };
                let length = head
                    .lines()
                    .find_map(|l| {
                        l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().to_owned())
                    })
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(0);
                if body.len() < length || n == 0 {
                    continue;
                }
                let headers: Vec<(String, String)> = head
                    .lines()
                    .skip(1)
                    .filter_map(|l| {
                        l.split_once(':').map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
                    })
                    .collect();
                let status = match webhooks.verify::<serde_json::Value>(&headers, body.as_bytes()) {
                    Ok(event) => {
                        kept.lock().map(|mut k| k.push(event["type"].as_str().unwrap_or("").to_owned())).ok();
                        "200 OK"
                    }
                    Err(_) => "400 Bad Request",
                };
                let reply = format!("HTTP/1.1 {status}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
                let _ = socket.write_all(reply.as_bytes()).await;
                break;
            }
        }
    });
    (url, received)
}

#[tokio::test]
async fn the_mock_sends_a_signed_event_to_the_registered_handler_and_records_it() {
    let mock = mock().await;
    let (url, received) = webhook_handler(mock.server().webhook_secret().to_owned()).await;
    let event = serde_json::json!({"type": "membership.activated", "id": "msg_1", "data": {"id": "mem_1"}});

    // Nothing registered: nothing sent.
    assert_eq!(mock.server().emit(&event).await.ok(), Some(None));
    mock.server().deliver_webhooks_to(&url);
    assert_eq!(mock.server().emit(&event).await.ok(), Some(Some(200)));

    assert_eq!(received.lock().map(|r| r.clone()).unwrap_or_default(), ["membership.activated"]);
    let deliveries = mock.server().deliveries();
    assert_eq!(deliveries.len(), 1);
    assert_eq!(
        (deliveries[0].event_type.as_str(), deliveries[0].status),
        ("membership.activated", Some(200))
    );

    // A handler with another secret refuses the mock's deliveries, and the record says so.
    let (other_url, _) = webhook_handler("whsec_b3RoZXItc2VjcmV0".to_owned()).await;
    mock.server().deliver_webhooks_to(&other_url);
    assert_eq!(mock.server().emit(&event).await.ok(), Some(Some(400)));
    assert_eq!(mock.server().deliveries()[1].status, Some(400));
}

#[tokio::test]
async fn when_asked_the_store_sends_each_change_as_its_lifecycle_event() {
    let mock = notes::mock::MockServer::start().await.unwrap_or_else(|e| panic!("{e}"));
    let (url, received) = webhook_handler(mock.server().webhook_secret().to_owned()).await;
    mock.server().deliver_webhooks_to(&url);
    let client = mock.client();

    // Off by default.
    let quiet = client.notes().create(&notes::CreateNoteParams::new("quiet")).await;
    assert!(quiet.is_ok());
    mock.server().emit_lifecycle_events(true);
    let note = client.notes().create(&notes::CreateNoteParams::new("hello")).await;
    let note = note.unwrap_or_else(|e| panic!("{e}"));
    assert!(note.id.starts_with("note_"), "{}", note.id);
    let mut edit = notes::UpdateNoteParams::new();
    edit.text = Some("hello again".to_owned());
    client.notes().update(&note.id, &edit).await.unwrap_or_else(|e| panic!("{e}"));
    client.notes().delete(&note.id).await.unwrap_or_else(|e| panic!("{e}"));

    // Deliveries go out in tasks of their own; wait for the three (bounded).
    for _ in 0..200 {
        if mock.server().deliveries().len() >= 3 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    let mut deliveries = mock.server().deliveries();
    deliveries.sort_by_key(|d| {
        ["note.created", "note.updated", "note.deleted"].iter().position(|t| *t == d.event_type)
    });
    let kinds: Vec<(&str, Option<u16>)> =
        deliveries.iter().map(|d| (d.event_type.as_str(), d.status)).collect();
    assert_eq!(
        kinds,
        [("note.created", Some(200)), ("note.updated", Some(200)), ("note.deleted", Some(200))]
    );
    let mut seen = received.lock().map(|r| r.clone()).unwrap_or_default();
    seen.sort();
    assert_eq!(seen, ["note.created", "note.deleted", "note.updated"]);
    // Each body is the typed event, its `data` the object as it was changed.
    let updated = <notes::Event as whop_api::FromWebhook>::from_webhook(deliveries[1].body.as_bytes());
    match updated.unwrap_or_else(|e| panic!("{e}")) {
        notes::Event::NoteUpdated(event) => {
            assert_eq!((event.data.id, event.data.text), (note.id, "hello again".to_owned()))
        }
        other => panic!("{other:?}"),
    }
}
