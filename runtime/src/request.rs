//! A request as generated code describes it, before it is sent.

use std::borrow::Cow;

use reqwest::Method;
use serde::Serialize;
use serde_json::Value;

use crate::body::{Files, Form};

/// How an operation authenticates, as the spec's security scheme says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    /// No credentials.
    None,
    /// `Authorization: Bearer <key>`.
    Bearer,
    /// The key in this header.
    Header(&'static str),
    /// The key in this query parameter.
    Query(&'static str),
}

/// One operation's request: method, path, parameters and body.
#[derive(Debug, Clone)]
pub struct RequestSpec {
    pub(crate) method: Method,
    pub(crate) path: Cow<'static, str>,
    pub(crate) operation: &'static str,
    pub(crate) auth: Auth,
    pub(crate) query: Vec<(Cow<'static, str>, String)>,
    pub(crate) headers: Vec<(&'static str, String)>,
    pub(crate) body: Option<bytes::Bytes>,
    /// The body's `Content-Type`.
    pub(crate) content_type: Option<Cow<'static, str>>,
    /// Form or multipart fields, encoded into `body` by [`seal`](Self::seal).
    form: Option<Form>,
    /// A parameter that could not be encoded; reported when the call is awaited.
    pub(crate) invalid: Option<String>,
    /// The header the operation declares for an idempotency key, if it declares one.
    pub(crate) idempotency_header: Option<&'static str>,
}

impl RequestSpec {
    /// A request with no parameters yet.
    pub fn new(
        method: Method,
        path: impl Into<Cow<'static, str>>,
        operation: &'static str,
        auth: Auth,
    ) -> Self {
        RequestSpec {
            method,
            path: path.into(),
            operation,
            auth,
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            content_type: None,
            form: None,
            invalid: None,
            idempotency_header: None,
        }
    }

    /// Marks the operation as declaring an idempotency-key header: a call that sets none
    /// sends a generated key, the same on every retry.
    pub fn idempotency_header(&mut self, name: &'static str) {
        self.idempotency_header = Some(name);
    }

    /// The header to send a generated idempotency key in: the operation declares one, and
    /// neither its parameters nor the call's options set it.
    pub(crate) fn needs_idempotency_key(&self, options_set: impl Fn(&str) -> bool) -> Option<&'static str> {
        let name = self.idempotency_header?;
        let given = self.headers.iter().any(|(header, _)| header.eq_ignore_ascii_case(name));
        (!given && !options_set(name)).then_some(name)
    }

    /// Adds a query parameter (form style). `None`/`null` adds nothing; arrays repeat the
    /// key when `explode`, else join with commas; objects are sent as JSON text.
    pub fn query<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T, explode: bool) {
        match serde_json::to_value(value) {
            Ok(Value::Null) => {}
            Ok(Value::Array(items)) if explode => {
                for item in &items {
                    if let Some(text) = scalar_text(item) {
                        self.query.push((Cow::Borrowed(name), text));
                    }
                }
            }
            Ok(Value::Array(items)) => {
                let joined: Vec<String> = items.iter().filter_map(scalar_text).collect();
                self.query.push((Cow::Borrowed(name), joined.join(",")));
            }
            Ok(other) => {
                if let Some(text) = scalar_text(&other) {
                    self.query.push((Cow::Borrowed(name), text));
                }
            }
            Err(error) => self.invalid = Some(format!("query parameter `{name}`: {error}")),
        }
    }

    /// Replaces every value of a query parameter (the cursor of the next page).
    pub(crate) fn set_query(&mut self, name: &'static str, value: String) {
        self.query.retain(|(k, _)| k != name);
        self.query.push((Cow::Borrowed(name), value));
    }

    /// Adds a header parameter; `None` adds nothing.
    pub fn header<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        match serde_json::to_value(value) {
            Ok(Value::Null) => {}
            Ok(other) => {
                if let Some(text) = scalar_text(&other) {
                    self.headers.push((name, text));
                }
            }
            Err(error) => self.invalid = Some(format!("header `{name}`: {error}")),
        }
    }

    /// Sets the JSON body.
    pub fn json<T: Serialize + ?Sized>(&mut self, body: &T) {
        match serde_json::to_vec(body) {
            Ok(bytes) => {
                self.body = Some(bytes.into());
                self.content_type = Some(Cow::Borrowed("application/json"));
            }
            Err(error) => self.invalid = Some(format!("request body: {error}")),
        }
    }

    /// Sets a body sent as it is, with its content type (text and binary bodies).
    pub fn raw(&mut self, content_type: &'static str, body: impl Into<bytes::Bytes>) {
        self.body = Some(body.into());
        self.content_type = Some(Cow::Borrowed(content_type));
    }

    /// Adds a form field (`multipart`: a `multipart/form-data` part; otherwise
    /// `application/x-www-form-urlencoded`). Objects become `name[key]` fields and arrays
    /// `name[]` fields; `None`/`null` adds nothing.
    pub fn form_field<T: Serialize + ?Sized>(&mut self, multipart: bool, name: &'static str, value: &T) {
        match serde_json::to_value(value) {
            Ok(value) => self.form.get_or_insert_with(|| Form::new(multipart)).value(name, &value),
            Err(error) => self.invalid = Some(format!("form field `{name}`: {error}")),
        }
    }

    /// Adds a field's files as parts of a multipart body.
    pub fn form_files(&mut self, name: &'static str, files: &impl Files) {
        let form = self.form.get_or_insert_with(|| Form::new(true));
        for file in files.each_file() {
            form.file(name, file);
        }
    }

    /// Encodes form fields into the body, once, so every attempt sends the same bytes.
    pub(crate) fn seal(&mut self) {
        if let Some(form) = self.form.take() {
            let (body, content_type) = form.encode();
            self.body = Some(body);
            self.content_type = Some(Cow::Owned(content_type));
        }
    }

    /// `METHOD /path`, for errors and logs.
    pub(crate) fn describe(&self) -> String {
        format!("{} {}", self.method, self.path)
    }
}

fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        other => Some(other.to_string()),
    }
}

/// The path: the template's literal pieces with the values between them, percent-encoded
/// (everything but unreserved characters). Generated code passes the pieces the template was
/// parsed into when the macro ran, one more than the values.
pub fn fill_path(literals: &[&'static str], values: &[&dyn std::fmt::Display]) -> String {
    let mut path = String::with_capacity(literals.iter().map(|l| l.len()).sum::<usize>() + 16 * values.len());
    for (i, literal) in literals.iter().enumerate() {
        path.push_str(literal);
        if let Some(value) = values.get(i) {
            push_encoded(&mut path, &value.to_string());
        }
    }
    path
}

fn push_encoded(path: &mut String, text: &str) {
    use std::fmt::Write;
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            path.push(char::from(byte));
        } else {
            let _ = write!(path, "%{byte:02X}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_path_templates_percent_encoded() {
        assert_eq!(fill_path(&["/a/", ""], &[&"x/y z?é"]), "/a/x%2Fy%20z%3F%C3%A9");
        assert_eq!(fill_path(&["/a/", "/b/", ".json"], &[&1, &"c"]), "/a/1/b/c.json");
        assert_eq!(fill_path(&["/a/", "", ""], &[&1, &2]), "/a/12");
        assert_eq!(fill_path(&["/plain"], &[]), "/plain");
    }

    #[test]
    fn encodes_query_values_by_kind() {
        let mut r = RequestSpec::new(Method::GET, "/", "op", Auth::None);
        r.query("s", "a b", true);
        r.query("n", &Option::<i64>::None, true);
        r.query("i", &5, true);
        r.query("b", &true, true);
        r.query("e", &["x", "y"], true);
        r.query("c", &["x", "y"], false);
        let pairs: Vec<(String, String)> = r.query.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
        let expected = [("s", "a b"), ("i", "5"), ("b", "true"), ("e", "x"), ("e", "y"), ("c", "x,y")];
        assert_eq!(pairs, expected.map(|(k, v)| (k.to_owned(), v.to_owned())));
    }
}
