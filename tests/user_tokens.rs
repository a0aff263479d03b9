//! Verifying Whop's iframe user tokens: each rule as a test, key sets served by real HTTP
//! servers on 127.0.0.1 (wiremock, the generated mock), and the ways a key set fails.

use std::time::Duration;

use serde_json::{json, Value};
use whop_api::{header::HeaderMap, KeysProblem, UserTokenError, UserTokenSigner, UserTokens};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod whop {
    whop_api::whop_api!("spec/affiliates.yml", mock = true);
}

const APP: &str = "app_test";
const ISSUER: &str = "urn:whopcom:exp-proxy";

fn signer() -> UserTokenSigner {
    UserTokenSigner::new().unwrap_or_else(|e| panic!("{e}"))
}

fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

fn claims(changes: Value) -> Value {
    let mut claims = json!({"iss": ISSUER, "sub": "user_1", "aud": APP, "iat": now(), "exp": now() + 600});
    let Some(map) = claims.as_object_mut() else { unreachable!() };
    for (name, value) in changes.as_object().cloned().unwrap_or_default() {
        // `null` removes the claim.
        match value {
            Value::Null => map.remove(&name),
            value => map.insert(name, value),
        };
    }
    claims
}

fn b64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// A token assembled by hand: for headers and signatures the signer would never make.
fn forged(header: &Value, claims: &Value, signature: &[u8]) -> String {
    format!(
        "{}.{}.{}",
        b64(header.to_string().as_bytes()),
        b64(claims.to_string().as_bytes()),
        b64(signature)
    )
}

async fn verify(tokens: &UserTokens, token: &str) -> Result<whop_api::UserToken, UserTokenError> {
    let refused = tokens.verify_token(token).await;
    if let (Err(error), true) = (&refused, token.len() > 8) {
        // No refusal repeats the token.
        assert!(!error.to_string().contains(token) && !format!("{error:?}").contains(token));
    }
    refused
}

#[tokio::test]
async fn a_valid_token_names_the_user_and_the_app() {
    let signer = signer();
    let tokens = signer.verifier(APP).unwrap_or_else(|e| panic!("{e}"));
    let token = signer.token("user_42", APP).unwrap_or_else(|e| panic!("{e}"));
    let user = verify(&tokens, &token).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((user.user_id.as_str(), user.app_id.as_str()), ("user_42", APP));

    // From a request's headers, any collection, the name in any case.
    let mut headers = HeaderMap::new();
    headers.insert("x-whop-user-token", token.parse().unwrap_or_else(|_| unreachable!()));
    assert_eq!(tokens.verify(&headers).await.map(|u| u.user_id), Ok("user_42".to_owned()));
    assert_eq!(
        tokens.verify([("X-Whop-User-Token", token.as_str())]).await.map(|u| u.user_id),
        Ok("user_42".to_owned())
    );
    assert_eq!(tokens.verify(&HeaderMap::new()).await, Err(UserTokenError::MissingToken));
}

#[tokio::test]
async fn each_claim_rule_refuses_its_own_breach() {
    let signer = signer();
    let tokens = signer.verifier(APP).unwrap_or_else(|e| panic!("{e}"));
    let cases = [
        (json!({"aud": "app_other"}), UserTokenError::WrongApp),
        (json!({"aud": [APP]}), UserTokenError::WrongApp),
        (json!({"aud": [APP, "app_other"]}), UserTokenError::WrongApp),
        (json!({"iss": "urn:someone:else"}), UserTokenError::WrongIssuer),
        (json!({"exp": now() - 3600}), UserTokenError::Expired),
        (json!({"nbf": now() + 3600}), UserTokenError::NotYetValid),
        (json!({"sub": null}), UserTokenError::MissingClaim("sub")),
        (json!({"aud": null}), UserTokenError::MissingClaim("aud")),
        (json!({"iss": null}), UserTokenError::MissingClaim("iss")),
    ];
    for (change, expected) in cases {
        let token = signer.sign(&claims(change.clone())).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(verify(&tokens, &token).await, Err(expected), "{change}");
    }
    // Inside the leeway (ten seconds) a just-expired token still passes.
    let token = signer.sign(&claims(json!({"exp": now() - 2}))).unwrap_or_else(|e| panic!("{e}"));
    assert!(verify(&tokens, &token).await.is_ok());
}

