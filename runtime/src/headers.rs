//! The headers every request of a client carries besides the operation's own: the app id,
//! the API version and the builder's defaults, and where each value comes from.

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use crate::error::Error;

/// The environment variable [`from_env`](crate::ClientBuilder::from_env) reads the app id
/// from (sent as `X-Whop-App-Id`, and the audience user tokens must name).
pub const APP_ID_ENV: &str = "WHOP_APP_ID";
/// The environment variable [`from_env`](crate::ClientBuilder::from_env) reads the API
/// version from (sent as `Api-Version-Date`).
pub const API_VERSION_ENV: &str = "WHOP_API_VERSION";
/// The header that names the app a request is made for.
pub const APP_ID_HEADER: &str = "x-whop-app-id";
/// The header that pins the API's behaviour to a dated version.
pub const API_VERSION_HEADER: &str = "api-version-date";

/// A value set on the builder, read from the environment, or given by the spec: resolved in
/// that order when the client is built.
#[derive(Debug, Default, Clone)]
pub(crate) struct Layered {
    pub(crate) set: Option<String>,
    pub(crate) env: Option<String>,
    pub(crate) spec: Option<String>,
}

impl Layered {
    pub(crate) fn resolve(self) -> Option<String> {
        self.set.or(self.env).or(self.spec)
    }
}

/// The app id and version headers, then the builder's defaults (which may replace them).
pub(crate) fn default_headers(
    app_id: Option<&str>,
    api_version: Option<&str>,
    extra: &[(String, String)],
) -> Result<HeaderMap, Error> {
    let named = [(APP_ID_HEADER, app_id), (API_VERSION_HEADER, api_version)];
    let named = named.into_iter().filter_map(|(name, value)| Some((name, value?)));
    let extra = extra.iter().map(|(name, value)| (name.as_str(), value.as_str()));
    let mut headers = HeaderMap::new();
    for (name, value) in named.chain(extra) {
        let header = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| Error::Config(format!("`{name}` is not a valid header name")))?;
        // The message never repeats the value: a default header may carry a credential.
        let value = HeaderValue::from_str(value)
            .map_err(|_| Error::Config(format!("the value of header `{name}` is not valid header text")))?;
        headers.insert(header, value);
    }
    Ok(headers)
}
