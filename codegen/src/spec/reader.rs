//! The [`Reader`]: walks the located YAML tree with typed accessors that record a diagnostic
//! when a node has the wrong kind, and follows `$ref`s to reusable components.

use crate::diag::Diagnostics;
use crate::yaml::{Key, Node, Value};

/// `ptr` extended by one token, escaped as JSON Pointer requires (`~` as `~0`, `/` as `~1`).
pub(crate) fn child_ptr(ptr: &str, token: &str) -> String {
    let mut out = String::with_capacity(ptr.len() + token.len() + 1);
    out.push_str(ptr);
    out.push('/');
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
    out
}

/// Walks the tree with typed accessors that record a diagnostic on a wrong kind.
pub(crate) struct Reader<'a> {
    pub(crate) root: &'a Node,
    pub(crate) diags: &'a mut Diagnostics,
}

impl<'a> Reader<'a> {
    /// Follows a local `$ref` for reusable components other than schemas.
    pub(crate) fn deref<'n>(&mut self, node: &'n Node, ptr: &str) -> Option<(&'n Node, String)>
    where
        'a: 'n,
    {
        let mut current = (node, ptr.to_owned());
        for _ in 0..16 {
            let Some(target) = current.0.get("$ref") else { return Some(current) };
            let ref_ptr = format!("{}/$ref", current.1);
            let text = self.string(target, &ref_ptr)?;
            let Some(local) = text.strip_prefix('#') else {
                self.diags.error(
                    format!("external `$ref` `{text}` is not supported; inline the referenced document"),
                    target.loc,
                    &ref_ptr,
                );
                return None;
            };
            let root: &'a Node = self.root;
            match root.pointer(local) {
                Some(found) => current = (found, local.to_owned()),
                None => {
                    self.diags.error(
                        format!("dangling `$ref`: `{text}` does not exist"),
                        target.loc,
                        &ref_ptr,
                    );
                    return None;
                }
            }
        }
        self.diags.error("`$ref` chain is cyclic or longer than 16 steps", node.loc, ptr);
        None
    }

    pub(crate) fn wrong_kind(&mut self, node: &Node, ptr: &str, expected: &str) {
        self.diags.error(format!("expected {expected}, found {}", node.kind()), node.loc, ptr);
    }

    pub(crate) fn mapping<'n>(
        &mut self,
        node: &'n Node,
        ptr: &str,
        expected: &str,
    ) -> Option<&'n [(Key, Node)]> {
        match &node.value {
            Value::Map(entries) => Some(entries),
            _ => {
                self.wrong_kind(node, ptr, expected);
                None
            }
        }
    }

    pub(crate) fn sequence<'n>(&mut self, node: &'n Node, ptr: &str) -> Option<&'n [Node]> {
        match &node.value {
            Value::Seq(items) => Some(items),
            _ => {
                self.wrong_kind(node, ptr, "a sequence");
                None
            }
        }
    }

    pub(crate) fn string(&mut self, node: &Node, ptr: &str) -> Option<String> {
        match &node.value {
            Value::Str(s) => Some(s.clone()),
            _ => {
                self.wrong_kind(node, ptr, "a string");
                None
            }
        }
    }

    pub(crate) fn boolean(&mut self, node: &Node, ptr: &str) -> Option<bool> {
        match node.value {
            Value::Bool(b) => Some(b),
            _ => {
                self.wrong_kind(node, ptr, "`true` or `false`");
                None
            }
        }
    }

    pub(crate) fn string_list(&mut self, node: &Node, ptr: &str) -> Vec<String> {
        let items = self.sequence(node, ptr).unwrap_or_default();
        items.iter().enumerate().filter_map(|(i, item)| self.string(item, &format!("{ptr}/{i}"))).collect()
    }

    /// A string field that must be present.
    pub(crate) fn required_string(&mut self, node: &Node, ptr: &str, key: &str) -> Option<String> {
        if let Value::Map(_) = node.value {
            match node.get(key) {
                Some(value) => self.string(value, &format!("{ptr}/{key}")),
                None => {
                    self.diags.error(format!("missing required key `{key}`"), node.loc, ptr);
                    None
                }
            }
        } else {
            self.wrong_kind(node, ptr, "a mapping");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::child_ptr;

    #[test]
    fn child_pointer_escapes_slash_and_tilde() {
        assert_eq!(child_ptr("/paths", "/users/{id}"), "/paths/~1users~1{id}");
        assert_eq!(child_ptr("", "a~b"), "/a~0b");
        assert_eq!(child_ptr("/components/schemas", "User"), "/components/schemas/User");
    }
}
