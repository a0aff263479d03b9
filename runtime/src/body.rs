//! Request bodies that are not JSON: form-urlencoded and multipart fields (nested values as
//! `a[b]=c` and `a[]=x`, the way such APIs read them), file parts, and their encoding.

use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};

use bytes::Bytes;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A file for a multipart upload (a `format: binary` property): its bytes, and the file name
/// and content type sent with them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct File {
    /// The contents.
    pub bytes: Bytes,
    /// The file name sent in the part's `Content-Disposition` (`upload.bin` when unset).
    pub file_name: Option<String>,
    /// The part's `Content-Type` (`application/octet-stream` when unset).
    pub content_type: Option<String>,
}

impl File {
    /// A file with these contents.
    pub fn new(bytes: impl Into<Bytes>) -> Self {
        File { bytes: bytes.into(), file_name: None, content_type: None }
    }

    /// Sets the file name.
    #[must_use]
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// Sets the content type.
    #[must_use]
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }
}

/// Fields of a form or multipart body, in order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Form {
    pub(crate) multipart: bool,
    fields: Vec<(String, Part)>,
}

#[derive(Debug, Clone)]
enum Part {
    Text(String),
    File(File),
}

impl Form {
    pub(crate) fn new(multipart: bool) -> Self {
        Form { multipart, fields: Vec::new() }
    }

    /// Adds a value: scalars as text, objects as `name[key]`, arrays as `name[]`; null adds
    /// nothing. An object without a name (the properties `additionalProperties` allows) adds
    /// each of its entries under its own key.
    pub(crate) fn value(&mut self, name: &str, value: &Value) {
        match value {
            Value::Null => {}
            Value::Object(entries) => {
                for (key, inner) in entries {
                    let nested = if name.is_empty() { key.clone() } else { format!("{name}[{key}]") };
                    self.value(&nested, inner);
                }
            }
            Value::Array(items) => {
                for item in items {
                    self.value(&format!("{name}[]"), item);
                }
            }
            Value::String(text) => self.fields.push((name.to_owned(), Part::Text(text.clone()))),
            other => self.fields.push((name.to_owned(), Part::Text(other.to_string()))),
        }
    }

    pub(crate) fn file(&mut self, name: &str, file: &File) {
        self.fields.push((name.to_owned(), Part::File(file.clone())));
    }

    /// The encoded body and its content type.
    pub(crate) fn encode(&self) -> (Bytes, String) {
        if self.multipart {
            self.encode_multipart()
        } else {
            (self.encode_urlencoded().into(), "application/x-www-form-urlencoded".to_owned())
        }
    }

    fn encode_urlencoded(&self) -> String {
        let mut out = String::new();
        for (name, part) in &self.fields {
            let Part::Text(text) = part else { continue };
            if !out.is_empty() {
                out.push('&');
            }
            push_form_encoded(&mut out, name);
            out.push('=');
            push_form_encoded(&mut out, text);
        }
        out
    }

    fn encode_multipart(&self) -> (Bytes, String) {
        let boundary = boundary();
        let mut out: Vec<u8> = Vec::new();
        for (name, part) in &self.fields {
            out.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            let name = quoted(name);
            match part {
                Part::Text(text) => {
                    out.extend_from_slice(
                        format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
                    );
                    out.extend_from_slice(text.as_bytes());
                }
                Part::File(file) => {
                    let file_name = quoted(file.file_name.as_deref().unwrap_or("upload.bin"));
                    let content_type = file.content_type.as_deref().unwrap_or("application/octet-stream");
                    let content_type: String = content_type.chars().filter(|c| !c.is_control()).collect();
                    out.extend_from_slice(
                        format!(
                            "Content-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\nContent-Type: {content_type}\r\n\r\n"
                        )
                        .as_bytes(),
                    );
                    out.extend_from_slice(&file.bytes);
                }
            }
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        (out.into(), format!("multipart/form-data; boundary={boundary}"))
    }
}

/// A boundary unlikely to occur in any part: fixed text, the time and a counter.
fn boundary() -> String {
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let nanos =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_nanos();
    format!("whop-api-boundary-{nanos:x}-{}", COUNT.fetch_add(1, Ordering::Relaxed))
}

/// A name or file name inside a quoted header parameter, escaped as browsers do (`"`, CR and
/// LF percent-encoded).
fn quoted(text: &str) -> String {
    text.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A")
}

/// `application/x-www-form-urlencoded` encoding: unreserved characters as they are, spaces as
/// `+`, everything else percent-encoded.
fn push_form_encoded(out: &mut String, text: &str) {
    for byte in text.bytes() {
        match byte {
            b' ' => out.push('+'),
            b if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'*') => {
                out.push(char::from(b))
            }
            b => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
}

/// A field's files: a `File`, an optional one, or a list (used by generated code).
#[doc(hidden)]
pub trait Files {
    /// Each file, in order.
    fn each_file(&self) -> Vec<&File>;
}

impl Files for File {
    fn each_file(&self) -> Vec<&File> {
        vec![self]
    }
}

impl<T: Files> Files for Option<T> {
    fn each_file(&self) -> Vec<&File> {
        self.as_ref().map(Files::each_file).unwrap_or_default()
    }
}

impl Files for Vec<File> {
    fn each_file(&self) -> Vec<&File> {
        self.iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn urlencodes_nested_objects_and_arrays_with_brackets() {
        let mut form = Form::new(false);
        form.value("name", &json!("Jane Doe & co"));
        form.value("meta", &json!({"plan": {"id": "plan_1"}, "tags": ["a", "b c"]}));
        form.value("count", &json!(3));
        form.value("absent", &Value::Null);
        form.value("", &json!({"extra": "x"}));
        let (body, content_type) = form.encode();
        assert_eq!(content_type, "application/x-www-form-urlencoded");
        assert_eq!(
            std::str::from_utf8(&body).expect("ascii"),
            "name=Jane+Doe+%26+co&meta%5Bplan%5D%5Bid%5D=plan_1&meta%5Btags%5D%5B%5D=a&meta%5Btags%5D%5B%5D=b+c&count=3&extra=x"
        );
    }
}
