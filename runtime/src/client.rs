//! The client: connection pool, API key, base URL and defaults for every call.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::HeaderValue;

use crate::error::Error;
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
    /// if set, `WHOP_BASE_URL`.
    pub fn from_env(mut self) -> Self {
        self.key_required = true;
        if let Some(key) = std::env::var(API_KEY_ENV).ok().filter(|k| !k.trim().is_empty()) {
            self.api_key = Some(ApiKey::new(key.trim()));
        }
        if let Some(url) = std::env::var(BASE_URL_ENV).ok().filter(|u| !u.trim().is_empty()) {
            self.base_url = Some(url.trim().to_owned());
        }
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
        let http = match self.http {
            Some(http) => http,
            None => {
                install_crypto_provider();
                reqwest::Client::builder().connect_timeout(self.connect_timeout).build().map_err(|e| {
                    Error::Config(format!("cannot create the HTTP client: {}", e.without_url()))
                })?
            }
        };
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
                #[cfg(feature = "webhooks")]
                webhooks,
            }),
        };
        Ok(C::from(client))
    }
}

/// reqwest's rustls backend needs a process-wide crypto provider; install ring unless the
/// application already chose one.
pub(crate) fn install_crypto_provider() {
    #[cfg(feature = "rustls")]
    {
        let _already_installed = rustls::crypto::ring::default_provider().install_default();
    }
}
