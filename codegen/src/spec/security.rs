//! Security schemes and requirements: how each operation authenticates.

use indexmap::IndexMap;

use crate::spec::reader::{child_ptr, Reader};
use crate::spec::SecurityScheme;
use crate::yaml::Node;

impl Reader<'_> {
    pub(crate) fn security_schemes(&mut self, node: &Node) -> IndexMap<String, SecurityScheme> {
        let ptr = "/components/securitySchemes";
        let mut out = IndexMap::new();
        for (name, scheme) in self.mapping(node, ptr, "a mapping of security schemes").unwrap_or_default() {
            let at = child_ptr(ptr, &name.text);
            let Some(kind) = self.required_string(scheme, &at, "type") else { continue };
            let parsed = match kind.as_str() {
                "http" => match scheme.get("scheme").and_then(Node::as_str).map(str::to_ascii_lowercase) {
                    Some(s) if s == "bearer" => Some(SecurityScheme::Bearer),
                    other => {
                        self.diags.error(
                            format!(
                                "http security scheme `{}` is not supported; only `bearer` is",
                                other.unwrap_or_default()
                            ),
                            scheme.loc,
                            &at,
                        );
                        None
                    }
                },
                "oauth2" | "openIdConnect" => Some(SecurityScheme::Bearer),
                "apiKey" => {
                    let key_name = self.required_string(scheme, &at, "name");
                    match (scheme.get("in").and_then(Node::as_str), key_name) {
                        (Some("header"), Some(n)) => Some(SecurityScheme::Header(n)),
                        (Some("query"), Some(n)) => Some(SecurityScheme::Query(n)),
                        (_, Some(_)) => {
                            self.diags.error(
                                "apiKey security schemes must be `in: header` or `in: query`",
                                scheme.loc,
                                &at,
                            );
                            None
                        }
                        _ => None,
                    }
                }
                other => {
                    self.diags.error(
                        format!("security scheme type `{other}` is not supported"),
                        scheme.loc,
                        &at,
                    );
                    None
                }
            };
            if let Some(parsed) = parsed {
                out.insert(name.text.clone(), parsed);
            }
        }
        out
    }

    /// The scheme names and scopes of the first requirement of a `security` list.
    pub(crate) fn security(&mut self, node: &Node, ptr: &str) -> (Vec<String>, Vec<String>) {
        let mut names = Vec::new();
        let mut scopes = Vec::new();
        if let Some(first) = self.sequence(node, ptr).unwrap_or_default().first() {
            let at = format!("{ptr}/0");
            for (name, list) in self.mapping(first, &at, "a security requirement").unwrap_or_default() {
                names.push(name.text.clone());
                scopes.extend(self.string_list(list, &child_ptr(&at, &name.text)));
            }
        }
        (names, scopes)
    }
}
