//! A YAML tree that remembers where every node came from.
//!
//! The spec is loaded into [`Node`]s carrying a [`Loc`], so that every later diagnostic can
//! name a line and column. Loading is iterative (no recursion on nesting depth), rejects
//! duplicate mapping keys and caps nesting depth, so hostile input cannot overflow the stack
//! of later recursive passes.

use std::borrow::Cow;

use saphyr_parser::{Event, Parser, ScalarStyle, Span};

use crate::diag::{Diagnostic, Loc};

/// Deepest nesting accepted; real specs stay far below it.
pub const MAX_DEPTH: usize = 128;

/// A YAML node and where it starts in the source.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Where the node starts.
    pub loc: Loc,
}

/// A YAML value, with scalars resolved by the YAML 1.2 core schema.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`, `~` or empty.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer that fits in `i64`.
    Int(i64),
    /// Any other number.
    Float(f64),
    /// A string.
    Str(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in document order; keys are unique.
    Map(Vec<(Key, Node)>),
}

/// A mapping key: its source text and location.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    /// The key as written (scalar keys only).
    pub text: String,
    /// Where the key starts.
    pub loc: Loc,
}

impl Node {
    /// The keys of a mapping (none for other kinds).
    pub fn keys(&self) -> Vec<String> {
        match &self.value {
            Value::Map(entries) => entries.iter().map(|(k, _)| k.text.clone()).collect(),
            _ => Vec::new(),
        }
    }

    /// The value under `key` if this is a mapping that has it.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|(k, _)| k.text == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string if this is a string scalar.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// Follows a JSON pointer (`/a/b~1c/0`) from this node.
    pub fn pointer(&self, pointer: &str) -> Option<&Node> {
        let mut node = self;
        if pointer.is_empty() {
            return Some(node);
        }
        for raw in pointer.strip_prefix('/')?.split('/') {
            let token = raw.replace("~1", "/").replace("~0", "~");
            node = match &node.value {
                Value::Map(_) => node.get(&token)?,
                Value::Seq(items) => items.get(token.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(node)
    }

    /// A short name of the node's kind, for messages.
    pub fn kind(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Int(_) | Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a sequence",
            Value::Map(_) => "a mapping",
        }
    }
}

impl Node {
    /// Appends the node as JSON text (non-finite numbers become `null`).
    pub fn write_json(&self, out: &mut String) {
        match &self.value {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Int(i) => out.push_str(&i.to_string()),
            Value::Float(f) if f.is_finite() => out.push_str(&format!("{f:?}")),
            Value::Float(_) => out.push_str("null"),
            Value::Str(s) => write_json_string(s, out),
            Value::Seq(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write_json(out);
                }
                out.push(']');
            }
            Value::Map(entries) => {
                out.push('{');
                for (i, (key, value)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_json_string(&key.text, out);
                    out.push(':');
                    value.write_json(out);
                }
                out.push('}');
            }
        }
    }
}

/// Appends `text` as a JSON string literal.
pub fn write_json_string(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A container being filled while events stream in.
enum Open {
    Seq(Loc, Vec<Node>),
    Map(Loc, Vec<(Key, Node)>, Option<Key>),
}

/// Parses one YAML document into a located tree.
pub fn parse(text: &str) -> Result<Node, Diagnostic> {
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Open> = Vec::new();
    let mut root: Option<Node> = None;
    while let Some(event) = parser.next_event() {
        let (event, span) = event.map_err(|e| {
            let m = e.marker();
            Diagnostic::at(format!("YAML syntax error: {}", e.info()), Loc::new(m.line(), m.col() + 1))
        })?;
        let loc = start_of(&span);
        let finished = match event {
            Event::StreamStart | Event::DocumentStart(_) | Event::Nothing => continue,
            Event::DocumentEnd | Event::StreamEnd => {
                if root.is_some() {
                    break;
                }
                continue;
            }
            Event::Alias(_) => {
                return Err(Diagnostic::at(
                    "YAML aliases (`*name`) are not supported in specs; write the value out in full",
                    loc,
                ))
            }
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(Diagnostic::at(
                        format!("the document nests deeper than {MAX_DEPTH} levels"),
                        loc,
                    ));
                }
                stack.push(if matches!(event, Event::SequenceStart(..)) {
                    Open::Seq(loc, Vec::new())
                } else {
                    Open::Map(loc, Vec::new(), None)
                });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Open::Seq(at, items)) => Node { value: Value::Seq(items), loc: at },
                Some(Open::Map(at, entries, _)) => Node { value: Value::Map(entries), loc: at },
                None => continue,
            },
            Event::Scalar(text, style, _, tag) => {
                // A key is kept as its source text, whatever its type (`200:` is the key "200").
                if let Some(Open::Map(_, entries, pending @ None)) = stack.last_mut() {
                    let key = Key { text: text.into_owned(), loc };
                    if let Some((first, _)) = entries.iter().find(|(k, _)| k.text == key.text) {
                        return Err(Diagnostic::at(
                            format!(
                                "duplicate key `{}` (first defined at line {}); remove one of them",
                                key.text, first.loc.line
                            ),
                            loc,
                        ));
                    }
                    *pending = Some(key);
                    continue;
                }
                let quoted = style != ScalarStyle::Plain || tag.as_ref().is_some_and(|t| t.suffix == "str");
                Node { value: resolve_scalar(text, quoted), loc }
            }
        };
        match stack.last_mut() {
            None => root = Some(finished),
            Some(Open::Seq(_, items)) => items.push(finished),
            Some(Open::Map(_, entries, pending)) => match pending.take() {
                Some(key) => entries.push((key, finished)),
                None => {
                    return Err(Diagnostic::at(
                        "mapping keys must be plain scalars, not sequences or mappings",
                        finished.loc,
                    ))
                }
            },
        }
    }
    Ok(root.unwrap_or(Node { value: Value::Null, loc: Loc::new(1, 1) }))
}