#[tokio::test]
async fn only_es256_signatures_made_with_the_key_pass() {
    let signer = signer();
    let tokens = signer.verifier(APP).unwrap_or_else(|e| panic!("{e}"));
    let kid = signer.kid();

    let none = forged(&json!({"alg": "none", "typ": "JWT"}), &claims(json!({})), b"");
    assert_eq!(verify(&tokens, &none).await, Err(UserTokenError::UnsupportedAlgorithm("none".to_owned())));

    // HS256 with the published public key as the HMAC secret: the classic confusion attack.
    let header = json!({"alg": "HS256", "typ": "JWT", "kid": kid});
    let message =
        format!("{}.{}", b64(header.to_string().as_bytes()), b64(claims(json!({})).to_string().as_bytes()));
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, signer.jwk().as_bytes());
    let hs256 = format!("{message}.{}", b64(ring::hmac::sign(&key, message.as_bytes()).as_ref()));
    assert!(
        matches!(verify(&tokens, &hs256).await, Err(UserTokenError::UnsupportedAlgorithm(alg)) if alg == "HS256")
    );

    // A valid token whose payload is swapped for another user's keeps a signature that fits
    // neither.
    let token = signer.token("user_1", APP).unwrap_or_else(|e| panic!("{e}"));
    let parts: Vec<&str> = token.split('.').collect();
    let tampered = format!(
        "{}.{}.{}",
        parts[0],
        b64(claims(json!({"sub": "user_admin"})).to_string().as_bytes()),
        parts[2]
    );
    assert_eq!(verify(&tokens, &tampered).await, Err(UserTokenError::BadSignature));

    // Signed by another key under the trusted key's id.
    let other = signer_with_kid_of(&signer);
    assert_eq!(verify(&tokens, &other).await, Err(UserTokenError::BadSignature));

    for junk in ["", "abc", "a.b", "a.b.c", "....."] {
        assert_eq!(verify(&tokens, junk).await, Err(UserTokenError::Malformed), "{junk:?}");
    }
}

/// A token signed by a fresh key but naming `signer`'s key id.
fn signer_with_kid_of(signer: &UserTokenSigner) -> String {
    let stranger = self::signer();
    let token = stranger.token("user_1", APP).unwrap_or_else(|e| panic!("{e}"));
    let parts: Vec<&str> = token.split('.').collect();
    let header = json!({"alg": "ES256", "typ": "JWT", "kid": signer.kid()});
    format!("{}.{}.{}", b64(header.to_string().as_bytes()), parts[1], parts[2])
}

async fn jwks_server(body: String) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/.well-known/jwks.json"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
        .mount(&server)
        .await;
    server
}

async fn fetches(server: &MockServer) -> usize {
    server.received_requests().await.map_or(0, |r| r.len())
}

fn remote(server: &MockServer) -> UserTokens {
    UserTokens::new(APP).jwks_url(format!("{}/.well-known/jwks.json", server.uri()))
}

#[tokio::test]
async fn keys_are_fetched_once_and_an_unknown_kid_refetches_once_then_is_refused() {
    let signer = signer();
    let server = jwks_server(signer.jwks()).await;
    let tokens = remote(&server).refetch_interval(Duration::from_millis(200));
    for _ in 0..5 {
        let token = signer.token("user_1", APP).unwrap_or_else(|e| panic!("{e}"));
        assert!(verify(&tokens, &token).await.is_ok());
    }
    assert_eq!(fetches(&server).await, 1, "five tokens, one fetch");

    tokio::time::sleep(Duration::from_millis(250)).await;
    let stranger = self::signer().token("user_1", APP).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(verify(&tokens, &stranger).await, Err(UserTokenError::UnknownKey));
    assert_eq!(fetches(&server).await, 2, "the unknown kid fetched the set again");
    for _ in 0..10 {
        assert_eq!(verify(&tokens, &stranger).await, Err(UserTokenError::UnknownKey));
    }
    assert_eq!(fetches(&server).await, 2, "then it is refused without fetching");
}

