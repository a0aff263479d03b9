//! One request to its answer: the route it matches, its parameters as JSON, the credential,
//! the check against the params type, and the reply (a handler's, a scripted one, or the
//! route's default).

use std::sync::Mutex;

use serde_json::{json, Map, Value};

use crate::mock::body;
use crate::mock::body::Media;
use crate::mock::routes::{BodyShape, Kind, Misfit};
use crate::mock::server::{lock, Incoming, State};
use crate::mock::{MockReply, Received};
use crate::request::Auth;

pub(crate) fn decode(text: &str) -> String {
    let bytes = text.replace('+', " ").into_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The path parameters when `path` fits the template's `literals` (the text around its
/// variables): each variable is a non-empty piece without `/`, up to the next literal. A
/// trailing `/` is ignored.
fn matches(literals: &[&str], path: &str) -> Option<Vec<String>> {
    fn trim(text: &str) -> &str {
        if text.len() > 1 {
            text.trim_end_matches('/')
        } else {
            text
        }
    }
    let path = trim(path);
    let (first, rest) = literals.split_first()?;
    if rest.is_empty() {
        return (path == trim(first)).then(Vec::new);
    }
    let mut remaining = path.strip_prefix(first)?;
    let mut params = Vec::new();
    for (i, literal) in rest.iter().enumerate() {
        let last = i + 1 == rest.len();
        let end = if last {
            let literal = literal.trim_end_matches('/');
            remaining.len().checked_sub(literal.len()).filter(|&end| &remaining[end..] == literal)?
        } else if literal.is_empty() {
            return None; // two variables side by side: ambiguous, and in no real spec
        } else {
            remaining.find(literal)?
        };
        let value = &remaining[..end];
        if value.is_empty() || value.contains('/') {
            return None;
        }
        params.push(decode(value));
        remaining = &remaining[end..];
        remaining = if last { "" } else { &remaining[literal.len()..] };
    }
    Some(params)
}

fn coerce(text: &str, kind: Kind) -> Value {
    match kind {
        Kind::Integer => text.parse::<i64>().map_or_else(|_| json!(text), Value::from),
        Kind::Number => text.parse::<f64>().map_or_else(|_| json!(text), Value::from),
        Kind::Boolean => match text {
            "true" => json!(true),
            "false" => json!(false),
            other => json!(other),
        },
        Kind::Text | Kind::List => json!(text),
    }
}

fn invalid(status: u16, code: &str, message: String, param: Option<String>) -> MockReply {
    MockReply::json(
        status,
        &json!({"error": {"type": "invalid_request_error", "code": code, "message": message, "param": param}}),
    )
}

pub(crate) fn answer(state: &Mutex<State>, request: Incoming) -> MockReply {
    let (path, query_text) = request.target.split_once('?').unwrap_or((&request.target, ""));
    let query: Vec<(String, String)> = query_text
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect();
    let mut state = lock(state);
    let found = state.routes.iter().find_map(|r| {
        (r.method.eq_ignore_ascii_case(&request.method))
            .then(|| matches(r.literals, path).map(|p| (*r, p)))
            .flatten()
    });
    let Some((route, path_params)) = found else {
        #[cfg(feature = "user-tokens")]
        if let (Some(signer), true) = (&state.signer, path == super::server::JWKS_PATH) {
            return MockReply::bytes(200, "application/json", signer.jwks());
        }
        return MockReply::error(404, &format!("no operation for {} {path}", request.method));
    };
    let mut params = Map::new();
    for (name, kind) in route.query {
        let values: Vec<&String> = query.iter().filter(|(k, _)| k == name).map(|(_, v)| v).collect();
        match (kind, values.as_slice()) {
            (_, []) => {}
            (Kind::List, values) => {
                let list: Vec<Value> = values.iter().flat_map(|v| v.split(',')).map(|v| json!(v)).collect();
                params.insert((*name).to_owned(), Value::Array(list));
            }
            (kind, [value, ..]) => {
                params.insert((*name).to_owned(), coerce(value, *kind));
            }
        }
    }
    for (name, kind) in route.headers {
        if let Some((_, value)) = request.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)) {
            params.insert((*name).to_owned(), coerce(value, *kind));
        }
    }
    let content_type = request.headers.iter().find(|(k, _)| k == "content-type").map(|(_, v)| v.as_str());
    let body_json = body::to_json(route.request_media, content_type, &request.body);
    let received = Received {
        operation: route.operation,
        method: request.method.clone(),
        path: path.to_owned(),
        path_params,
        query,
        headers: request.headers.clone(),
        params: Value::Null,
    };
    let body = match body_json {
        Ok(body) => body,
        Err(error) => {
            state.received.push(received);
            return invalid(400, "invalid_body", error, None);
        }
    };
    let params = match (route.body_shape, body) {
        (BodyShape::Merge, Value::Object(fields)) => {
            params.extend(fields);
            Value::Object(params)
        }
        // The params type is the body itself (an array or a union of scalars, say).
        (BodyShape::Merge, body) if params.is_empty() && !body.is_null() => body,
        (BodyShape::Field(name), body) if !body.is_null() => {
            params.insert(name.to_owned(), body);
            Value::Object(params)
        }
        _ => Value::Object(params),
    };
    let mut received = Received { params: params.clone(), ..received };
    state.received.push(received.clone());
    let header =
        |name: &str| request.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v);
    let authorized = match route.auth {
        Auth::None => true,
        Auth::Bearer => header("authorization").is_some_and(|v| v.starts_with("Bearer ") && v.len() > 7),
        Auth::Header(name) => header(name).is_some_and(|v| !v.is_empty()),
        Auth::Query(name) => received.query.iter().any(|(k, v)| k == name && !v.is_empty()),
    };
    if !authorized {
        return MockReply::error(401, "Invalid or missing API key");
    }
    if let Err(Misfit { path, message }) = (route.check)(&params) {
        // Form fields are text: numbers and booleans arrive spelled out.
        let form = matches!(route.request_media, Media::Form | Media::Multipart);
        let scalars = form.then(|| body::with_scalars(&params)).filter(|p| (route.check)(p).is_ok());
        match scalars {
            Some(params) => {
                if let Some(last) = state.received.last_mut() {
                    last.params = params.clone();
                }
                received.params = params;
            }
            None => {
                let param = (path != ".").then_some(path);
                return invalid(422, "parameter_invalid", format!("invalid parameters: {message}"), param);
            }
        }
    }
    let behaviour = state.behaviours.entry(route.operation).or_default();
    // An explicit stub beats the store for its operation.
    let stubbed = behaviour.handler.is_some() || !behaviour.replies.is_empty();
    if let (false, true, Some(at)) = (stubbed, state.stateful, route.store) {
        #[cfg(feature = "webhooks")]
        let events = state.outbox.lifecycle && state.outbox.target.is_some();
        #[cfg(not(feature = "webhooks"))]
        let events = false;
        let (reply, pending) = state.store.answer(&route, at, &received.path_params, &params, events);
        #[cfg(feature = "webhooks")]
        state.outbox.pending.extend(pending);
        #[cfg(not(feature = "webhooks"))]
        let _ = pending;
        return reply;
    }
    let behaviour = state.behaviours.entry(route.operation).or_default();
    if let Some(handler) = behaviour.handler.clone() {
        // The user's handler runs without the state lock: it may call back into the server.
        drop(state);
        return handler(&received);
    }
    match behaviour.replies.len() {
        0 => MockReply::bytes(
            route.status,
            if route.response_media == Media::Json { "application/json" } else { route.content_type },
            route.body.as_bytes(),
        ),
        1 => behaviour.replies.front().cloned().unwrap_or_else(|| MockReply::status(500)),
        _ => behaviour.replies.pop_front().unwrap_or_else(|| MockReply::status(500)),
    }
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn paths_match_the_text_around_their_variables() {
        let item = ["/affiliates/", ""];
        assert_eq!(matches(&item, "/affiliates/aff_1"), Some(vec!["aff_1".to_owned()]));
        assert_eq!(matches(&item, "/affiliates/aff_1/"), Some(vec!["aff_1".to_owned()]));
        assert_eq!(matches(&item, "/affiliates/a%2Fb"), Some(vec!["a/b".to_owned()]));
        assert_eq!(matches(&item, "/affiliates/"), None);
        assert_eq!(matches(&item, "/affiliates/a/b"), None);
        let nested = ["/companies/", "/members/", ".json"];
        assert_eq!(
            matches(&nested, "/companies/biz_1/members/u_2.json"),
            Some(vec!["biz_1".to_owned(), "u_2".to_owned()])
        );
        assert_eq!(matches(&nested, "/companies/biz_1/members/u_2"), None);
        assert_eq!(matches(&["/affiliates"], "/affiliates/"), Some(Vec::new()));
        assert_eq!(matches(&["/affiliates"], "/affiliate"), None);
        assert_eq!(matches(&["/"], "/"), Some(Vec::new()));
    }
}
