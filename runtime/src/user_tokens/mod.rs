//! Verifying the user token Whop's iframe proxy adds to every request a Whop app receives
//! (`x-whop-user-token`): an ES256 JWT whose `sub` is the user and whose `aud` is the app,
//! signed with a key from Whop's published key set (feature `user-tokens`).
//!
//! The rules: the header's `alg` is ES256 (never `none`, never an HMAC); the signature checks
//! out with a P-256 key of the set (by `kid`); `iss` is `urn:whopcom:exp-proxy`; `aud` is a
//! single string equal to the app id; `sub` is present; `exp` and `nbf`, where present, hold
//! with ten seconds of leeway for clock skew.
//!
//! jsonwebtoken does the JWS work (the 9.x line, whose crypto is ring: the library rustls and
//! the webhook verifier already use, so one crypto backend serves the whole tree).

mod client;
mod error;
mod keys;
mod signer;

use std::sync::Arc;
use std::time::Duration;

use jsonwebtoken::{Algorithm, Validation};
use serde::Deserialize;
use serde_json::Value;

pub(crate) use client::jwks_url_of;
pub use error::{KeysProblem, UserTokenError};
pub use keys::{KEYS_MAX_AGE, KEYS_REFETCH_INTERVAL, KEYS_TIMEOUT};
pub use signer::UserTokenSigner;

use crate::client::APP_ID_ENV;
use crate::webhooks::WebhookHeaders;
use keys::{Keys, RemoteKeys};

/// The header Whop's iframe proxy puts the user token in.
pub const USER_TOKEN_HEADER: &str = "x-whop-user-token";
/// The issuer of user tokens: Whop's iframe ("experience") proxy.
pub const USER_TOKEN_ISSUER: &str = "urn:whopcom:exp-proxy";
/// Where Whop publishes the keys user tokens are signed with.
pub const WHOP_JWKS_URL: &str = "https://api.whop.com/.well-known/jwks.json";
/// The clock skew allowed on `exp` and `nbf`, in seconds.
const LEEWAY_SECS: u64 = 10;

/// Who a verified user token says the request is from.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct UserToken {
    /// The Whop user (`user_...`): the token's `sub`.
    pub user_id: String,
    /// The app the token was issued for: the token's `aud`, equal to the verifier's app id.
    pub app_id: String,
}

/// Verifies user tokens for one app. Cheap to clone: clones share the cached key set.
///
/// ```no_run
/// # async fn page(headers: &whop_api_runtime::header::HeaderMap) -> Result<(), whop_api_runtime::UserTokenError> {
/// let tokens = whop_api_runtime::UserTokens::from_env()?; // WHOP_APP_ID
/// let user = tokens.verify(headers).await?;
/// println!("{} opened the app", user.user_id);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct UserTokens {
    app_id: Arc<str>,
    keys: Arc<Keys>,
}

impl std::fmt::Debug for UserTokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let keys = match &*self.keys {
            Keys::Fixed(keys) => format!("{} fixed key(s)", keys.len()),
            Keys::Remote(remote) => remote.url.clone(),
        };
        f.debug_struct("UserTokens").field("app_id", &self.app_id).field("keys", &keys).finish()
    }
}

impl UserTokens {
    /// A verifier for tokens issued to `app_id` (`app_...`), checked against Whop's key set
    /// ([`WHOP_JWKS_URL`]), fetched on first use.
    pub fn new(app_id: impl Into<String>) -> Self {
        Self::remote(app_id.into(), WHOP_JWKS_URL.to_owned(), None)
    }

    /// A verifier for the app id in `WHOP_APP_ID`.
    ///
    /// # Errors
    /// [`UserTokenError::Config`] when the variable is not set.
    pub fn from_env() -> Result<Self, UserTokenError> {
        let app_id = std::env::var(APP_ID_ENV).ok().map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        app_id.map(Self::new).ok_or_else(|| {
            UserTokenError::Config(format!("{APP_ID_ENV} is not set; export your app id (app_...)"))
        })
    }

