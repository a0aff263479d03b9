//! Every body kind on the wire (`tests/specs/bodies.yml`): a multipart upload (parsed back with
//! multer), a form-urlencoded body with nested objects and arrays, an octet-stream upload, a
//! binary download, text in both directions, JSON chosen among several content types, and a
//! body with no typed form sent as given; each against a wiremock server on 127.0.0.1 that
//! records the exact bytes, then against the generated mock.
#![deny(warnings)]

mod api {
    whop_api::whop_api!("tests/specs/bodies.yml", mock = true);
}

use api::{
    Client, CreateNoteParams, PostEitherParams, PostOpaqueParams, PutBlobParams, SubmitFormBodyAddress,
    SubmitFormParams, UploadFileBodyMetadata, UploadFileBodyPurpose, UploadFileParams,
};
use whop_api::{Bytes, File};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

async fn server_answering(status: u16, content_type: &str, body: &[u8]) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(status).set_body_raw(body.to_vec(), content_type))
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer) -> Client {
    Client::builder().api_key("sk_test").base_url(server.uri()).max_retries(0).build().expect("client")
}

async fn only_request(server: &MockServer) -> Request {
    let mut received = server.received_requests().await.expect("recorded");
    assert_eq!(received.len(), 1);
    received.remove(0)
}

fn content_type(request: &Request) -> &str {
    request.headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("")
}

const STORED: &[u8] = br#"{"id":"file_1","name":"a.png"}"#;

