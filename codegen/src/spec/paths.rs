//! Paths and operations: parameters (path-level and operation-level merged, template
//! variables the spec leaves undeclared), request bodies and responses by media type.

use crate::spec::reader::{child_ptr, Reader};
use crate::spec::{Media, Operation, ParamLocation, Parameter, PathTemplate, RequestBody, Response};
use crate::yaml::Node;

pub(crate) const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch", "trace"];

impl Reader<'_> {
    pub(crate) fn paths(&mut self, node: &Node) -> Vec<Operation> {
        let mut operations = Vec::new();
        for (path, item) in self.mapping(node, "/paths", "a mapping of paths").unwrap_or_default() {
            let item_ptr = child_ptr("/paths", &path.text);
            if !path.text.starts_with('/') {
                self.diags.error(format!("path `{}` must start with `/`", path.text), path.loc, &item_ptr);
            }
            let Some(entries) = self.mapping(item, &item_ptr, "a path item") else { continue };
            let shared = match item.get("parameters") {
                Some(p) => self.parameters(p, &format!("{item_ptr}/parameters")),
                None => Vec::new(),
            };
            for (method, op) in entries {
                let op_ptr = child_ptr(&item_ptr, &method.text);
                match method.text.as_str() {
                    m if METHODS.contains(&m) => {
                        operations.push(self.operation(&path.text, m, op, &op_ptr, &shared));
                    }
                    "parameters" | "summary" | "description" | "servers" => {}
                    w if w.starts_with("x-") => {}
                    "$ref" => self.diags.error(
                        "path item `$ref` is not supported; write the operations out",
                        method.loc,
                        &op_ptr,
                    ),
                    other => self.diags.error(
                        format!(
                            "unknown key `{other}` in a path item{}",
                            crate::names::did_you_mean(other, METHODS.iter().copied())
                        ),
                        method.loc,
                        &op_ptr,
                    ),
                }
            }
        }
        operations
    }

    pub(crate) fn operation(
        &mut self,
        path: &str,
        method: &str,
        node: &Node,
        ptr: &str,
        shared: &[Parameter],
    ) -> Operation {
        let mut op = Operation::new(method, path, ptr, node.loc);
        if self.mapping(node, ptr, "an operation").is_none() {
            return op;
        }
        let field = |key: &str| format!("{ptr}/{key}");
        if let Some(id) = node.get("operationId") {
            op.operation_id = self.string(id, &field("operationId"));
        }
        if let Some(tags) = node.get("tags") {
            op.tags = self.string_list(tags, &field("tags"));
        }
        op.summary = node.get("summary").and_then(|n| self.string(n, &field("summary")));
        op.description = node.get("description").and_then(|n| self.string(n, &field("description")));
        op.deprecated =
            node.get("deprecated").and_then(|n| self.boolean(n, &field("deprecated"))).unwrap_or(false);
        let own = match node.get("parameters") {
            Some(p) => self.parameters(p, &field("parameters")),
            None => Vec::new(),
        };
        let inherited: Vec<Parameter> = shared
            .iter()
            .filter(|s| !own.iter().any(|o| o.name == s.name && o.location == s.location))
            .cloned()
            .collect();
        op.parameters = inherited.into_iter().chain(own).collect();
        for name in op.template.names.clone() {
            if op.parameters.iter().any(|p| p.location == ParamLocation::Path && p.name == name) {
                continue;
            }
            // Publishers often leave template variables undeclared; Prism and the official
            // generators take them as required strings, and so do we.
            let accepted = self.diags.deviation(
                format!("path parameter `{name}` of `{path}` is not declared; add it to `parameters` with `in: path`"),
                node.loc,
                ptr,
            );
            if accepted {
                op.parameters.push(Parameter::from_template(name, ptr, node.loc));
            }
        }
        if let Some(body) = node.get("requestBody") {
            op.request_body = self.request_body(body, &field("requestBody"));
        }
        match node.get("responses") {
            Some(responses) => op.responses = self.responses(responses, &field("responses")),
            // OpenAPI 3.1 makes `responses` optional; such an operation returns nothing.
            None => {
                self.diags.deviation("operation has no `responses`", node.loc, ptr);
            }
        }
        if let Some(security) = node.get("security") {
            let (names, scopes) = self.security(security, &field("security"));
            op.security = Some(names);
            op.scopes = scopes;
        }
        op
    }

    fn parameters(&mut self, node: &Node, ptr: &str) -> Vec<Parameter> {
        let mut out = Vec::new();
        for (i, item) in self.sequence(node, ptr).unwrap_or_default().iter().enumerate() {
            let Some((param, at)) = self.deref(item, &format!("{ptr}/{i}")) else { continue };
            let Some(name) = self.required_string(param, &at, "name") else { continue };
            let location = match self.required_string(param, &at, "in").as_deref() {
                Some("path") => ParamLocation::Path,
                Some("query") => ParamLocation::Query,
                Some("header") => ParamLocation::Header,
                Some("cookie") => {
                    self.diags.error("cookie parameters are not supported", param.loc, &at);
                    continue;
                }
                Some(other) => {
                    self.diags.error(
                        format!("parameter location `{other}` is unknown; use path, query or header"),
                        param.loc,
                        &format!("{at}/in"),
                    );
                    continue;
                }
                None => continue,
            };
            let required = location == ParamLocation::Path
                || param
                    .get("required")
                    .and_then(|n| self.boolean(n, &format!("{at}/required")))
                    .unwrap_or(false);
            let schema = match param.get("schema") {
                Some(s) => Some(self.schema(s, &format!("{at}/schema"))),
                None => {
                    if param.get("content").is_some() {
                        self.diags.error(
                            "parameters with `content` are not supported; use `schema`",
                            param.loc,
                            &at,
                        );
                    }
                    None
                }
            };
            let explode =
                param.get("explode").and_then(|n| self.boolean(n, &format!("{at}/explode"))).unwrap_or(true);
            if let Some(style) = param.get("style").and_then(Node::as_str) {
                let fits = matches!(
                    (location, style),
                    (ParamLocation::Query, "form")
                        | (ParamLocation::Path, "simple")
                        | (ParamLocation::Header, "simple")
                );
                if !fits {
                    self.diags.error(
                        format!("parameter style `{style}` is not supported here; use `form` in the query and `simple` in paths and headers"),
                        param.loc,
                        &format!("{at}/style"),
                    );
                }
            }
            out.push(Parameter {
                ptr: at.clone(),
                loc: param.loc,
                name,
                location,
                required,
                description: param
                    .get("description")
                    .and_then(|n| self.string(n, &format!("{at}/description"))),
                schema,
                explode,
                from_template: false,
            });
        }
        out
    }

    /// The media kind and schema of a `content` map: JSON when it is listed, else the first
    /// media type. Text and binary bodies need no schema.
    fn content(&mut self, node: &Node, ptr: &str) -> Option<(Media, Option<crate::spec::Schema>)> {
        let entries = self.mapping(node, ptr, "a mapping of media types")?;
        let (key, media) =
            entries.iter().find(|(k, _)| Media::of(&k.text) == Media::Json).or_else(|| entries.first())?;
        let kind = Media::of(&key.text);
        let at = child_ptr(ptr, &key.text);
        self.mapping(media, &at, "a media type object")?;
        let schema = match kind {
            Media::Json | Media::Form | Media::Multipart => {
                media.get("schema").map(|s| self.schema(s, &format!("{at}/schema")))
            }
            Media::Text(_) | Media::Binary(_) => None,
        };
        Some((kind, schema))
    }

    fn request_body(&mut self, node: &Node, ptr: &str) -> Option<RequestBody> {
        let (body, at) = self.deref(node, ptr)?;
        self.mapping(body, &at, "a request body")?;
        let (media, schema) = match body.get("content") {
            Some(content) => self.content(content, &format!("{at}/content")).unwrap_or((Media::Json, None)),
            None => (Media::Json, None),
        };
        Some(RequestBody {
            media,
            loc: body.loc,
            required: body
                .get("required")
                .and_then(|n| self.boolean(n, &format!("{at}/required")))
                .unwrap_or(false),
            description: body.get("description").and_then(|n| self.string(n, &format!("{at}/description"))),
            schema,
            ptr: at,
        })
    }

    fn responses(&mut self, node: &Node, ptr: &str) -> Vec<Response> {
        let mut out = Vec::new();
        for (status, item) in self.mapping(node, ptr, "a mapping of responses").unwrap_or_default() {
            let item_ptr = child_ptr(ptr, &status.text);
            if !is_status_key(&status.text) {
                self.diags.error(
                    format!(
                        "response key `{}` is not a status code, a range like `4XX`, or `default`",
                        status.text
                    ),
                    status.loc,
                    &item_ptr,
                );
                continue;
            }
            let Some((resp, at)) = self.deref(item, &item_ptr) else { continue };
            if self.mapping(resp, &at, "a response").is_none() {
                continue;
            }
            let (media, schema) =
                match resp.get("content").and_then(|c| self.content(c, &format!("{at}/content"))) {
                    Some((media, schema)) => (Some(media), schema),
                    None => (None, None),
                };
            out.push(Response {
                loc: resp.loc,
                status: status.text.clone(),
                description: resp
                    .get("description")
                    .and_then(|n| self.string(n, &format!("{at}/description"))),
                media,
                schema,
                ptr: at,
            });
        }
        out
    }
}

fn is_status_key(key: &str) -> bool {
    key == "default"
        || (key.len() == 3
            && key.as_bytes()[0].is_ascii_digit()
            && (key[1..].bytes().all(|b| b.is_ascii_digit()) || key[1..].eq_ignore_ascii_case("XX")))
}

/// Parses a path template into its literal text and `{name}`s, once.
pub(crate) fn parse_template(path: &str) -> PathTemplate {
    let mut template = PathTemplate { literals: Vec::new(), names: Vec::new() };
    let mut rest = path;
    let mut literal = String::new();
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else { break };
        literal.push_str(&rest[..start]);
        template.literals.push(std::mem::take(&mut literal));
        template.names.push(after[..end].to_owned());
        rest = &after[end + 1..];
    }
    literal.push_str(rest);
    template.literals.push(literal);
    template
}
