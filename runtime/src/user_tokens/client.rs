//! User tokens through the API client: [`Client::verify_user_token`] with the client's app id
//! and connection pool, and where the client's key set lives.

use crate::client::{Client, APP_ID_ENV};

impl Client {
    /// Verifies the `x-whop-user-token` header Whop's iframe proxy adds to requests to your
    /// app (see [`UserTokens`](crate::UserTokens)), for the app id of
    /// [`ClientBuilder::app_id`](crate::ClientBuilder::app_id) or `WHOP_APP_ID`. The keys come from the API's host
    /// (`https://api.whop.com/.well-known/jwks.json` for Whop; the generated mock serves its
    /// test signer's there), unless [`ClientBuilder::jwks_url`](crate::ClientBuilder::jwks_url) names another, and are fetched
    /// with this client's connection pool.
    ///
    /// # Errors
    /// [`UserTokenError::Config`](crate::UserTokenError::Config) when the client has no app
    /// id; otherwise as [`UserTokens::verify`](crate::UserTokens::verify).
    pub async fn verify_user_token(
        &self,
        headers: impl crate::WebhookHeaders,
    ) -> Result<crate::UserToken, crate::UserTokenError> {
        match &self.inner.user_tokens {
            Some(tokens) => tokens.verify(headers).await,
            None => Err(crate::UserTokenError::Config(format!(
                "the client has no app id: call ClientBuilder::app_id or set {APP_ID_ENV}"
            ))),
        }
    }

    /// The client's user-token verifier, if it has an app id.
    #[must_use]
    pub fn user_tokens(&self) -> Option<&crate::UserTokens> {
        self.inner.user_tokens.as_ref()
    }
}

/// `/.well-known/jwks.json` on the host of `base_url` (whose path, `/api/v1`, is the API's).
pub(crate) fn jwks_url_of(base_url: &str) -> String {
    match reqwest::Url::parse(base_url) {
        Ok(mut url) => {
            url.set_path("/.well-known/jwks.json");
            url.set_query(None);
            url.to_string()
        }
        Err(_) => crate::WHOP_JWKS_URL.to_owned(),
    }
}
