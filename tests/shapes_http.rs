//! Every HTTP method and parameter kind, PATCH's three states, unions of each kind and
//! pagination, through a client generated from `tests/specs/shapes.yml`, against a real
//! server on 127.0.0.1 (wiremock). Each test asserts the exact request that was sent.

use serde_json::{json, Value};
use whop_api::Stream;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

mod shapes {
    // Both serde impls on every type: these tests round-trip values both ways.
    whop_api::whop_api!("tests/specs/shapes.yml", full_serde = true);
}

async fn setup(status: u16, body: Value) -> (MockServer, shapes::Client) {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(status).set_body_json(body))
        .mount(&server)
        .await;
    let client = shapes::Client::builder()
        .api_key("tok")
        .base_url(server.uri())
        .max_retries(0)
        .build()
        .expect("config");
    (server, client)
}

async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1, "exactly one request");
    requests.remove(0)
}

fn body(request: &Request) -> Value {
    serde_json::from_slice(&request.body).expect("JSON body")
}

fn gadget(id: &str) -> Value {
    json!({"id": id, "name": "G", "color": "dark-blue", "created": "2024-02-29"})
}

#[tokio::test]
async fn get_sends_every_query_kind_and_header() {
    let (server, client) = setup(
        200,
        json!({"data": [gadget("g1")], "page_info": {"end_cursor": null, "has_next_page": false}}),
    )
    .await;
    let created_after = "2024-01-02T03:04:05Z".parse().expect("timestamp");
    let params = shapes::ListGadgetParams::new()
        .after("cur 1")
        .limit(25)
        .active(true)
        .min_price(9.5)
        .color(shapes::Color::DarkBlue)
        .tags(["a", "b&c"])
        .ids(vec!["x", "y"])
        .created_after(created_after)
        .x_trace_id("trace-7");

    let page = client.gadgets().list(&params).await.expect("page");

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "GET");
    assert_eq!(request.url.path(), "/gadgets");
    assert_eq!(
        request.url.query(),
        Some("after=cur+1&limit=25&active=true&min_price=9.5&color=dark-blue&tags=a&tags=b%26c&ids=x%2Cy&created_after=2024-01-02T03%3A04%3A05Z")
    );
    assert_eq!(request.headers.get("x-trace-id").and_then(|v| v.to_str().ok()), Some("trace-7"));
    assert_eq!(request.headers.get("authorization").and_then(|v| v.to_str().ok()), Some("Bearer tok"));
    assert!(request.body.is_empty());
    assert_eq!(page.data[0].color, shapes::Color::DarkBlue);
    assert_eq!(page.data[0].created, "2024-02-29".parse().expect("date"));
}

#[tokio::test]
async fn unset_optional_query_parameters_are_left_out() {
    let (server, client) =
        setup(200, json!({"data": [], "page_info": {"end_cursor": null, "has_next_page": false}})).await;
    client.gadgets().list(&shapes::ListGadgetParams::default()).await.expect("page");
    let request = only_request(&server).await;
    assert_eq!(request.url.query(), None);
    assert!(request.headers.get("x-trace-id").is_none());
}

#[tokio::test]
async fn post_sends_the_body_with_renamed_and_keyword_fields() {
    let (server, client) = setup(201, json!({"gadget": gadget("g2"), "created": true})).await;
    let params = shapes::CreateGadgetParams::new("Widget", "big")
        .v2fa(true)
        .labels([("x".to_owned(), 1)].into_iter().collect())
        .self_link_null();

    let created = client.gadgets().create(&params).await.expect("created");

    let request = only_request(&server).await;
    assert_eq!((request.method.as_str(), request.url.path()), ("POST", "/gadgets"));
    assert_eq!(request.headers.get("content-type").and_then(|v| v.to_str().ok()), Some("application/json"));
    assert_eq!(
        body(&request),
        json!({"name": "Widget", "type": "big", "2fa": true, "labels": {"x": 1}, "self-link": null})
    );
    // 200 and 201 have different bodies: the response is a union of both.
    match created {
        shapes::CreateGadgetResponse::GadgetCreated(c) => assert!(c.created && c.gadget.id == "g2"),
        other => panic!("expected the 201 body, got {other:?}"),
    }
}

