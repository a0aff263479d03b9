//! The server: its state, accepting connections, and HTTP/1.1 through hyper.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};

use crate::mock::answer::answer;
use crate::mock::routes::Route;
use crate::mock::store::{CollectionSpec, Store};
use crate::mock::typed_store::MockStore;
use crate::mock::{MockOperation, MockReply, Received};

/// Where the mock serves its key set, as Whop serves its own on the API's host.
#[cfg(feature = "user-tokens")]
pub(crate) const JWKS_PATH: &str = "/.well-known/jwks.json";

/// Numbers the mock's `x-request-id`s, across servers (ids only need to differ).
static REQUEST_IDS: AtomicU64 = AtomicU64::new(0);

pub(crate) type Handler = Arc<dyn Fn(&Received) -> MockReply + Send + Sync>;

#[derive(Default)]
pub(crate) struct Behaviour {
    pub(crate) replies: VecDeque<MockReply>,
    pub(crate) handler: Option<Handler>,
}

pub(crate) struct State {
    pub(crate) routes: &'static [Route],
    pub(crate) behaviours: HashMap<&'static str, Behaviour>,
    pub(crate) received: Vec<Received>,
    /// The objects of the stateful operations.
    pub(crate) store: Store,
    /// Whether stateful operations use the store (else they answer like any other).
    pub(crate) stateful: bool,
    /// Webhook deliveries: where to, and what was sent.
    #[cfg(feature = "webhooks")]
    pub(crate) outbox: crate::mock::deliveries::Outbox,
    /// Signs test user tokens; its key set is served at `/.well-known/jwks.json`.
    #[cfg(feature = "user-tokens")]
    pub(crate) signer: Option<crate::UserTokenSigner>,
}

/// The server. Dropping it stops it.
pub struct MockServer {
    url: String,
    pub(crate) state: Arc<Mutex<State>>,
    task: tokio::task::JoinHandle<()>,
    /// What deliveries are signed with.
    #[cfg(feature = "webhooks")]
    pub(crate) webhook_secret: String,
}

impl std::fmt::Debug for MockServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockServer").field("url", &self.url).finish_non_exhaustive()
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

pub(crate) fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl MockServer {
    /// Starts serving `routes` on 127.0.0.1, on a free port, keeping objects of the stateful
    /// operations in `collections` when `stateful` (used by the generated
    /// `mock::MockServer::start` and `start_stateless`).
    ///
    /// # Errors
    /// When no local port can be bound.
    #[doc(hidden)]
    pub async fn start(
        routes: &'static [Route],
        collections: &'static [CollectionSpec],
        stateful: bool,
    ) -> std::io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let url = format!("http://{}", listener.local_addr()?);
        #[cfg(feature = "webhooks")]
        let webhook_secret = crate::mock::deliveries::new_secret();
        let state = Arc::new(Mutex::new(State {
            routes,
            behaviours: HashMap::new(),
            received: Vec::new(),
            store: Store::new(collections),
            stateful,
            #[cfg(feature = "webhooks")]
            outbox: crate::mock::deliveries::Outbox {
                target: None,
                secret: webhook_secret.clone(),
                lifecycle: false,
                pending: Vec::new(),
                delivered: Vec::new(),
            },
            #[cfg(feature = "user-tokens")]
            signer: crate::UserTokenSigner::new().ok(),
        }));
        let shared = state.clone();
        let task = tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                tokio::spawn(serve(socket, shared.clone()));
            }
        });
        Ok(MockServer {
            url,
            state,
            task,
            #[cfg(feature = "webhooks")]
            webhook_secret,
        })
    }

    /// The base URL to point a client at.
    #[must_use]
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Where the mock serves its test signer's key set (`<url>/.well-known/jwks.json`): a
    /// client built for the mock with an app id verifies user tokens against it unasked.
    #[cfg(feature = "user-tokens")]
    #[must_use]
    pub fn jwks_url(&self) -> String {
        format!("{}{JWKS_PATH}", self.url)
    }

    /// The signer whose tokens this mock's key set vouches for.
    ///
    /// # Errors
    /// [`UserTokenError::Config`](crate::UserTokenError::Config) when no key could be
    /// generated when the mock started.
    #[cfg(feature = "user-tokens")]
    pub fn user_token_signer(&self) -> Result<crate::UserTokenSigner, crate::UserTokenError> {
        lock(&self.state)
            .signer
            .clone()
            .ok_or_else(|| crate::UserTokenError::Config("the mock has no signing key".to_owned()))
    }

    /// A user token for `user_id` in `app_id`, as Whop's iframe proxy would send it in
    /// `x-whop-user-token`, signed with this mock's key.
    ///
    /// # Errors
    /// As [`user_token_signer`](Self::user_token_signer).
    #[cfg(feature = "user-tokens")]
    pub fn user_token(&self, user_id: &str, app_id: &str) -> Result<String, crate::UserTokenError> {
        self.user_token_signer()?.token(user_id, app_id)
    }

    /// Every request received, in order.
    #[must_use]
    pub fn received(&self) -> Vec<Received> {
        lock(&self.state).received.clone()
    }

    /// Forgets overrides, received requests and stored objects.
    pub fn reset(&self) {
        let mut state = lock(&self.state);
        state.behaviours.clear();
        state.received.clear();
        state.store = Store::new(state.store.specs());
    }

    /// Typed access to the objects of one collection (used by generated code).
    #[doc(hidden)]
    pub fn store<T: serde::Serialize + serde::de::DeserializeOwned>(
        &self,
        collection: usize,
    ) -> MockStore<'_, T> {
        MockStore::new(self, collection)
    }

    /// Whether stateful operations keep objects (`start`) or answer alone (`start_stateless`).
    #[must_use]
    pub fn is_stateful(&self) -> bool {
        lock(&self.state).stateful
    }

    /// The typed handle of one operation (used by generated code).
    #[doc(hidden)]
    #[must_use]
    pub fn operation<P, R, I>(&self, operation: &'static str) -> MockOperation<'_, P, R, I> {
        MockOperation::new(self, operation)
    }
}