fn start_of(span: &Span) -> Loc {
    Loc::new(span.start.line(), span.start.col() + 1)
}

/// Resolves a plain scalar by the YAML 1.2 core schema; quoted scalars stay strings.
fn resolve_scalar(text: Cow<'_, str>, quoted: bool) -> Value {
    if quoted {
        return Value::Str(text.into_owned());
    }
    match &*text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => return Value::Float(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => return Value::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Value::Float(f64::NAN),
        _ => {}
    }
    if looks_like_int(&text) {
        if let Ok(i) = text.parse::<i64>() {
            return Value::Int(i);
        }
        if let Ok(f) = text.parse::<f64>() {
            return Value::Float(f);
        }
    }
    if let Some(hex) = text.strip_prefix("0x") {
        if let Ok(i) = i64::from_str_radix(hex, 16) {
            return Value::Int(i);
        }
    }
    if let Some(oct) = text.strip_prefix("0o") {
        if let Ok(i) = i64::from_str_radix(oct, 8) {
            return Value::Int(i);
        }
    }
    if looks_like_float(&text) {
        if let Ok(f) = text.parse::<f64>() {
            return Value::Float(f);
        }
    }
    Value::Str(text.into_owned())
}

fn looks_like_int(s: &str) -> bool {
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

fn looks_like_float(s: &str) -> bool {
    let body = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let mut parts = mantissa.splitn(2, '.');
    let int_part = parts.next().unwrap_or("");
    let frac_part = parts.next();
    let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match frac_part {
        Some(frac) => digits(int_part) && digits(frac) && !(int_part.is_empty() && frac.is_empty()),
        None => !int_part.is_empty() && digits(int_part),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exponent_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(text: &str) -> Value {
        parse(&format!("k: {text}"))
            .map(|n| n.get("k").map(|v| v.value.clone()))
            .ok()
            .flatten()
            .unwrap_or(Value::Str("<none>".into()))
    }

    #[test]
    fn resolves_core_schema_scalars() {
        assert_eq!(scalar("3.1.0"), Value::Str("3.1.0".into()));
        assert_eq!(scalar("42"), Value::Int(42));
        assert_eq!(scalar("'42'"), Value::Str("42".into()));
        assert_eq!(scalar("1.5e3"), Value::Float(1500.0));
        assert_eq!(scalar("null"), Value::Null);
        assert_eq!(scalar("true"), Value::Bool(true));
        assert_eq!(scalar("99999999999999999999"), Value::Float(1e20));
    }

    #[test]
    fn keeps_locations_and_order() -> Result<(), Diagnostic> {
        let doc = parse("a: 1\nb:\n  c: [x, y]\n")?;
        let c = doc.pointer("/b/c/1");
        assert_eq!(c.map(|c| (&c.value, c.loc.line)), Some((&Value::Str("y".into()), 3)));
        let keys: Vec<_> = match &doc.value {
            Value::Map(entries) => entries.iter().map(|(k, _)| k.text.as_str()).collect(),
            _ => Vec::new(),
        };
        assert_eq!(keys, ["a", "b"]);
        Ok(())
    }

    #[test]
    fn rejects_duplicate_keys_with_both_lines() {
        let err = parse("a: 1\nb: 2\na: 3\n").expect_err("duplicate");
        assert!(err.message.contains("duplicate key `a`"), "{}", err.message);
        assert!(err.message.contains("line 1"), "{}", err.message);
        assert_eq!(err.loc.map(|l| l.line), Some(3));
    }

    #[test]
    fn reports_syntax_errors_with_a_location() {
        let err = parse("a: [1, 2\nb: 3\n").expect_err("unclosed");
        assert!(err.message.starts_with("YAML syntax error"), "{}", err.message);
        assert!(err.loc.is_some());
    }

    #[test]
    fn caps_nesting_depth() {
        let deep = "[".repeat(MAX_DEPTH + 5) + &"]".repeat(MAX_DEPTH + 5);
        let err = parse(&deep).expect_err("too deep");
        assert!(err.message.contains("nests deeper"), "{}", err.message);
    }

    #[test]
    fn json_pointer_unescapes() -> Result<(), Diagnostic> {
        let doc = parse("paths:\n  /a/{id}:\n    x: 1\n")?;
        assert!(doc.pointer("/paths/~1a~1{id}/x").is_some());
        Ok(())
    }
}
