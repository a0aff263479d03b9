//! The generated mock server (`mock = true`): defaults for every operation decode, the
//! bearer and parameter checks answer 401/422 with the error envelope, overrides, error
//! injection, typed request recording and pagination from a `Vec`.

use std::time::{Duration, Instant};

use whop_api::mock::MockReply;
use whop_api::{ApiErrorKind, Error};

mod seed {
    whop_api::whop_api!("spec/affiliates.yml", mock = true);
}

mod sample {
    whop_api::whop_api!("spec/whop-sample.yml", mock = true);
}

mod shapes {
    whop_api::whop_api!("tests/specs/shapes.yml", mock = true);
}

#[tokio::test]
async fn the_seed_operation_answers_with_the_spec_examples() {
    let mock = seed::mock::MockServer::start().await.expect("mock");
    let affiliate = mock
        .client()
        .affiliates()
        .create(&seed::CreateAffiliateParams::new("biz_1", "jane"))
        .await
        .expect("default answer decodes");
    // The spec's own examples, not invented values.
    assert_eq!(affiliate.id, "aff_xxxxxxxxxxxxxx");
    assert_eq!(affiliate.created_at.to_rfc3339(), "2023-12-01T05:00:00.401+00:00");
    assert_eq!(affiliate.status, Some(seed::Status::Active));
    assert_eq!(affiliate.user.username.as_deref(), Some("janesmith"));
}

#[tokio::test]
async fn every_sample_operation_answers_by_default_and_decodes() {
    let mock = sample::mock::MockServer::start_stateless().await.expect("mock");
    let client = mock.client();
    use sample::*;
    let (a, m, p, pr) = (client.affiliates(), client.memberships(), client.plans(), client.products());
    let standard = CreateOverrideAffiliateBody::Standard(CreateOverrideAffiliateBodyStandard::new(
        "aff_1", 10.0, "plan_1",
    ));
    a.create(&CreateAffiliateParams::new("biz_1", "user")).await.expect("createAffiliate");
    let page = a
        .list(&ListAffiliateParams::new("biz_1").first(10).status(Status::Active))
        .await
        .expect("listAffiliate");
    assert!(page.data.is_empty() && !page.page_info.has_next_page, "default lists are empty and final");
    a.retrieve("aff_1").await.expect("retrieveAffiliate");
    a.archive("aff_1").await.expect("archiveAffiliate");
    a.unarchive("aff_1").await.expect("unarchiveAffiliate");
    a.overrides().create("aff_1", &standard).await.expect("createOverrideAffiliate");
    a.overrides().list("aff_1", &ListOverrideAffiliateParams::new()).await.expect("listOverrideAffiliate");
    a.overrides().retrieve("aff_1", "ovr_1").await.expect("retrieveOverrideAffiliate");
    a.overrides()
        .update("aff_1", "ovr_1", &UpdateOverrideAffiliateParams::new())
        .await
        .expect("updateOverrideAffiliate");
    a.overrides().delete("aff_1", "ovr_1").await.expect("deleteOverrideAffiliate");
    m.list(&ListMembershipParams::new()).await.expect("listMembership");
    m.retrieve("mem_1").await.expect("retrieveMembership");
    m.update("mem_1", &UpdateMembershipParams::new().metadata_null()).await.expect("updateMembership");
    m.add_free_days("mem_1", &AddFreeDaysMembershipParams::new(7)).await.expect("addFreeDaysMembership");
    m.cancel("mem_1", &CancelMembershipParams::new()).await.expect("cancelMembership");
    m.pause("mem_1", &PauseMembershipParams::new()).await.expect("pauseMembership");
    m.resume("mem_1").await.expect("resumeMembership");
    m.uncancel("mem_1").await.expect("uncancelMembership");
    p.create(&CreatePlanParams::new("biz_1", "prod_1")).await.expect("createPlan");
    p.list(&ListPlanParams::new("biz_1")).await.expect("listPlan");
    p.retrieve("plan_1").await.expect("retrievePlan");
    p.update("plan_1", &UpdatePlanParams::new()).await.expect("updatePlan");
    p.delete("plan_1").await.expect("deletePlan");
    pr.create(&CreateProductParams::new("biz_1", "Title")).await.expect("createProduct");
    pr.list(&ListProductParams::new("biz_1")).await.expect("listProduct");
    pr.retrieve("prod_1").await.expect("retrieveProduct");
    pr.update("prod_1", &UpdateProductParams::new()).await.expect("updateProduct");
    pr.delete("prod_1").await.expect("deleteProduct");
    let operations: std::collections::BTreeSet<&str> =
        mock.server().received().iter().map(|r| r.operation).collect();
    assert_eq!(operations.len(), 28, "{operations:?}");
}