    pub(crate) fn remote(app_id: String, url: String, http: Option<reqwest::Client>) -> Self {
        UserTokens { app_id: app_id.into(), keys: Arc::new(Keys::Remote(RemoteKeys::new(url, http))) }
    }

    /// Fetches the key set from `url` instead of Whop's (a mirror, or a test server).
    #[must_use]
    pub fn jwks_url(self, url: impl Into<String>) -> Self {
        Self::remote(self.app_id.to_string(), url.into(), None)
    }

    /// Trusts this key alone and never fetches: a JWK or JWKS (JSON) or a PEM public key.
    /// For pinned setups and tests ([`UserTokenSigner::jwk`]).
    ///
    /// # Errors
    /// [`UserTokenError::Config`] when it is not a P-256 public key.
    pub fn public_key(self, jwk_or_pem: &str) -> Result<Self, UserTokenError> {
        let keys = keys::fixed_keys(jwk_or_pem)?;
        Ok(UserTokens { app_id: self.app_id, keys: Arc::new(Keys::Fixed(keys)) })
    }

    /// The longest a key-set fetch may take (default 10 s); past it, verification fails with
    /// [`KeysProblem::Timeout`].
    #[must_use]
    pub fn fetch_timeout(self, timeout: Duration) -> Self {
        self.with_remote(|remote| remote.timeout = timeout)
    }

    /// The least time between two key-set fetches (default 30 s): a token with an unknown
    /// `kid` fetches the set again only when the last fetch is older than this.
    #[must_use]
    pub fn refetch_interval(self, interval: Duration) -> Self {
        self.with_remote(|remote| remote.refetch_interval = interval)
    }

    /// Fetches the key set with this HTTP client (proxies, custom TLS roots).
    #[must_use]
    pub fn http_client(self, http: reqwest::Client) -> Self {
        match &*self.keys {
            Keys::Remote(remote) => {
                let (timeout, interval) = (remote.timeout, remote.refetch_interval);
                Self::remote(self.app_id.to_string(), remote.url.clone(), Some(http))
                    .fetch_timeout(timeout)
                    .refetch_interval(interval)
            }
            Keys::Fixed(_) => self,
        }
    }

    fn with_remote(self, change: impl FnOnce(&mut RemoteKeys)) -> Self {
        match Arc::try_unwrap(self.keys) {
            Ok(Keys::Remote(mut remote)) => {
                change(&mut remote);
                UserTokens { app_id: self.app_id, keys: Arc::new(Keys::Remote(remote)) }
            }
            // Fixed keys have nothing to fetch; a shared verifier keeps its settings.
            Ok(fixed) => UserTokens { app_id: self.app_id, keys: Arc::new(fixed) },
            Err(shared) => UserTokens { app_id: self.app_id, keys: shared },
        }
    }

    /// The app id tokens must be issued to.
    #[must_use]
    pub fn app_id(&self) -> &str {
        &self.app_id
    }

    /// Verifies the `x-whop-user-token` header of a request. `headers` is whatever the
    /// handler has, as for webhooks: `&HeaderMap`, name/value pairs, a map
    /// ([`WebhookHeaders`]).
    ///
    /// # Errors
    /// A [`UserTokenError`] naming the rule the token broke, or why the keys could not be had.
    pub async fn verify(&self, headers: impl WebhookHeaders) -> Result<UserToken, UserTokenError> {
        let mut token = None;
        headers.visit_headers(&mut |name, value| {
            if token.is_none() && name.eq_ignore_ascii_case(USER_TOKEN_HEADER) {
                token = std::str::from_utf8(value).ok().map(|v| v.trim().to_owned());
            }
        });
        match token {
            Some(token) if !token.is_empty() => self.verify_token(&token).await,
            _ => Err(UserTokenError::MissingToken),
        }
    }