#[tokio::test]
async fn a_rotated_key_is_picked_up_on_the_next_allowed_fetch() {
    let (old, new) = (signer(), signer());
    let server = MockServer::start().await;
    Mock::given(path("/.well-known/jwks.json"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(old.jwks(), "application/json"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(path("/.well-known/jwks.json"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(new.jwks(), "application/json"))
        .mount(&server)
        .await;
    let tokens = remote(&server).refetch_interval(Duration::from_millis(100));
    let old_token = old.token("user_1", APP).unwrap_or_else(|e| panic!("{e}"));
    let new_token = new.token("user_2", APP).unwrap_or_else(|e| panic!("{e}"));
    assert!(verify(&tokens, &old_token).await.is_ok());
    assert_eq!(verify(&tokens, &new_token).await, Err(UserTokenError::UnknownKey), "too soon to refetch");
    tokio::time::sleep(Duration::from_millis(150)).await;
    assert_eq!(verify(&tokens, &new_token).await.map(|u| u.user_id), Ok("user_2".to_owned()));
}

#[tokio::test]
async fn a_thousand_forged_tokens_with_random_kids_cost_at_most_one_fetch() {
    let signer = signer();
    let server = jwks_server(signer.jwks()).await;
    let tokens = remote(&server);
    let mut tasks = Vec::new();
    for i in 0..1000u32 {
        let tokens = tokens.clone();
        let header = json!({"alg": "ES256", "typ": "JWT", "kid": format!("forged_{i}_{}", now())});
        let token = forged(&header, &claims(json!({})), &[0u8; 64]);
        tasks.push(tokio::spawn(async move { tokens.verify_token(&token).await }));
    }
    for task in tasks {
        assert_eq!(task.await.ok(), Some(Err(UserTokenError::UnknownKey)));
    }
    assert!(fetches(&server).await <= 1, "{} fetches", fetches(&server).await);
    // Real tokens still pass on the set fetched meanwhile.
    let token = signer.token("user_1", APP).unwrap_or_else(|e| panic!("{e}"));
    assert!(verify(&tokens, &token).await.is_ok());
    assert!(fetches(&server).await <= 1);
}

#[tokio::test]
async fn concurrent_first_verifications_share_one_fetch() {
    let signer = signer();
    let server = jwks_server(signer.jwks()).await;
    let tokens = remote(&server);
    let token = signer.token("user_1", APP).unwrap_or_else(|e| panic!("{e}"));
    let tasks: Vec<_> = (0..50)
        .map(|_| {
            let (tokens, token) = (tokens.clone(), token.clone());
            tokio::spawn(async move { tokens.verify_token(&token).await.is_ok() })
        })
        .collect();
    for task in tasks {
        assert_eq!(task.await.ok(), Some(true));
    }
    assert_eq!(fetches(&server).await, 1);
}

#[tokio::test]
async fn a_key_set_that_is_down_slow_or_not_json_is_a_typed_error() {
    let token = signer().token("user_1", APP).unwrap_or_else(|e| panic!("{e}"));

    // Down: a port that was just free.
    let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port());
    let down = UserTokens::new(APP).jwks_url(format!("http://127.0.0.1:{}/jwks.json", port.unwrap_or(9)));
    assert_eq!(verify(&down, &token).await, Err(UserTokenError::KeysUnavailable(KeysProblem::Connection)));

    let slow = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw("{\"keys\":[]}", "application/json")
                .set_delay(Duration::from_secs(5)),
        )
        .mount(&slow)
        .await;
    let tokens = remote(&slow).fetch_timeout(Duration::from_millis(200));
    let started = std::time::Instant::now();
    assert_eq!(verify(&tokens, &token).await, Err(UserTokenError::KeysUnavailable(KeysProblem::Timeout)));
    assert!(started.elapsed() < Duration::from_secs(4), "the timeout held");

    let html = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("<html>Maintenance</html>", "text/html"))
        .mount(&html)
        .await;
    assert_eq!(
        verify(&remote(&html), &token).await,
        Err(UserTokenError::KeysUnavailable(KeysProblem::NotAKeySet))
    );

    let failing = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(503)).mount(&failing).await;
    assert_eq!(
        verify(&remote(&failing), &token).await,
        Err(UserTokenError::KeysUnavailable(KeysProblem::Status(503)))
    );

    let rsa_only =
        jwks_server(json!({"keys": [{"kty": "RSA", "n": "AQAB", "e": "AQAB", "kid": "r1"}]}).to_string())
            .await;
    assert_eq!(
        verify(&remote(&rsa_only), &token).await,
        Err(UserTokenError::KeysUnavailable(KeysProblem::NoUsableKey))
    );
}

