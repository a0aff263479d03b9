//! Uploading bytes to a presigned URL: the second step of a file flow in which a create call
//! answers with an upload URL and the headers the upload must carry.

use bytes::Bytes;
use reqwest::header::{HeaderMap, CONTENT_TYPE};
use reqwest::Method;
use serde_json::Value;

use crate::call::Response;
use crate::client::Client;
use crate::error::{request_id, Error};
use crate::send::{header_name, header_value, Attempts, Reading};

/// A value of an upload header as a create call returns it: text, a number or a boolean
/// (JSON `null` sends nothing). Implemented for `serde_json::Value` and strings.
pub trait UploadHeaderValue {
    /// The header's text; `Ok(None)` sends no header, `Err` names what kind of value it was.
    ///
    /// # Errors
    /// The JSON type of a value HTTP headers cannot carry (an object or an array).
    fn header_text(&self) -> Result<Option<String>, &'static str>;
}

impl UploadHeaderValue for Value {
    fn header_text(&self) -> Result<Option<String>, &'static str> {
        match self {
            Value::Null => Ok(None),
            Value::String(text) => Ok(Some(text.clone())),
            Value::Number(number) => Ok(Some(number.to_string())),
            Value::Bool(flag) => Ok(Some(flag.to_string())),
            Value::Array(_) => Err("an array"),
            Value::Object(_) => Err("an object"),
        }
    }
}

impl UploadHeaderValue for str {
    fn header_text(&self) -> Result<Option<String>, &'static str> {
        Ok(Some(self.to_owned()))
    }
}

impl UploadHeaderValue for String {
    fn header_text(&self) -> Result<Option<String>, &'static str> {
        Ok(Some(self.clone()))
    }
}

impl<T: UploadHeaderValue + ?Sized> UploadHeaderValue for &T {
    fn header_text(&self) -> Result<Option<String>, &'static str> {
        (**self).header_text()
    }
}

impl Client {
    /// PUTs `body` to a presigned `url` with the `headers` the create call returned (for
    /// Whop's files: `upload_url` and `upload_headers`), with this client's timeout, retries
    /// and typed errors. The API key is not sent: the URL carries its own authorisation, and
    /// error messages leave out its query (the signature).
    ///
    /// ```no_run
    /// # async fn f(client: &whop_api_runtime::Client, url: &str, headers: &std::collections::BTreeMap<String, whop_api_runtime::serde_json::Value>) -> Result<(), whop_api_runtime::Error> {
    /// client.upload_presigned(url, headers, std::fs::read("logo.png").unwrap_or_default()).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Request`] for a URL that does not parse or a header value that is an object
    /// or array; otherwise as for any call ([`Error::Api`] with the storage service's status
    /// and body, timeouts, connection errors).
    pub async fn upload_presigned<K, V>(
        &self,
        url: &str,
        headers: impl IntoIterator<Item = (K, V)>,
        body: impl Into<Bytes>,
    ) -> Result<Response<()>, Error>
    where
        K: AsRef<str>,
        V: UploadHeaderValue,
    {
        let target = reqwest::Url::parse(url)
            .map_err(|_| Error::Request("the upload URL is not a valid absolute URL".to_owned()))?;
        let describe = format!("PUT {}{}", target.origin().ascii_serialization(), target.path());
        let mut sent = HeaderMap::new();
        for (name, value) in headers {
            let name = name.as_ref();
            let text = value
                .header_text()
                .map_err(|kind| Error::Request(format!("upload header `{name}` is {kind}, not text")))?;
            if let Some(text) = text {
                sent.insert(header_name(name)?, header_value(&text)?);
            }
        }
        if !sent.contains_key(CONTENT_TYPE) {
            sent.insert(CONTENT_TYPE, header_value("application/octet-stream")?);
        }
        let body = body.into();
        let timeout = self.inner.timeout;
        let attempts = Attempts {
            client: self,
            operation: "presigned upload",
            describe,
            max_retries: self.inner.max_retries,
            reading: Reading::Whole,
        };
        let (status, headers, _) = attempts
            .run(|| {
                let mut request = reqwest::Request::new(Method::PUT, target.clone());
                *request.headers_mut() = sent.clone();
                *request.body_mut() = Some(body.clone().into());
                *request.timeout_mut() = Some(timeout);
                Ok(request)
            })
            .await?;
        Ok(Response { status, request_id: request_id(&headers), headers, data: () })
    }
}
