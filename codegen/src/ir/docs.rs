//! Rustdoc text assembled from a spec's summaries, descriptions and examples.

use crate::yaml::{Node, Value};

/// Paragraphs of rustdoc, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Docs {
    /// Each paragraph is Markdown text.
    pub paragraphs: Vec<String>,
}

impl Docs {
    /// Adds a paragraph when there is text.
    pub fn push(&mut self, text: Option<&str>) -> &mut Self {
        if let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) {
            if !self.paragraphs.iter().any(|p| p == text) {
                self.paragraphs.push(text.to_owned());
            }
        }
        self
    }

    /// Adds `Example: `value``.
    pub fn example(&mut self, example: Option<&Node>) -> &mut Self {
        if let Some(text) = example.and_then(inline_value) {
            self.paragraphs.push(format!("Example: `{text}`"));
        }
        self
    }

    /// Adds a note that the item is deprecated.
    pub fn deprecated(&mut self, deprecated: bool) -> &mut Self {
        if deprecated {
            self.paragraphs.push("**Deprecated** in the API spec.".to_owned());
        }
        self
    }

    /// The first paragraph, or a fallback when the spec says nothing.
    pub fn or(mut self, fallback: impl Into<String>) -> Self {
        if self.paragraphs.is_empty() {
            self.paragraphs.push(fallback.into());
        }
        self
    }

    /// The whole text, paragraphs separated by blank lines.
    pub fn text(&self) -> String {
        self.paragraphs.join("\n\n")
    }
}

/// A scalar example written inline; structured examples are left out of field docs.
fn inline_value(node: &Node) -> Option<String> {
    let text = match &node.value {
        Value::Str(s) => s.clone(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => f.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => return None,
    };
    (!text.contains('`') && !text.contains('\n')).then_some(text)
}