#[tokio::test]
async fn a_missing_key_is_401_and_bad_parameters_are_422_naming_them() {
    let mock = sample::mock::MockServer::start().await.expect("mock");
    let keyless = sample::Client::builder().base_url(mock.url()).build().expect("config");
    // The operation needs a key, but the builder has none: nothing is sent.
    assert!(matches!(keyless.affiliates().retrieve("aff_1").await, Err(Error::Config(_))));

    // Hand-built requests, to send what the typed client cannot.
    let (status, body) = send(reqwest::Client::new().get(format!("{}/affiliates/aff_1", mock.url()))).await;
    assert_eq!((status, &body["error"]["type"]), (401, &serde_json::json!("unauthorized")));

    let list = |query: &str| {
        reqwest::Client::new().get(format!("{}/affiliates?{query}", mock.url())).bearer_auth("sk_test")
    };
    let (status, body) = send(list("first=10")).await;
    assert_eq!((status, &body["error"]["code"]), (422, &serde_json::json!("parameter_invalid")));
    assert!(body["error"]["message"].as_str().unwrap_or_default().contains("company_id"), "{body}");
    let (status, body) = send(list("company_id=biz_1&first=ten")).await;
    assert_eq!((status, &body["error"]["param"]), (422, &serde_json::json!("first")), "{body}");

    let create = reqwest::Client::new()
        .post(format!("{}/affiliates", mock.url()))
        .bearer_auth("sk_test")
        .header("content-type", "application/json")
        .body(r#"{"company_id": "biz_1"}"#);
    let (status, body) = send(create).await;
    assert_eq!(status, 422);
    assert!(body["error"]["message"].as_str().unwrap_or_default().contains("user_identifier"), "{body}");
}

/// Sends a request, returning the status and the JSON body.
async fn send(request: reqwest::RequestBuilder) -> (u16, serde_json::Value) {
    let response = request.send().await.expect("sent");
    let status = response.status().as_u16();
    (status, serde_json::from_slice(&response.bytes().await.expect("body")).expect("JSON body"))
}

#[tokio::test]
async fn reset_forgets_overrides_and_requests() {
    let mock = seed::mock::MockServer::start().await.expect("mock");
    let params = seed::CreateAffiliateParams::new("biz_1", "jane");
    mock.affiliates().create().fail(500, "down");
    assert!(mock
        .client()
        .affiliates()
        .create(&params)
        .with_options(whop_api::RequestOptions::new().max_retries(0))
        .await
        .is_err());
    mock.server().reset();
    assert!(mock.server().received().is_empty());
    assert!(mock.client().affiliates().create(&params).await.is_ok(), "the default answer is back");
}

#[tokio::test]
async fn overrides_answer_with_typed_values_and_errors() {
    let mock = seed::mock::MockServer::start().await.expect("mock");
    let client = mock.client();
    let params = seed::CreateAffiliateParams::new("biz_1", "jane");
    let mut affiliate = client.affiliates().create(&params).await.expect("default");
    affiliate.id = "aff_custom".into();
    affiliate.status = Some(seed::Status::Archived);

    mock.affiliates().create().respond(&affiliate);
    assert_eq!(client.affiliates().create(&params).await.expect("override"), affiliate);

    mock.affiliates().create().fail(404, "Company not found");
    let error = client.affiliates().create(&params).await.expect_err("404");
    let api = error.as_api().expect("api error");
    assert_eq!((api.kind, api.message()), (ApiErrorKind::NotFound, Some("Company not found")));

    mock.affiliates().create().respond_with(|request| {
        let user = request.params.as_ref().map(|p| p.user_identifier.clone()).unwrap_or_default();
        MockReply::error(403, &format!("{user} may not join"))
    });
    let error = client.affiliates().create(&params).await.expect_err("403");
    assert_eq!(error.as_api().and_then(|a| a.message()), Some("jane may not join"));
}

#[tokio::test]
async fn a_sequence_of_statuses_drives_retries_and_delays_are_honoured() {
    let mock = seed::mock::MockServer::start().await.expect("mock");
    let client = mock.client();
    let params = seed::CreateAffiliateParams::new("biz_1", "jane");
    let affiliate = client.affiliates().create(&params).await.expect("default");
    mock.affiliates().create().replies([
        MockReply::error(500, "boom").header("retry-after-ms", "1"),
        MockReply::error(500, "boom").header("retry-after-ms", "1"),
        MockReply::json(200, &affiliate).delay(Duration::from_millis(20)),
    ]);
    let started = Instant::now();
    assert_eq!(client.affiliates().create(&params).await.expect("third attempt"), affiliate);
    assert!(started.elapsed() >= Duration::from_millis(20));
    assert_eq!(mock.affiliates().create().requests().len(), 4, "1 default + 3 attempts");
}

#[tokio::test]
async fn the_mock_client_retries_without_waiting_and_answers_carry_request_ids() {
    let mock = seed::mock::MockServer::start().await.expect("mock");
    let client = mock.client();
    let params = seed::CreateAffiliateParams::new("biz_1", "jane");
    let affiliate = client.affiliates().create(&params).await.expect("default");
    // No retry-after: a client with the default backoff would wait 0.5 s, then 1 s.
    mock.affiliates().create().replies([
        MockReply::error(500, "boom"),
        MockReply::error(503, "busy"),
        MockReply::json(200, &affiliate),
    ]);
    let response = client.affiliates().create(&params).with_response().await.expect("third attempt");
    assert_eq!(response.data, affiliate);
    let id = response.request_id.expect("the mock names every request");
    assert!(id.starts_with("req_mock_"), "{id}");
    let error =
        client.affiliates().create(&params).with_options(whop_api::RequestOptions::new().max_retries(0));
    mock.affiliates().create().fail(404, "gone");
    let error = error.await.expect_err("404");
    assert!(error.request_id().is_some_and(|id| id.starts_with("req_mock_")), "{error:?}");
}

#[tokio::test]
async fn stubs_start_from_the_spec_examples() {
    use whop_api::mock::Example;
    let mock = sample::mock::MockServer::start().await.expect("mock");
    let stub = sample::Membership { id: "mem_stub".to_owned(), ..sample::Membership::example() };
    mock.memberships().retrieve().respond(&stub);
    let got = mock.client().memberships().retrieve("mem_stub").await.expect("retrieve");
    assert_eq!(got, stub);
    // Every kind of component has one: objects, items of lists, nested ones.
    let _ = (sample::Plan::example(), sample::Product::example(), sample::MembershipListResponse::example());
    assert_eq!(sample::Affiliate::example(), sample::Affiliate::example(), "deterministic");
}

#[test]
fn request_enums_parse_strictly_and_unknown_values_are_explicit() {
    let status: sample::MembershipStatus = "active".parse().expect("a listed value");
    assert_eq!(status, sample::MembershipStatus::Active);
    let typo = "actve".parse::<sample::MembershipStatus>().expect_err("a typo is an error");
    assert_eq!(typo.to_string(), "`actve` is not a MembershipStatus value the spec lists");
    // Forward compatibility is explicit: the catch-all variant.
    let future = sample::MembershipStatus::Unknown("paused_indefinitely".to_owned());
    assert_eq!(future.as_str(), "paused_indefinitely");
}

#[test]
fn string_enums_compare_and_hash_by_wire_text() {
    use sample::MembershipStatus as Status;
    use std::collections::HashSet;
    assert_eq!(Status::Active, Status::Active);
    assert_ne!(Status::Active, Status::Expired);
    assert_ne!(Status::Unknown("paused".to_owned()), Status::Unknown("stopped".to_owned()));
    // A catch-all value with a listed text is sent as that variant is, so it equals it.
    assert_eq!(Status::Unknown("active".to_owned()), Status::Active);
    let distinct: HashSet<Status> = [
        Status::Active,
        Status::Unknown("active".to_owned()),
        Status::Unknown("paused".to_owned()),
        Status::Expired,
    ]
    .into_iter()
    .collect();
    assert_eq!(distinct.len(), 3, "hashing agrees with equality");
    // Cloning keeps the variant itself.
    assert!(
        matches!(Status::Unknown("active".to_owned()).clone(), Status::Unknown(text) if text == "active")
    );
}

#[tokio::test]
async fn the_mock_rejects_an_enum_value_the_spec_does_not_list() {
    let mock = sample::mock::MockServer::start().await.expect("mock");
    let client = mock.client();
    let listed = sample::ListMembershipParams::new()
        .company_id("biz_1")
        .statuses(vec![sample::MembershipStatus::Active]);
    client.memberships().list(&listed).await.expect("a listed value is accepted");
    let unlisted = sample::ListMembershipParams::new()
        .company_id("biz_1")
        .statuses(vec![sample::MembershipStatus::Unknown("actve".to_owned())]);
    let error = client.memberships().list(&unlisted).await.expect_err("422");
    let api = error.as_api().expect("an API error");
    assert_eq!(api.status.as_u16(), 422);
    assert!(api.message().is_some_and(|m| m.contains("`actve` is not a value the spec lists")), "{api:?}");
}

/// Sends `request` as raw bytes and reads until the server has answered `answers` times.
async fn raw_exchange(url: &str, request: &[u8], expect_continue: bool) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let address = url.trim_start_matches("http://");
    let mut socket = tokio::net::TcpStream::connect(address).await.expect("connect");
    let (head, body) = request.split_at(request.windows(4).position(|w| w == b"\r\n\r\n").expect("head") + 4);
    socket.write_all(head).await.expect("head");
    let mut reply = Vec::new();
    let mut chunk = [0u8; 4096];
    if expect_continue {
        // The body goes only after the server's interim 100.
        let n = socket.read(&mut chunk).await.expect("100 Continue");
        reply.extend_from_slice(&chunk[..n]);
    }
    socket.write_all(body).await.expect("body");
    while !String::from_utf8_lossy(&reply).contains("\"id\"") {
        let n = socket.read(&mut chunk).await.expect("answer");
        if n == 0 {
            break;
        }
        reply.extend_from_slice(&chunk[..n]);
    }
    String::from_utf8_lossy(&reply).into_owned()
}