#[tokio::test]
async fn a_pinned_public_key_may_be_a_jwk_a_jwks_or_rejected_clearly() {
    let signer = signer();
    let token = signer.token("user_1", APP).unwrap_or_else(|e| panic!("{e}"));
    for key in [signer.jwk(), signer.jwks()] {
        let tokens = UserTokens::new(APP).public_key(&key).unwrap_or_else(|e| panic!("{e}"));
        assert!(verify(&tokens, &token).await.is_ok());
    }
    for bad in ["", "{}", "not a key", "{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}", ED25519_PEM] {
        assert!(matches!(UserTokens::new(APP).public_key(bad), Err(UserTokenError::Config(_))), "{bad}");
    }
}

/// A P-256 public key as `openssl ec -pubout` writes it (SubjectPublicKeyInfo, 64-column
/// base64).
const OPENSSL_P256_PEM: &str = "-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEtZ1rk3/qS98TQXRpGJxt/YhEoQjk
+Ojub/POR+43jXYGRqBF5Ggnquiu1z/shvQQdzx68wZyLxy6uklglxL8kQ==
-----END PUBLIC KEY-----
";

/// An Ed25519 public key (RFC 8410's example): a PEM public key, but not P-256.
const ED25519_PEM: &str =
    "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----";

/// `signer`'s public key as a PEM public key, laid out as openssl's: its DER up to the point,
/// then the point (`0x04`, x, y) from the signer's JWK.
fn pem_of(signer: &UserTokenSigner) -> String {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD;
    let openssl: String = OPENSSL_P256_PEM.lines().filter(|l| !l.starts_with("-----")).collect();
    let der = b64.decode(openssl).unwrap_or_else(|e| panic!("{e}"));
    let mut spki = der[..der.len() - 65].to_vec();
    let jwk: Value = serde_json::from_str(&signer.jwk()).unwrap_or_else(|e| panic!("{e}"));
    spki.push(0x04);
    for coordinate in ["x", "y"] {
        let text = jwk[coordinate].as_str().unwrap_or_default();
        spki.extend(
            base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(text).unwrap_or_else(|e| panic!("{e}")),
        );
    }
    let body = b64.encode(spki);
    let lines: Vec<&str> =
        body.as_bytes().chunks(64).map(|l| std::str::from_utf8(l).unwrap_or_default()).collect();
    format!("-----BEGIN PUBLIC KEY-----\n{}\n-----END PUBLIC KEY-----\n", lines.join("\n"))
}

#[tokio::test]
async fn a_pinned_public_key_may_be_a_pem_public_key() {
    let signer = signer();
    let token = signer.token("user_1", APP).unwrap_or_else(|e| panic!("{e}"));
    let tokens = UserTokens::new(APP).public_key(&pem_of(&signer)).unwrap_or_else(|e| panic!("{e}"));
    assert!(verify(&tokens, &token).await.is_ok());

    // Another P-256 key in PEM is accepted as a key, and the signer's tokens do not fit it.
    let openssl = UserTokens::new(APP).public_key(OPENSSL_P256_PEM).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(verify(&openssl, &token).await, Err(UserTokenError::BadSignature));

    // A cut-off or re-labelled PEM is not a key.
    let pem = pem_of(&signer);
    for bad in [pem.replace("PUBLIC KEY", "PRIVATE KEY"), pem[..pem.len() - 40].to_owned()] {
        assert!(matches!(UserTokens::new(APP).public_key(&bad), Err(UserTokenError::Config(_))), "{bad}");
    }
}

#[tokio::test]
async fn a_client_for_the_generated_mock_verifies_the_mocks_tokens_with_no_setup() {
    let mock = whop::mock::MockServer::start().await.unwrap_or_else(|e| panic!("{e}"));
    let client = whop::Client::builder()
        .api_key("sk_test")
        .base_url(mock.url())
        .app_id(APP)
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let token = mock.server().user_token("user_7", APP).unwrap_or_else(|e| panic!("{e}"));
    let user = client.verify_user_token([("x-whop-user-token", token.as_str())]).await;
    assert_eq!(user.map(|u| u.user_id), Ok("user_7".to_owned()));

    let elsewhere = signer().token("user_7", APP).unwrap_or_else(|e| panic!("{e}"));
    let refused = client.verify_user_token([("x-whop-user-token", elsewhere.as_str())]).await;
    assert_eq!(refused, Err(UserTokenError::UnknownKey));

    let no_app = mock.client().verify_user_token([("x-whop-user-token", token.as_str())]).await;
    assert!(matches!(no_app, Err(UserTokenError::Config(_))));
}
