//! Request bodies of every media kind read back into the JSON the params type is checked
//! against, and typed replies written in the operation's response media type.

use serde_json::{json, Map, Value};

/// How an operation's request or response body is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Media {
    /// JSON.
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `multipart/form-data`.
    Multipart,
    /// Text, as a string.
    Text,
    /// Bytes.
    Binary,
}

/// The body as the JSON value the params type reads: form and multipart fields nested by
/// their `a[b]` / `a[]` names (files as `File` objects), text as a string, bytes as an array.
pub(crate) fn to_json(media: Media, content_type: Option<&str>, body: &[u8]) -> Result<Value, String> {
    if body.is_empty() {
        return Ok(Value::Null);
    }
    match media {
        Media::Json => serde_json::from_slice(body).map_err(|e| format!("the body is not JSON: {e}")),
        Media::Text => String::from_utf8(body.to_vec())
            .map(Value::String)
            .map_err(|e| format!("the text body is not UTF-8: {e}")),
        Media::Binary => Ok(Value::Array(body.iter().map(|b| json!(b)).collect())),
        Media::Form => {
            let text = std::str::from_utf8(body).map_err(|e| format!("the form body is not UTF-8: {e}"))?;
            let mut out = Value::Object(Map::new());
            for pair in text.split('&').filter(|p| !p.is_empty()) {
                let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
                insert(&mut out, &super::answer::decode(name), Value::String(super::answer::decode(value)));
            }
            Ok(out)
        }
        Media::Multipart => {
            let boundary = content_type
                .and_then(|ct| ct.split(';').find_map(|p| p.trim().strip_prefix("boundary=")))
                .map(|b| b.trim_matches('"').to_owned())
                .ok_or("the multipart body has no boundary in its content type")?;
            let mut out = Value::Object(Map::new());
            for part in parts(body, &boundary)? {
                insert(&mut out, &part.name, part.value);
            }
            Ok(out)
        }
    }
}

/// Scalar strings read as the JSON numbers and booleans they spell: form fields are text, and
/// the params type is checked with these when the strings do not fit.
pub(crate) fn with_scalars(value: &Value) -> Value {
    match value {
        Value::String(text) => match text.as_str() {
            "true" => json!(true),
            "false" => json!(false),
            number => number
                .parse::<i64>()
                .map(Value::from)
                .ok()
                .or_else(|| number.parse::<f64>().ok().map(Value::from))
                .unwrap_or_else(|| value.clone()),
        },
        Value::Array(items) => Value::Array(items.iter().map(with_scalars).collect()),
        Value::Object(entries) if !is_file(entries) => {
            Value::Object(entries.iter().map(|(k, v)| (k.clone(), with_scalars(v))).collect())
        }
        other => other.clone(),
    }
}

fn is_file(entries: &Map<String, Value>) -> bool {
    entries.contains_key("bytes") && entries.contains_key("file_name")
}

/// Puts `value` at a bracketed field name: `a[b][c]` nests objects, `a[]` appends to a list.
fn insert(root: &mut Value, name: &str, value: Value) {
    let (head, rest) = name.split_once('[').map_or((name, ""), |(h, r)| (h, r));
    let mut keys = vec![head.to_owned()];
    keys.extend(rest.split('[').filter(|k| !k.is_empty()).map(|k| k.trim_end_matches(']').to_owned()));
    let mut slot = root;
    for (i, key) in keys.iter().enumerate() {
        let last = i + 1 == keys.len();
        if key.is_empty() {
            // `[]`: a list element.
            if !slot.is_array() {
                *slot = Value::Array(Vec::new());
            }
            let Value::Array(items) = slot else { return };
            if last {
                items.push(value);
                return;
            }
            items.push(Value::Object(Map::new()));
            let Some(next) = items.last_mut() else { return };
            slot = next;
            continue;
        }
        if !slot.is_object() {
            *slot = Value::Object(Map::new());
        }
        let Value::Object(entries) = slot else { return };
        if last {
            entries.insert(key.clone(), value);
            return;
        }
        slot = entries.entry(key.clone()).or_insert(Value::Null);
    }
}

struct Part {
    name: String,
    value: Value,
}

/// The parts of a `multipart/form-data` body.
fn parts(body: &[u8], boundary: &str) -> Result<Vec<Part>, String> {
    let delimiter = format!("--{boundary}");
    let mut out = Vec::new();
    let mut sections = split(body, delimiter.as_bytes()).into_iter().skip(1);
    for section in sections.by_ref() {
        if section.starts_with(b"--") {
            return Ok(out);
        }
        let section = section.strip_prefix(b"\r\n").unwrap_or(section);
        let section = section.strip_suffix(b"\r\n").unwrap_or(section);
        let head_end =
            find(section, b"\r\n\r\n").ok_or("a multipart part has no blank line after its headers")?;
        let head = String::from_utf8_lossy(&section[..head_end]);
        let content = &section[head_end + 4..];
        let header = |name: &str| {
            head.split("\r\n").find_map(|line| {
                let (k, v) = line.split_once(':')?;
                k.trim().eq_ignore_ascii_case(name).then(|| v.trim().to_owned())
            })
        };
        let disposition =
            header("content-disposition").ok_or("a multipart part has no Content-Disposition")?;
        let param = |key: &str| {
            disposition.split(';').find_map(|p| {
                p.trim().strip_prefix(key)?.strip_prefix('=').map(|v| v.trim_matches('"').to_owned())
            })
        };
        let name = param("name").ok_or("a multipart part has no name")?;
        let value = match param("filename") {
            Some(file_name) => json!({
                "bytes": content.iter().map(|b| json!(b)).collect::<Vec<_>>(),
                "file_name": file_name,
                "content_type": header("content-type"),
            }),
            None => Value::String(String::from_utf8_lossy(content).into_owned()),
        };
        out.push(Part { name, value });
    }
    Err("the multipart body has no closing boundary".to_owned())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn split<'b>(mut body: &'b [u8], delimiter: &[u8]) -> Vec<&'b [u8]> {
    let mut out = Vec::new();
    while let Some(at) = find(body, delimiter) {
        out.push(&body[..at]);
        body = &body[at + delimiter.len()..];
    }
    out.push(body);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nests_bracketed_form_fields() {
        let body = b"email=a%40b.c&address%5Bcity%5D=Paris&address%5Blines%5D%5B%5D=1+rue&address%5Blines%5D%5B%5D=2&n=5";
        let value = to_json(Media::Form, None, body).expect("form");
        assert_eq!(
            value,
            json!({"email": "a@b.c", "address": {"city": "Paris", "lines": ["1 rue", "2"]}, "n": "5"})
        );
        assert_eq!(with_scalars(&value)["n"], json!(5));
    }

    #[test]
    fn reads_multipart_text_and_file_parts() {
        let body = b"--xyz\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\navatar\r\n--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n--xyz--\r\n";
        let value =
            to_json(Media::Multipart, Some("multipart/form-data; boundary=xyz"), body).expect("multipart");
        assert_eq!(value["purpose"], json!("avatar"));
        assert_eq!(
            value["file"],
            json!({"bytes": [0x89, 0x50, 0x4e, 0x47], "file_name": "a.png", "content_type": "image/png"})
        );
        assert!(to_json(Media::Multipart, Some("multipart/form-data"), body).is_err());
    }
}
