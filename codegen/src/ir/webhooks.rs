//! The spec's `webhooks` map to one events enum: a payload type per event, the `type` value
//! that selects it, and the fields the enum's accessors read.

use std::collections::HashMap;

use crate::diag::Diagnostics;
use crate::ir::operations::{is_selected, operation_id};
use crate::ir::types::TypeBuilder;
use crate::ir::{examples, Docs, EventDef, Events, FieldRef, Selection, Ty, TypeDef, TypeKind};
use crate::names::type_name;
use crate::spec::{Spec, Webhook};

/// The selected events with their payload types defined; tags and accessors are filled in by
/// [`resolve`] once every type exists.
pub fn build(
    spec: &Spec,
    selection: &Selection,
    mock: bool,
    types: &mut TypeBuilder<'_>,
    diags: &mut Diagnostics,
) -> Option<Events> {
    let selected: Vec<&Webhook> = spec
        .webhooks
        .iter()
        .filter(|w| is_selected(&w.operation, &operation_id(&w.operation), selection))
        .collect();
    if selected.is_empty() {
        return None;
    }
    // Whop's spec has a `WebhookEvent` schema (the list of event names), so `Event` comes first.
    let enum_name = ["Event", "WebhookEvent"]
        .into_iter()
        .find(|name| types.names.reserve(name))
        .map_or_else(|| types.names.claim("Event"), str::to_owned);
    let mut variants: HashMap<String, &str> = HashMap::new();
    let mut events = Vec::new();
    for webhook in selected {
        let Some(schema) = webhook.operation.request_body.as_ref().and_then(|b| b.schema.as_ref()) else {
            continue;
        };
        let variant = type_name(&webhook.name);
        if let Some(first) = variants.insert(variant.clone(), &webhook.name) {
            diags.error(
                format!(
                    "webhooks `{first}` and `{}` both become the variant `{enum_name}::{variant}`; rename one of them",
                    webhook.name
                ),
                webhook.operation.loc,
                &webhook.operation.ptr,
            );
            continue;
        }
        let payload = types.ty(schema, &format!("{variant}Event"));
        // Receivers decode payloads; tests and tools build and sign them.
        types.mark_received(&payload);
        types.mark_input(&payload);
        let op = &webhook.operation;
        let mut docs = Docs::default();
        let summary = op.summary.as_deref().filter(|s| s.trim() != webhook.name);
        docs.push(Some(&format!("`{}`", webhook.name))).push(summary).push(op.description.as_deref());
        events.push(EventDef {
            name: webhook.name.clone(),
            tag: webhook.name.clone(),
            variant,
            payload,
            docs,
            id: None,
            timestamp: None,
            loc: op.loc,
            ptr: op.ptr.clone(),
            example: if mock { examples::example_json(schema, spec) } else { String::new() },
        });
    }
    let unknown = if variants.contains_key("Unknown") { "UnknownEvent" } else { "Unknown" };
    Some(Events { enum_name, unknown: unknown.to_owned(), events })
}

/// Fills in each event's `type` value and accessor fields from its payload's definition, and
/// reports two events that the same `type` value would select.
pub fn resolve(mut events: Events, types: &[TypeDef], diags: &mut Diagnostics) -> Events {
    let structs: HashMap<&str, &TypeDef> = types.iter().map(|t| (t.name.as_str(), t)).collect();
    let mut seen: HashMap<String, String> = HashMap::new();
    events.events.retain_mut(|event| {
        let fields = match &event.payload {
            Ty::Named(name) => match structs.get(name.as_str()).map(|d| &d.kind) {
                Some(TypeKind::Struct(s)) => s.fields.as_slice(),
                _ => &[],
            },
            _ => &[],
        };
        let field = |wire: &str| fields.iter().find(|f| f.wire == wire);
        if let Some(tag) = field("type").and_then(|f| f.fixed.clone()) {
            event.tag = tag;
        }
        let access = |wire: &str, want: &Ty| {
            field(wire).filter(|f| match &f.ty {
                Ty::Option(inner) => inner.as_ref() == want,
                other => other == want,
            })
            .map(FieldRef::to)
        };
        event.id = access("id", &Ty::String);
        event.timestamp = access("timestamp", &Ty::DateTime);
        if let Some(first) = seen.insert(event.tag.clone(), event.name.clone()) {
            diags.error(
                format!(
                    "webhook events `{first}` and `{}` both have the type `{}`, so a delivery cannot tell them apart",
                    event.name, event.tag
                ),
                event.loc,
                &event.ptr,
            );
            return false;
        }
        true
    });
    events
}
