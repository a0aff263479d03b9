//! The client: connection pool, API key, base URL and defaults for every call.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderValue};

use crate::error::Error;
use crate::headers::{default_headers, Layered};
pub use crate::headers::{API_VERSION_ENV, API_VERSION_HEADER, APP_ID_ENV, APP_ID_HEADER};
use crate::secret::ApiKey;
#[cfg(feature = "webhooks")]
use crate::webhooks::{WebhookError, Webhooks};

/// The environment variable [`ClientBuilder::from_env`] reads the API key from.
pub const API_KEY_ENV: &str = "WHOP_API_KEY";
/// The environment variable [`ClientBuilder::from_env`] reads a base URL override from.
pub const BASE_URL_ENV: &str = "WHOP_BASE_URL";
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
const DEFAULT_MAX_RETRIES: u32 = 2;

/// An HTTP client for the API. Cheap to clone: clones share the connection pool.
///
/// Generated code wraps it in its own `Client` type; build either with [`ClientBuilder`].
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) http: reqwest::Client,
    pub(crate) base_url: String,
    pub(crate) api_key: Option<ApiKey>,
    pub(crate) timeout: Duration,
    pub(crate) max_retries: u32,
    /// The wait before the first retry (doubling after it).
    pub(crate) backoff: Duration,
    pub(crate) user_agent: HeaderValue,
    /// `Bearer <key>`, built once and marked sensitive.
    pub(crate) bearer: Option<HeaderValue>,
    /// Sent with every request, before the operation's own headers and the call's options.
    pub(crate) default_headers: HeaderMap,
    /// The app id, for [`Client::app_id`] and user-token verification.
    pub(crate) app_id: Option<String>,
    /// The verifier behind [`Client::verify_user_token`], when an app id is known.
    #[cfg(feature = "user-tokens")]
    pub(crate) user_tokens: Option<crate::UserTokens>,
    /// The receiver for the webhook secret given to the builder.
    #[cfg(feature = "webhooks")]
    pub(crate) webhooks: Option<Webhooks>,
}

impl Client {
    /// A builder with no base URL preset.
    pub fn builder() -> ClientBuilder<Client> {
        ClientBuilder::new()
    }

    /// The base URL requests go to.
    #[must_use]
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The per-attempt timeout.
    #[must_use]
    pub fn timeout(&self) -> Duration {
        self.inner.timeout
    }

    /// How many times a failed request is retried.
    #[must_use]
    pub fn max_retries(&self) -> u32 {
        self.inner.max_retries
    }

    /// The app id sent as `X-Whop-App-Id`, if one was set.
    #[must_use]
    pub fn app_id(&self) -> Option<&str> {
        self.inner.app_id.as_deref()
    }

    /// The headers sent with every request: the app id, the API version and the builder's
    /// [`default_header`](ClientBuilder::default_header)s.
    #[must_use]
    pub fn default_headers(&self) -> &HeaderMap {
        &self.inner.default_headers
    }

    /// A webhook receiver for the secret given to
    /// [`ClientBuilder::webhook_secret`], else the one in `WHOP_WEBHOOK_SECRET`.
    ///
    /// # Errors
    /// [`WebhookError::InvalidSecret`] when neither is set, or the variable is not valid.
    #[cfg(feature = "webhooks")]
    pub fn webhooks(&self) -> Result<Webhooks, WebhookError> {
        match &self.inner.webhooks {
            Some(webhooks) => Ok(webhooks.clone()),
            None => Webhooks::from_env(),
        }
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("api_key", &self.inner.api_key)
            .field("timeout", &self.inner.timeout)
            .field("max_retries", &self.inner.max_retries)
            .field("app_id", &self.inner.app_id)
            .finish_non_exhaustive()
    }
}

/// Configures a client. `C` is what [`build`](Self::build) returns: the runtime [`Client`]
/// or a generated client type.
#[must_use]
#[non_exhaustive]
pub struct ClientBuilder<C = Client> {
    api_key: Option<ApiKey>,
    base_url: Option<String>,
    default_base_url: Option<String>,
    timeout: Duration,
    connect_timeout: Duration,
    max_retries: u32,
    backoff: Duration,
    user_agent: Option<String>,
    http: Option<reqwest::Client>,
    key_required: bool,
    app_id: Layered,
    api_version: Layered,
    default_headers: Vec<(String, String)>,
    jwks_url: Option<String>,
    #[cfg(feature = "webhooks")]
    webhooks: Option<Result<Webhooks, WebhookError>>,
    output: PhantomData<fn() -> C>,
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("api_key", &self.api_key)
            .field("base_url", &self.base_url.as_ref().or(self.default_base_url.as_ref()))
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("max_retries", &self.max_retries)
            .field("app_id", &self.app_id)
            .field("api_version", &self.api_version)
            .field("default_headers", &self.default_headers)
            .finish_non_exhaustive()
    }
}