pub(crate) struct Incoming {
    pub(crate) method: String,
    pub(crate) target: String,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

async fn serve(socket: TcpStream, state: Arc<Mutex<State>>) {
    let service = service_fn(move |request: hyper::Request<hyper::body::Incoming>| {
        let state = state.clone();
        async move {
            let (head, body) = request.into_parts();
            let body = body.collect().await?.to_bytes();
            let incoming = Incoming {
                method: head.method.as_str().to_owned(),
                target: head.uri.path_and_query().map_or("/", |target| target.as_str()).to_owned(),
                headers: head
                    .headers
                    .iter()
                    .map(|(name, value)| {
                        (name.as_str().to_owned(), String::from_utf8_lossy(value.as_bytes()).into_owned())
                    })
                    .collect(),
                body: body.to_vec(),
            };
            let reply = answer(&state, incoming);
            #[cfg(feature = "webhooks")]
            crate::mock::deliveries::send_pending(&state);
            if !reply.delay.is_zero() {
                tokio::time::sleep(reply.delay).await;
            }
            Ok::<_, hyper::Error>(response(reply))
        }
    });
    // A connection that breaks ends only itself.
    let _closed = http1::Builder::new().serve_connection(TokioIo::new(socket), service).await;
}

/// The reply as an HTTP response; a reply whose status or headers HTTP cannot carry is a 500
/// naming the problem.
fn response(reply: MockReply) -> hyper::Response<Full<Bytes>> {
    let mut builder = hyper::Response::builder().status(reply.status);
    if let (false, Some(content_type)) = (reply.body.is_empty(), &reply.content_type) {
        builder = builder.header("content-type", content_type.as_str());
    }
    for (name, value) in &reply.headers {
        builder = builder.header(name.as_str(), value.as_str());
    }
    // Like the API, every answer names its request, unless the reply sets its own id.
    if !reply.headers.iter().any(|(name, _)| name.eq_ignore_ascii_case("x-request-id")) {
        builder = builder
            .header("x-request-id", format!("req_mock_{}", REQUEST_IDS.fetch_add(1, Ordering::Relaxed) + 1));
    }
    builder.body(Full::new(Bytes::from(reply.body))).unwrap_or_else(|error| {
        let mut failed = hyper::Response::new(Full::new(Bytes::from(format!(
            "the mock reply is not valid HTTP: {error}"
        ))));
        *failed.status_mut() = hyper::StatusCode::INTERNAL_SERVER_ERROR;
        failed
    })
}
