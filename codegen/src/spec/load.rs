//! Reading a located YAML tree into the [`Spec`] model, collecting every problem: the
//! document's top level here; paths and operations, security and the typed accessors in
//! their own modules.

use crate::diag::Diagnostics;
use crate::spec::reader::{child_ptr, Reader};
use crate::spec::Spec;
use crate::yaml::{Node, Value};

/// Reads the model out of `root`, recording problems in `diags`.
pub fn load(root: &Node, diags: &mut Diagnostics) -> Spec {
    let mut reader = Reader { root, diags };
    reader.document()
}

impl Reader<'_> {
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
                    let schema = self.schema(node, &child_ptr(ptr, &name.text));
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
}