impl<C> Default for ClientBuilder<C> {
    fn default() -> Self {
        ClientBuilder {
            api_key: None,
            base_url: None,
            default_base_url: None,
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            max_retries: DEFAULT_MAX_RETRIES,
            backoff: crate::retry::DEFAULT_BACKOFF,
            user_agent: None,
            http: None,
            key_required: false,
            app_id: Layered::default(),
            api_version: Layered::default(),
            default_headers: Vec::new(),
            jwks_url: None,
            #[cfg(feature = "webhooks")]
            webhooks: None,
            output: PhantomData,
        }
    }
}

impl<C> ClientBuilder<C> {
    /// A builder with the defaults: 60 s per attempt, 5 s to connect, 2 retries.
    pub fn new() -> Self {
        Self::default()
    }

    /// The API key, sent as the spec's security scheme says (a bearer token for Whop).
    pub fn api_key(mut self, key: impl Into<ApiKey>) -> Self {
        self.api_key = Some(key.into());
        self
    }

    /// Where requests go, e.g. `https://api.whop.com/api/v1` or a local mock server.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// The base URL used when none is set (generated clients pass the spec's first server).
    pub fn default_base_url(mut self, url: impl Into<String>) -> Self {
        self.default_base_url = Some(url.into());
        self
    }

    /// Reads `WHOP_API_KEY` (then required: [`build`](Self::build) fails without it) and,
    /// if set, `WHOP_BASE_URL`, `WHOP_APP_ID` and `WHOP_API_VERSION`. The app id and version
    /// from the environment give way to ones set on the builder, whichever is called first.
    pub fn from_env(mut self) -> Self {
        self.key_required = true;
        let var =
            |name: &str| std::env::var(name).ok().map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        if let Some(key) = var(API_KEY_ENV) {
            self.api_key = Some(ApiKey::new(key));
        }
        if let Some(url) = var(BASE_URL_ENV) {
            self.base_url = Some(url);
        }
        self.app_id.env = var(APP_ID_ENV);
        self.api_version.env = var(API_VERSION_ENV);
        self
    }

    /// The app id (`app_...`), sent as `X-Whop-App-Id` with every request and checked as the
    /// audience of user tokens ([`Client::verify_user_token`]). Beats `WHOP_APP_ID`.
    pub fn app_id(mut self, app_id: impl Into<String>) -> Self {
        self.app_id.set = Some(app_id.into());
        self
    }

    /// The API version (a date such as `2026-07-20`), sent as `Api-Version-Date` so the API
    /// behaves as it did then. Beats `WHOP_API_VERSION` and the spec's version.
    pub fn api_version(mut self, date: impl Into<String>) -> Self {
        self.api_version.set = Some(date.into());
        self
    }

    /// The API version the spec describes, used when neither [`api_version`](Self::api_version)
    /// nor `WHOP_API_VERSION` names one (generated clients pass the macro's `api_version`).
    pub fn default_api_version(mut self, date: impl Into<String>) -> Self {
        self.api_version.spec = Some(date.into());
        self
    }

    /// Where [`Client::verify_user_token`] fetches keys (default: `/.well-known/jwks.json` on
    /// the base URL's host).
    pub fn jwks_url(mut self, url: impl Into<String>) -> Self {
        self.jwks_url = Some(url.into());
        self
    }

