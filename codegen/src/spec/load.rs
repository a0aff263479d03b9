//! Reading a located YAML tree into the [`Spec`] model, collecting every problem.

use indexmap::IndexMap;

use crate::diag::Diagnostics;
use crate::spec::{Media, Operation, ParamLocation, Parameter, RequestBody, Response, SecurityScheme, Spec};
use crate::yaml::{Key, Node, Value};

pub(crate) const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// Escapes one JSON pointer token.
pub(crate) fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Reads the model out of `root`, recording problems in `diags`.
pub fn load(root: &Node, diags: &mut Diagnostics) -> Spec {
    let mut reader = Reader { root, diags };
    reader.document()
}

/// Walks the tree with typed accessors that record a diagnostic on a wrong kind.
pub(crate) struct Reader<'a> {
    pub(crate) root: &'a Node,
    pub(crate) diags: &'a mut Diagnostics,
}

impl<'a> Reader<'a> {
    fn document(&mut self) -> Spec {
        let root = self.root;
        let mut spec = Spec::default();
        if root.value == Value::Null {
            self.diags.error("the spec file is empty", root.loc, "");
            return spec;
        }
        if self.mapping(root, "", "an OpenAPI document").is_none() {
            return spec;
        }
        if let Some(swagger) = root.get("swagger") {
            self.diags.error(
                "Swagger 2.0 documents are not supported; convert the spec to OpenAPI 3 first",
                swagger.loc,
                "/swagger",
            );
            return spec;
        }
        match root.get("openapi").map(|n| &n.value) {
            Some(Value::Str(v)) if v.starts_with("3.") => {}
            Some(_) => self.diags.error(
                "only OpenAPI 3.0 and 3.1 documents are supported (`openapi: 3.x.y`)",
                root.get("openapi").map_or(root.loc, |n| n.loc),
                "/openapi",
            ),
            None => self.diags.error(
                "missing `openapi` version key: is this an OpenAPI 3 document?",
                root.loc,
                "",
            ),
        }
        if let Some(info) = root.get("info") {
            spec.title = info.get("title").and_then(|t| self.string(t, "/info/title"));
        }
        if let Some(servers) = root.get("servers") {
            for (i, server) in self.sequence(servers, "/servers").unwrap_or_default().iter().enumerate() {
                if let Some(url) = self.required_string(server, &format!("/servers/{i}"), "url") {
                    spec.servers.push(url);
                }
            }
        }
        if let Some(security) = root.get("security") {
            spec.security = self.security(security, "/security").0;
            spec.security_loc = security.loc;
        }
        let components = match root.get("components") {
            Some(empty) if empty.value == Value::Null => {
                self.diags.deviation(
                    "`components` is empty; write `components: {}` or leave it out",
                    empty.loc,
                    "/components",
                );
                None
            }
            other => other,
        };
        if let Some(components) = components {
            self.mapping(components, "/components", "a components object");
            if let Some(schemes) = components.get("securitySchemes") {
                spec.security_schemes = self.security_schemes(schemes);
            }
            if let Some(schemas) = components.get("schemas") {
                let ptr = "/components/schemas";
                for (name, node) in self.mapping(schemas, ptr, "a mapping of schemas").unwrap_or_default() {
                    let schema = self.schema(node, &format!("{ptr}/{}", escape(&name.text)));
                    spec.schemas.insert(name.text.clone(), schema);
                }
            }
        }
        if let Some(webhooks) = root.get("webhooks") {
            spec.webhooks = self.webhooks(webhooks);
        }
        match root.get("paths") {
            Some(paths) => spec.operations = self.paths(paths),
            // OpenAPI 3.1 lets a document describe only the events it sends.
            None if root.get("webhooks").is_some() => {}
            None => self.diags.error("missing `paths`: the document has no operations", root.loc, ""),
        }
        spec
    }

    fn security_schemes(&mut self, node: &Node) -> IndexMap<String, SecurityScheme> {
        let ptr = "/components/securitySchemes";
        let mut out = IndexMap::new();
        for (name, scheme) in self.mapping(node, ptr, "a mapping of security schemes").unwrap_or_default() {
            let at = format!("{ptr}/{}", escape(&name.text));
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
    fn security(&mut self, node: &Node, ptr: &str) -> (Vec<String>, Vec<String>) {
        let mut names = Vec::new();
        let mut scopes = Vec::new();
        if let Some(first) = self.sequence(node, ptr).unwrap_or_default().first() {
            let at = format!("{ptr}/0");
            for (name, list) in self.mapping(first, &at, "a security requirement").unwrap_or_default() {
                names.push(name.text.clone());
                scopes.extend(self.string_list(list, &format!("{at}/{}", escape(&name.text))));
            }
        }
        (names, scopes)
    }

    fn paths(&mut self, node: &Node) -> Vec<Operation> {
        let mut operations = Vec::new();
        for (path, item) in self.mapping(node, "/paths", "a mapping of paths").unwrap_or_default() {
            let item_ptr = format!("/paths/{}", escape(&path.text));
            if !path.text.starts_with('/') {
                self.diags.error(format!("path `{}` must start with `/`", path.text), path.loc, &item_ptr);
            }
            let Some(entries) = self.mapping(item, &item_ptr, "a path item") else { continue };
            let shared = match item.get("parameters") {
                Some(p) => self.parameters(p, &format!("{item_ptr}/parameters")),
                None => Vec::new(),
            };
            for (method, op) in entries {
                let op_ptr = format!("{item_ptr}/{}", escape(&method.text));
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
        for name in template_names(path) {
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
        let at = format!("{ptr}/{}", escape(&key.text));
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
            let item_ptr = format!("{ptr}/{}", escape(&status.text));
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

    // ---- typed accessors: each records a diagnostic when the node has the wrong kind ----

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

fn is_status_key(key: &str) -> bool {
    key == "default"
        || (key.len() == 3
            && key.as_bytes()[0].is_ascii_digit()
            && (key[1..].bytes().all(|b| b.is_ascii_digit()) || key[1..].eq_ignore_ascii_case("XX")))
}

/// The `{name}`s of a path template, in order.
pub(crate) fn template_names(path: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) => {
                names.push(after[..end].to_owned());
                rest = &after[end + 1..];
            }
            None => break,
        }
    }
    names
}