    /// Verifies a bare token (from a cookie, a query parameter, a WebSocket message).
    ///
    /// # Errors
    /// As [`verify`](Self::verify).
    pub async fn verify_token(&self, token: &str) -> Result<UserToken, UserTokenError> {
        if self.app_id.is_empty() {
            return Err(UserTokenError::Config("the app id is empty".to_owned()));
        }
        let kid = match jsonwebtoken::decode_header(token) {
            Ok(header) if header.alg == Algorithm::ES256 => header.kid,
            Ok(header) => return Err(UserTokenError::UnsupportedAlgorithm(format!("{:?}", header.alg))),
            // `alg: none` and names the library does not know fail to parse as a header.
            Err(_) => {
                return Err(named_algorithm(token)
                    .map_or(UserTokenError::Malformed, UserTokenError::UnsupportedAlgorithm))
            }
        };
        let candidates = self.keys.candidates(kid.as_deref()).await?;
        let validation = validation();
        // With several candidate keys (no `kid`), a signature that fits none is the refusal;
        // any other refusal comes from the key that did fit.
        let mut outcome = Err(UserTokenError::BadSignature);
        for candidate in &candidates {
            outcome = jsonwebtoken::decode::<Claims>(token, &candidate.key, validation)
                .map(|data| data.claims)
                .map_err(|error| refusal(error.kind()));
            if !matches!(outcome, Err(UserTokenError::BadSignature)) {
                break;
            }
        }
        let claims = outcome?;
        match claims.aud {
            Value::String(aud) if *aud == *self.app_id => {
                let user_id = claims.sub.ok_or(UserTokenError::MissingClaim("sub"))?;
                Ok(UserToken { user_id, app_id: aud })
            }
            _ => Err(UserTokenError::WrongApp),
        }
    }
}

#[derive(Deserialize)]
struct Claims {
    sub: Option<String>,
    #[serde(default)]
    aud: Value,
}

/// The rules, built once: every verification uses the same.
fn validation() -> &'static Validation {
    static RULES: std::sync::OnceLock<Validation> = std::sync::OnceLock::new();
    RULES.get_or_init(rules)
}

fn rules() -> Validation {
    let mut validation = Validation::new(Algorithm::ES256);
    validation.leeway = LEEWAY_SECS;
    validation.validate_nbf = true;
    // `aud` is checked here, not by the library, which would also accept a list naming the app.
    validation.validate_aud = false;
    validation.set_issuer(&[USER_TOKEN_ISSUER]);
    validation.set_required_spec_claims(&["iss", "aud", "sub"]);
    validation
}

fn refusal(kind: &jsonwebtoken::errors::ErrorKind) -> UserTokenError {
    use jsonwebtoken::errors::ErrorKind;
    match kind {
        ErrorKind::InvalidSignature | ErrorKind::InvalidEcdsaKey | ErrorKind::Crypto(_) => {
            UserTokenError::BadSignature
        }
        ErrorKind::ExpiredSignature => UserTokenError::Expired,
        ErrorKind::ImmatureSignature => UserTokenError::NotYetValid,
        ErrorKind::InvalidIssuer => UserTokenError::WrongIssuer,
        ErrorKind::InvalidAudience => UserTokenError::WrongApp,
        ErrorKind::InvalidAlgorithm => UserTokenError::UnsupportedAlgorithm("ES256 expected".to_owned()),
        ErrorKind::MissingRequiredClaim(claim) => UserTokenError::MissingClaim(match claim.as_str() {
            "iss" => "iss",
            "aud" => "aud",
            _ => "sub",
        }),
        _ => UserTokenError::Malformed,
    }
}

/// The `alg` a token's header names, when it is not one the JWT library can read (`none`).
fn named_algorithm(token: &str) -> Option<String> {
    use base64::Engine;
    let header = token.split('.').next()?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(header.trim_end_matches('=')).ok()?;
    let header: Value = serde_json::from_slice(&bytes).ok()?;
    let alg = header.get("alg")?.as_str()?;
    // Only short, printable names are repeated in errors.
    (alg.len() <= 16 && alg.chars().all(|c| c.is_ascii_alphanumeric())).then(|| alg.to_owned())
}