#[tokio::test]
async fn the_mock_reads_chunked_bodies_and_answers_expect_continue() {
    let mock = seed::mock::MockServer::start().await.expect("mock");
    let json = br#"{"company_id":"biz_1","user_identifier":"chunked"}"#;
    let mut chunked = b"POST /affiliates HTTP/1.1\r\nhost: x\r\nauthorization: Bearer k\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n".to_vec();
    for part in json.chunks(10) {
        chunked.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
        chunked.extend_from_slice(part);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let reply = raw_exchange(mock.url(), &chunked, false).await;
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");

    let body = br#"{"company_id":"biz_1","user_identifier":"patient"}"#;
    let mut waiting = format!(
        "POST /affiliates HTTP/1.1\r\nhost: x\r\nauthorization: Bearer k\r\ncontent-type: application/json\r\ncontent-length: {}\r\nexpect: 100-continue\r\n\r\n",
        body.len()
    )
    .into_bytes();
    waiting.extend_from_slice(body);
    let reply = raw_exchange(mock.url(), &waiting, true).await;
    assert!(reply.starts_with("HTTP/1.1 100 Continue"), "{reply}");
    assert!(reply.contains("HTTP/1.1 200"), "{reply}");

    let sent: Vec<String> = mock
        .affiliates()
        .create()
        .requests()
        .iter()
        .filter_map(|r| r.params.as_ref().map(|p| p.user_identifier.clone()))
        .collect();
    assert_eq!(sent, ["chunked", "patient"]);
}

#[tokio::test]
async fn requests_are_recorded_typed() {
    let mock = sample::mock::MockServer::start_stateless().await.expect("mock");
    let client = mock.client();
    client
        .affiliates()
        .list(&sample::ListAffiliateParams::new("biz_9").first(5).query("jane"))
        .await
        .expect("list");
    client
        .memberships()
        .add_free_days("mem_1", &sample::AddFreeDaysMembershipParams::new(3))
        .await
        .expect("add");

    let lists = mock.affiliates().list().requests();
    let params = lists[0].params.as_ref().expect("typed params");
    assert_eq!(
        (params.company_id.as_str(), params.first, params.query.as_deref()),
        ("biz_9", Some(5), Some("jane"))
    );
    let adds = mock.memberships().add_free_days().requests();
    assert_eq!(adds[0].path_params, ["mem_1"]);
    assert_eq!(adds[0].params.as_ref().map(|p| p.free_days), Some(3));
}

#[tokio::test]
async fn a_vec_is_served_as_cursor_pages() {
    let mock = sample::mock::MockServer::start_stateless().await.expect("mock");
    let client = mock.client();
    let params = sample::ListAffiliateParams::new("biz_1");
    let template = client.affiliates().retrieve("aff_0").await.expect("default affiliate");
    let items: Vec<sample::AffiliateListResponse> = (0..250)
        .map(|i| {
            let mut value = serde_json::to_value(&template).expect("serializes");
            value["id"] = serde_json::json!(format!("aff_{i:03}"));
            serde_json::from_value(value).expect("same shape")
        })
        .collect();
    mock.affiliates().list().paginate(&items, 100).expect("a paginated list");

    let mut stream = client.affiliates().list_stream(&params);
    let mut ids = Vec::new();
    while let Some(item) = stream.next().await {
        ids.push(item.expect("page").id);
    }
    assert_eq!(ids.len(), 250);
    assert_eq!((ids[0].as_str(), ids[249].as_str()), ("aff_000", "aff_249"));
    let cursors: Vec<Option<String>> = mock
        .affiliates()
        .list()
        .requests()
        .iter()
        .map(|r| r.params.as_ref().and_then(|p| p.after.clone()))
        .collect();
    assert_eq!(cursors, [None, Some("cursor_100".into()), Some("cursor_200".into())], "3 pages");
    assert!(mock.affiliates().retrieve().paginate(&[], 10).is_err(), "not a list: its item type is ()");
}

#[tokio::test]
async fn a_body_that_is_not_an_object_is_checked_as_a_whole() {
    let mock = shapes::mock::MockServer::start().await.expect("mock");
    let parts = vec![shapes::Part::new("wheel"), shapes::Part::new("axle")];
    // The body is a named array (`PartList`): it is the whole parameters value.
    let list: shapes::PartList = parts.clone();
    mock.client().gadgets().parts().add("g1", &list).await.expect("204 by default");
    let sent = mock.gadgets().parts().add().requests();
    assert_eq!(sent[0].params.as_ref(), Some(&parts));

    let request = reqwest::Client::new()
        .post(format!("{}/gadgets/g1/parts", mock.url()))
        .bearer_auth("sk_test")
        .header("content-type", "application/json")
        .body("[1, 2]");
    let (status, body) = send(request).await;
    assert_eq!(status, 422, "{body}");
}

mod api_key {
    whop_api::whop_api!("tests/specs/api_key.yml", mock = true);
}

#[tokio::test]
async fn the_mock_checks_the_credential_each_scheme_sends() {
    let mock = api_key::mock::MockServer::start().await.expect("mock");
    let client = mock.client();
    client.notes().list().await.expect("a key in the X-Api-Key header is accepted");
    client.tags().list().await.expect("a key in the api_key query parameter is accepted");

    let http = reqwest::Client::new();
    let (status, _) = send(http.get(format!("{}/notes", mock.url()))).await;
    assert_eq!(status, 401, "no header key");
    let (status, _) =
        send(http.get(format!("{}/notes", mock.url())).header("authorization", "Bearer k")).await;
    assert_eq!(status, 401, "a bearer token is not the header key");
    let (status, _) = send(http.get(format!("{}/tags", mock.url())).header("x-api-key", "k")).await;
    assert_eq!(status, 401, "no query key");
    let (status, _) = send(http.get(format!("{}/tags?api_key=k", mock.url()))).await;
    assert_eq!(status, 200, "the query key alone");
}

/// A handler that calls back into the server (here: reads the requests so far) must not
/// deadlock on the server's state. On its own thread, so a deadlock fails the test instead of
/// hanging it.
#[test]
fn a_handler_may_call_back_into_the_server() {
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        let outcome = runtime.block_on(async {
            let mock = std::sync::Arc::new(seed::mock::MockServer::start().await.expect("mock"));
            let server = std::sync::Arc::clone(&mock);
            mock.affiliates().create().respond_with(move |_| {
                let seen = server.affiliates().create().requests().len();
                MockReply::error(418, &format!("seen {seen}"))
            });
            let params = seed::CreateAffiliateParams::new("biz_1", "jane");
            mock.client().affiliates().create(&params).await
        });
        let _ = done.send(outcome);
    });
    let outcome =
        finished.recv_timeout(Duration::from_secs(20)).expect("the handler finished without deadlock");
    match outcome {
        Err(Error::Api(error)) => {
            assert_eq!(error.status.as_u16(), 418);
            assert!(error.body.contains("seen 1"), "{error:?}");
        }
        other => panic!("expected the handler's 418, got {other:?}"),
    }
}