#[tokio::test]
async fn put_encodes_several_path_parameters() {
    let (server, client) = setup(200, json!({"label": "L", "weight": 1.5})).await;
    let mut part = shapes::Part::new("L");
    part.weight = Some(1.5);

    let replaced = client.gadgets().parts().replace("g/1 ü", 42, &part).await.expect("replaced");

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "PUT");
    assert_eq!(request.url.path(), "/gadgets/g%2F1%20%C3%BC/parts/42");
    assert_eq!(body(&request), json!({"label": "L", "weight": 1.5}));
    assert_eq!(replaced, part);
}

#[tokio::test]
async fn delete_with_no_content_returns_unit() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path("/gadgets/g1/parts/7"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let client = shapes::Client::builder().api_key("tok").base_url(server.uri()).build().expect("config");
    let () = client.gadgets().parts().delete("g1", 7).await.expect("deleted");
}

#[tokio::test]
async fn patch_sends_absent_null_and_value_distinctly() {
    let cases = [
        (shapes::UpdateGadgetParams::new(), json!({})),
        (shapes::UpdateGadgetParams::new().note_null().color_null(), json!({"note": null, "color": null})),
        (
            shapes::UpdateGadgetParams::new().name("N").note("hello").color(shapes::Color::Red),
            json!({"name": "N", "note": "hello", "color": "red"}),
        ),
    ];
    for (params, expected) in cases {
        let (server, client) = setup(200, gadget("g1")).await;
        client.gadgets().update("g1", &params).await.expect("updated");
        let request = only_request(&server).await;
        assert_eq!((request.method.as_str(), request.url.path()), ("PATCH", "/gadgets/g1"));
        assert_eq!(body(&request), expected);
        // and the params round-trip through their own Deserialize
        let back: shapes::UpdateGadgetParams = serde_json::from_value(expected).expect("decodes");
        assert_eq!(back, params);
    }
}

#[tokio::test]
async fn discriminated_union_picks_the_variant_by_tag_and_keeps_unknown_ones() {
    for (payload, check) in [
        (json!({"shape_type": "circle", "radius": 2.0}), "circle"),
        (json!({"shape_type": "square", "side": 3.0}), "square"),
        (json!({"shape_type": "hexagon", "sides": 6}), "unknown"),
    ] {
        let (_server, client) = setup(200, payload.clone()).await;
        let shape = client.shapes().retrieve("s1").await.expect("decodes");
        match (check, &shape) {
            ("circle", shapes::Shape::Circle(c)) => assert_eq!(c.radius, 2.0),
            ("square", shapes::Shape::Square(s)) => assert_eq!(s.side, 3.0),
            ("unknown", shapes::Shape::Unknown(v)) => assert_eq!(v, &payload),
            _ => panic!("{check}: got {shape:?}"),
        }
        assert_eq!(serde_json::to_value(&shape).expect("serializes"), payload);
    }
}

#[tokio::test]
async fn const_tagged_untagged_recursive_and_all_of_shapes_decode() {
    let events = json!({
        "events": [{"kind": "payment", "amount": 5.0}, {"kind": "refund", "reason": "dup"}, {"kind": "chargeback"}],
        "values": [1, "two", ["three"]],
        "tree": {"name": "root", "children": [{"name": "leaf", "parent": {"name": "root"}}]},
        "combined": {"label": "L", "extra": "6f1c3a52-0d1e-4b7a-9a38-2f4c5d6e7f80"}
    });
    let (_server, client) = setup(200, events).await;

    let response = client.events().list().await.expect("decodes");

    assert!(
        matches!(&response.events[0], shapes::ListEventResponseEventsItem::Payment(p) if p.amount == 5.0)
    );
    assert!(
        matches!(&response.events[1], shapes::ListEventResponseEventsItem::Refund(r) if r.reason == "dup")
    );
    assert!(matches!(&response.events[2], shapes::ListEventResponseEventsItem::Unknown(_)));
    assert_eq!(response.values[0], shapes::ListEventResponseValuesItem::Integer(1));
    assert_eq!(response.values[1], shapes::ListEventResponseValuesItem::String("two".into()));
    assert_eq!(response.values[2], shapes::ListEventResponseValuesItem::Array(vec!["three".into()]));
    let leaf = &response.tree.children.as_ref().expect("children")[0];
    assert_eq!(leaf.parent.as_ref().map(|p| p.name.as_str()), Some("root"));
    let combined = response.combined.expect("combined");
    assert_eq!((combined.label.as_str(), combined.extra.len()), ("L", 36));
}