#[tokio::test]
async fn a_multipart_upload_has_a_file_part_and_bracketed_fields() {
    let server = server_answering(200, "application/json", STORED).await;
    let png = b"\x89PNG\r\n\x1a\n--not-a-boundary\r\n\x00\xff".to_vec();
    let params = UploadFileParams::new(
        File::new(png.clone()).file_name("avatar \"me\".png").content_type("image/png"),
        UploadFileBodyPurpose::Avatar,
    )
    .metadata(UploadFileBodyMetadata::new().source("camera").size(42))
    .labels(["front", "hd"])
    .thumbnails(vec![File::new(b"tiny".to_vec())]);
    let stored = client(&server).files().upload(&params).await.expect("uploaded");
    assert_eq!(stored.id, "file_1");

    let request = only_request(&server).await;
    let boundary =
        multer::parse_boundary(content_type(&request)).expect("multipart/form-data with a boundary");
    let body = Bytes::from(request.body.clone());
    let stream = futures_util::stream::once(async move { Ok::<Bytes, std::convert::Infallible>(body) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    let mut parts = Vec::new();
    while let Some(field) = multipart.next_field().await.expect("well-formed part") {
        let name = field.name().map(str::to_owned);
        let file_name = field.file_name().map(str::to_owned);
        let part_type = field.content_type().map(ToString::to_string);
        let bytes = field.bytes().await.expect("part body");
        parts.push((name, file_name, part_type, bytes));
    }
    let text = |name: &str| -> Vec<String> {
        parts
            .iter()
            .filter(|(n, f, ..)| n.as_deref() == Some(name) && f.is_none())
            .map(|(.., b)| String::from_utf8_lossy(b).into_owned())
            .collect()
    };
    let file = parts.iter().find(|(n, ..)| n.as_deref() == Some("file")).expect("file part");
    assert_eq!(file.1.as_deref(), Some("avatar %22me%22.png"));
    assert_eq!(file.2.as_deref(), Some("image/png"));
    assert_eq!(file.3.as_ref(), png.as_slice());
    assert_eq!(text("purpose"), ["avatar"]);
    assert_eq!(text("metadata[source]"), ["camera"]);
    assert_eq!(text("metadata[size]"), ["42"]);
    assert_eq!(text("labels[]"), ["front", "hd"]);
    let thumbnail = parts.iter().find(|(n, ..)| n.as_deref() == Some("thumbnails")).expect("thumbnail part");
    assert_eq!(
        (thumbnail.1.as_deref(), thumbnail.2.as_deref()),
        (Some("upload.bin"), Some("application/octet-stream"))
    );
    assert_eq!(thumbnail.3.as_ref(), b"tiny");
    assert_eq!(parts.len(), 7, "file, purpose, two metadata fields, two labels, one thumbnail");
}

#[tokio::test]
async fn a_form_body_encodes_nested_objects_and_arrays_with_brackets() {
    let server = server_answering(200, "application/json", STORED).await;
    let params = SubmitFormParams::new("jane+doe@example.com")
        .quantity(3)
        .address(
            SubmitFormBodyAddress::new()
                .city("São Paulo")
                .lines(vec!["Rua A, 1".to_owned(), "apto 2".to_owned()]),
        )
        .tags(vec!["a&b".to_owned()]);
    client(&server).forms().submit(&params).await.expect("submitted");
    let request = only_request(&server).await;
    assert_eq!(content_type(&request), "application/x-www-form-urlencoded");
    assert_eq!(
        String::from_utf8_lossy(&request.body),
        "email=jane%2Bdoe%40example.com&quantity=3&address%5Bcity%5D=S%C3%A3o+Paulo\
         &address%5Blines%5D%5B%5D=Rua+A%2C+1&address%5Blines%5D%5B%5D=apto+2&tags%5B%5D=a%26b"
    );
}

#[tokio::test]
async fn an_octet_stream_upload_sends_the_bytes_as_they_are() {
    let server = server_answering(204, "application/json", b"").await;
    let bytes: Vec<u8> = (0..=255).collect();
    client(&server).blobs().put("blob 1", &PutBlobParams::new(bytes.clone())).await.expect("stored");
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/blobs/blob%201");
    assert_eq!(content_type(&request), "application/octet-stream");
    assert_eq!(request.body, bytes);
}

#[tokio::test]
async fn a_binary_download_is_bytes_and_a_text_response_is_a_string() {
    let bytes: Vec<u8> = (0..=255).rev().collect();
    let server = server_answering(200, "application/octet-stream", &bytes).await;
    let blob: Bytes = client(&server).blobs().get("b1").await.expect("downloaded");
    assert_eq!(blob.as_ref(), bytes.as_slice());

    let csv = "id,amount\np_1,10.50\n";
    let server = server_answering(200, "text/csv", csv.as_bytes()).await;
    let report: String = client(&server).reports().get("r1").await.expect("report");
    assert_eq!(report, csv);

    // Text that is not UTF-8 is a decode error that keeps the body, not a lossy string.
    let server = server_answering(200, "text/csv", b"caf\xe9").await;
    match client(&server).reports().get("r1").await {
        Err(whop_api::Error::Decode { status, body, .. }) => {
            assert_eq!((status.as_u16(), body.as_str()), (200, "caf\u{fffd}"))
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_text_body_is_sent_as_text_and_json_is_preferred_among_content_types() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/notes"))
        .respond_with(ResponseTemplate::new(201).set_body_raw("noted: hello", "text/plain"))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/either"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(STORED, "application/json"))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/opaque"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = client(&server);
    assert_eq!(client.notes().create(&CreateNoteParams::new("hello")).await.expect("note"), "noted: hello");
    client.either().post(&PostEitherParams::new().name("x")).await.expect("either");
    let opaque = "--b\r\nContent-Type: text/plain\r\n\r\nhi\r\n--b--\r\n";
    client.opaque().post(&PostOpaqueParams::new(opaque)).await.expect("opaque");

    let received = server.received_requests().await.expect("recorded");
    let sent: Vec<(String, String)> = received
        .iter()
        .map(|r| (content_type(r).to_owned(), String::from_utf8_lossy(&r.body).into_owned()))
        .collect();
    assert_eq!(
        sent,
        [
            ("text/plain".to_owned(), "hello".to_owned()),
            ("application/json".to_owned(), r#"{"name":"x"}"#.to_owned()),
            ("multipart/mixed".to_owned(), opaque.to_owned()),
        ]
    );
}

#[tokio::test]
async fn the_generated_mock_reads_and_answers_every_body_kind() {
    let mock = api::mock::MockServer::start().await.expect("mock");
    let client = mock.client();

    let upload = UploadFileParams::new(
        File::new(b"\x00\x01bin".to_vec()).file_name("a.bin"),
        UploadFileBodyPurpose::Attachment,
    )
    .metadata(UploadFileBodyMetadata::new().size(7))
    .labels(vec!["x".to_owned()]);
    client.files().upload(&upload).await.expect("the mock accepts multipart");
    let recorded = mock.files().upload().requests();
    let typed = recorded[0].params.as_ref().expect("the parts decode into the params type");
    assert_eq!(typed.file.bytes.as_ref(), b"\x00\x01bin");
    assert_eq!(typed.file.file_name.as_deref(), Some("a.bin"));
    assert_eq!(typed.purpose, UploadFileBodyPurpose::Attachment);
    assert_eq!(typed.metadata.as_ref().and_then(|m| m.size), Some(7));
    assert_eq!(typed.labels.as_deref(), Some(["x".to_owned()].as_slice()));

    let form = SubmitFormParams::new("a@b.c")
        .quantity(2)
        .address(SubmitFormBodyAddress::new().lines(vec!["l1".to_owned()]));
    client.forms().submit(&form).await.expect("the mock accepts forms");
    assert_eq!(mock.forms().submit().requests()[0].params.as_ref(), Some(&form));

    client.blobs().put("b1", &PutBlobParams::new(vec![0u8, 255])).await.expect("the mock accepts bytes");
    let put = mock.blobs().put().requests();
    assert_eq!(put[0].params.as_ref().map(|p| p.body.as_ref()), Some([0u8, 255].as_slice()));

    mock.blobs().get().respond(&Bytes::from_static(b"\x01\x02\x03"));
    assert_eq!(client.blobs().get("b1").await.expect("bytes").as_ref(), b"\x01\x02\x03");
    mock.reports().get().respond(&"a,b\n1,2\n".to_owned());
    assert_eq!(client.reports().get("r1").await.expect("text"), "a,b\n1,2\n");
    assert_eq!(client.notes().create(&CreateNoteParams::new("hi")).await.expect("default text answer"), "");

    // A form field that does not fit its type is still a 422 naming it.
    let answer = reqwest::Client::new()
        .post(format!("{}/forms", mock.url()))
        .bearer_auth("sk_mock")
        .header("content-type", "application/x-www-form-urlencoded")
        .body("email=a%40b.c&quantity=many")
        .send()
        .await
        .expect("the mock answers");
    assert_eq!(answer.status().as_u16(), 422);
    let error: serde_json::Value =
        serde_json::from_slice(&answer.bytes().await.expect("body")).expect("error envelope");
    assert_eq!(error["error"]["param"], "quantity");
}

#[tokio::test]
async fn a_large_download_is_read_piece_by_piece() {
    let big: Vec<u8> = (0..4 * 1024 * 1024).map(|i: u32| (i % 251) as u8).collect();
    let server = server_answering(200, "application/octet-stream", &big).await;
    let mut download = client(&server).blobs().get("big").download().await.expect("headers arrive");
    assert_eq!(download.status.as_u16(), 200);
    assert_eq!(download.headers.get("content-length").and_then(|v| v.to_str().ok()), Some("4194304"));
    let (mut read, mut pieces) = (Vec::new(), 0);
    while let Some(piece) = download.chunk().await.expect("piece") {
        read.extend_from_slice(&piece);
        pieces += 1;
    }
    assert_eq!(read, big);
    assert!(pieces > 1, "the body arrived in {pieces} piece(s), not as one buffer");

    // An error status is still a typed API error, its body read.
    let missing = server_answering(404, "application/json", br#"{"error":{"message":"no blob"}}"#).await;
    match client(&missing).blobs().get("nope").download().await {
        Err(whop_api::Error::Api(api)) => assert_eq!(api.status.as_u16(), 404),
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[tokio::test]
async fn with_response_reads_text_and_bytes_as_they_are() {
    let server = server_answering(200, "text/csv", b"a,b\n").await;
    let response = client(&server).reports().get("r").with_response().await.expect("text");
    assert_eq!((response.status.as_u16(), response.data.as_str()), (200, "a,b\n"));
}
