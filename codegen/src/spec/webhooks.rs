//! Reading the top-level `webhooks` map (OpenAPI 3.1): each entry is a path item whose
//! operation's request body is the payload the API pushes.

use crate::spec::paths::METHODS;
use crate::spec::reader::{child_ptr, Reader};
use crate::spec::Webhook;
use crate::yaml::Node;

impl Reader<'_> {
    /// Every entry of `webhooks`, each with an operation that has a JSON payload schema; an
    /// entry without one is reported, since its event would have no type.
    pub(crate) fn webhooks(&mut self, node: &Node) -> Vec<Webhook> {
        let mut out = Vec::new();
        for (name, item) in self.mapping(node, "/webhooks", "a mapping of webhook events").unwrap_or_default()
        {
            let item_ptr = child_ptr("/webhooks", &name.text);
            let Some((item, at)) = self.deref(item, &item_ptr) else { continue };
            let Some(entries) = self.mapping(item, &at, "a path item") else { continue };
            // `post` is what Standard Webhooks deliveries use; any other method is taken alike.
            let chosen = entries
                .iter()
                .find(|(k, _)| k.text == "post")
                .or_else(|| entries.iter().find(|(k, _)| METHODS.contains(&k.text.as_str())));
            let Some((method, op_node)) = chosen else {
                self.diags.error(
                    format!(
                        "webhook `{}` has no operation; write `post:` with the event's payload as its `requestBody`",
                        name.text
                    ),
                    item.loc,
                    &at,
                );
                continue;
            };
            let op_ptr = child_ptr(&at, &method.text);
            let operation = self.operation(&name.text, &method.text, op_node, &op_ptr, &[]);
            let problem = match &operation.request_body {
                None => Some("has no `requestBody`"),
                Some(body) if body.schema.is_none() => Some("has no JSON `schema` in its `requestBody`"),
                Some(_) => None,
            };
            if let Some(problem) = problem {
                self.diags.error(
                    format!(
                        "webhook `{}` {problem}: the payload schema is the type the event decodes into",
                        name.text
                    ),
                    op_node.loc,
                    &op_ptr,
                );
                continue;
            }
            out.push(Webhook { name: name.text.clone(), operation });
        }
        out
    }
}