async fn paged_server(last_page: Value) -> MockServer {
    let server = MockServer::start().await;
    let page = |ids: &[&str], cursor: Value, more: bool| json!({"data": ids.iter().map(|id| gadget(id)).collect::<Vec<_>>(), "page_info": {"end_cursor": cursor, "has_next_page": more}});
    Mock::given(path("/gadgets"))
        .and(query_param_is_missing("after"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(&["g1", "g2"], json!("c1"), true)))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path("/gadgets"))
        .and(query_param("after", "c1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(&["g3"], json!("c2"), true)))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path("/gadgets"))
        .and(query_param("after", "c2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(last_page))
        .expect(1)
        .mount(&server)
        .await;
    server
}

async fn ids(server: &MockServer) -> Vec<String> {
    let client = shapes::Client::builder().api_key("tok").base_url(server.uri()).build().expect("config");
    let params = shapes::ListGadgetParams::new().limit(2);
    let mut stream = client.gadgets().list_stream(&params);
    let mut ids = Vec::new();
    while let Some(item) = stream.next().await {
        ids.push(item.expect("page").id);
    }
    for request in server.received_requests().await.expect("recording") {
        assert!(request.url.query().unwrap_or("").contains("limit=2"), "params are kept on every page");
    }
    ids
}

#[tokio::test]
async fn pagination_follows_cursors_until_has_next_page_is_false() {
    let server = paged_server(
        json!({"data": [gadget("g4")], "page_info": {"end_cursor": "c3", "has_next_page": false}}),
    )
    .await;
    assert_eq!(ids(&server).await, ["g1", "g2", "g3", "g4"]);
}

#[tokio::test]
async fn pagination_stops_on_a_null_cursor() {
    let server = paged_server(
        json!({"data": [gadget("g4")], "page_info": {"end_cursor": null, "has_next_page": true}}),
    )
    .await;
    assert_eq!(ids(&server).await, ["g1", "g2", "g3", "g4"]);
}

#[tokio::test]
async fn pagination_is_a_stream() {
    fn assert_stream<S: Stream<Item = Result<shapes::Gadget, whop_api::Error>> + Send>(_: &S) {}
    let client =
        shapes::Client::builder().api_key("tok").base_url("http://127.0.0.1:9").build().expect("config");
    let stream = client.gadgets().list_stream(&shapes::ListGadgetParams::new());
    assert_stream(&stream);
}

#[tokio::test]
async fn the_status_picks_the_body_when_2xx_bodies_overlap() {
    let (_server, client) = setup(202, json!({"id": "job_1", "position": 3})).await;
    match client.jobs().start().await.expect("decodes") {
        shapes::StartJobResponse::Status202(queued) => assert_eq!(queued.position, Some(3)),
        other => panic!("a 202 body must decode as the 202 variant, got {other:?}"),
    }
    let (_server, client) = setup(200, json!({"id": "job_2", "position": 3})).await;
    assert!(matches!(client.jobs().start().await.expect("decodes"), shapes::StartJobResponse::Status200(_)));
}

/// A property restated beside `allOf` is one field (it was two with the same JSON name, and
/// decoding failed with "missing field `id`").
#[test]
fn a_property_restated_beside_all_of_decodes() {
    let thing: shapes::Restated = serde_json::from_value(json!({"id": "t_1", "name": "x"})).expect("decodes");
    assert_eq!((thing.id.as_str(), thing.name.as_str(), thing.kind.as_deref()), ("t_1", "x", None));
    let again: shapes::Restated =
        serde_json::from_value(serde_json::to_value(&thing).expect("encodes")).expect("decodes");
    assert_eq!(again, thing);
}