    /// A header sent with every request. An operation's own header parameters and a call's
    /// [`RequestOptions::header`](crate::RequestOptions::header) replace it for that call;
    /// a later default of the same name replaces an earlier one.
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.default_headers.push((name.into(), value.into()));
        self
    }

    /// The timeout of each attempt (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The connect timeout (default 5 s). Ignored with [`http_client`](Self::http_client).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How many times a failed request is retried (default 2; 0 disables retries).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// The `User-Agent` header (default `whop-api-rust/<version>`).
    pub fn user_agent(mut self, agent: impl Into<String>) -> Self {
        self.user_agent = Some(agent.into());
        self
    }

    /// Your own reqwest client (proxies, TLS roots, middleware-free tuning).
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// The webhook signing secret (`whsec_...`) for [`Client::webhooks`]; without it that
    /// reads `WHOP_WEBHOOK_SECRET`.
    #[cfg(feature = "webhooks")]
    pub fn webhook_secret(mut self, secret: &str) -> Self {
        self.webhooks = Some(Webhooks::new(secret));
        self
    }

    /// The wait before the first retry, doubling after each (at most 16 times it), with
    /// jitter; 0.5 s by default. `Duration::ZERO` never waits, not even for a server's
    /// `retry-after`: for test clients (the generated mock's client uses it).
    pub fn retry_backoff(mut self, initial: Duration) -> Self {
        self.backoff = initial;
        self
    }

    /// Builds the client.
    ///
    /// # Errors
    /// [`Error::Config`] when no base URL is known, when [`from_env`](Self::from_env) was
    /// used and `WHOP_API_KEY` is not set, or when the HTTP client cannot be created.
    pub fn build(self) -> Result<C, Error>
    where
        C: From<Client>,
    {
        if self.key_required && self.api_key.is_none() {
            return Err(Error::Config(format!(
                "{API_KEY_ENV} is not set; export your Whop API key (or pass one with ClientBuilder::api_key)"
            )));
        }
        #[cfg(feature = "webhooks")]
        let webhooks = match self.webhooks {
            // The message never repeats the secret.
            Some(Err(_)) => {
                return Err(Error::Config(
                    "the webhook secret is not valid: expected whsec_<base64> or the secret's text"
                        .to_owned(),
                ))
            }
            Some(Ok(webhooks)) => Some(webhooks),
            None => None,
        };
        let base_url = self
            .base_url
            .or(self.default_base_url)
            .ok_or_else(|| Error::Config("no base URL: call ClientBuilder::base_url".to_owned()))?;
        let base_url = base_url.trim_end_matches('/').to_owned();
        if reqwest::Url::parse(&base_url).is_err() {
            return Err(Error::Config(format!("base URL `{base_url}` is not a valid URL")));
        }
        let user_agent =
            self.user_agent.unwrap_or_else(|| format!("whop-api-rust/{}", env!("CARGO_PKG_VERSION")));
        let user_agent = HeaderValue::from_str(&user_agent).map_err(|_| {
            Error::Config("the user agent has characters HTTP headers do not allow".to_owned())
        })?;
        let bearer = match &self.api_key {
            Some(key) => {
                // The message never repeats the key.
                let mut value = HeaderValue::from_str(&format!("Bearer {}", key.expose())).map_err(|_| {
                    Error::Config("the API key has characters HTTP headers do not allow".to_owned())
                })?;
                value.set_sensitive(true);
                Some(value)
            }
            None => None,
        };
        let app_id = self.app_id.resolve();
        let default_headers =
            default_headers(app_id.as_deref(), self.api_version.resolve().as_deref(), &self.default_headers)?;
        let http = match self.http {
            Some(http) => http,
            None => {
                crate::tls::install_crypto_provider();
                reqwest::Client::builder().connect_timeout(self.connect_timeout).build().map_err(|e| {
                    Error::Config(format!("cannot create the HTTP client: {}", e.without_url()))
                })?
            }
        };
        #[cfg(feature = "user-tokens")]
        let user_tokens = app_id.as_ref().map(|app_id| {
            let url = self.jwks_url.clone().unwrap_or_else(|| crate::user_tokens::jwks_url_of(&base_url));
            crate::UserTokens::remote(app_id.clone(), url, Some(http.clone()))
        });
        #[cfg(not(feature = "user-tokens"))]
        let _ = &self.jwks_url;
        let client = Client {
            inner: Arc::new(Inner {
                http,
                base_url,
                api_key: self.api_key,
                timeout: self.timeout,
                max_retries: self.max_retries,
                backoff: self.backoff,
                user_agent,
                bearer,
                default_headers,
                app_id,
                #[cfg(feature = "user-tokens")]
                user_tokens,
                #[cfg(feature = "webhooks")]
                webhooks,
            }),
        };
        Ok(C::from(client))
    }
}
