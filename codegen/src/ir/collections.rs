//! Which operations form collections the stateful mock keeps objects in, decided from the
//! paths and types alone: a collection path (`/things`, `/parents/{id}/things`) whose POST
//! creates and GET lists, and its item path (`/things/{id}`) whose GET retrieves, PATCH/PUT
//! updates and DELETE deletes, tied together by the item type (an object with an `id`).
//! `POST /things/{id}/<verb>` that answers the item type is an action on the stored object.
//! Every other operation stays stateless, with the reason, so `check` can say why.

use crate::ir::{OperationDef, Resource, Struct, Ty, TypeDef, TypeKind};

/// What an operation does to its collection's store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// `POST /things`: builds and stores an object.
    Create,
    /// `GET /things`: a cursor page of the stored objects.
    List,
    /// `GET /things/{id}`: the stored object, or 404.
    Retrieve,
    /// `PATCH`/`PUT`/`POST /things/{id}`: merges the sent fields.
    Update,
    /// `DELETE /things/{id}`: removes it.
    Delete,
    /// `POST /things/{id}/<verb>`: answers the stored object.
    Action,
}

impl Role {
    /// How `check` and docs spell it.
    pub fn label(self) -> &'static str {
        match self {
            Role::Create => "create",
            Role::List => "list",
            Role::Retrieve => "retrieve",
            Role::Update => "update",
            Role::Delete => "delete",
            Role::Action => "action",
        }
    }
}

/// A collection of stored objects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collection {
    /// The collection path (`/affiliates/{id}/overrides`).
    pub path: String,
    /// The item type's Rust name.
    pub item: String,
    /// Each operation (operationId) and what it does.
    pub operations: Vec<(String, Role)>,
    /// Every type its operations answer, the item type first: a stored object has the fields
    /// of each, so it decodes as any of them.
    pub shapes: Vec<String>,
    /// The examples of `shapes` as JSON text (filled in with the mock's examples): a created
    /// object starts from them, and the first one's `id` shapes fresh ids.
    pub examples: Vec<String>,
    /// The webhook events of its lifecycle, which the store sends when asked to.
    pub events: Vec<LifecycleEvent>,
}

/// A webhook event the spec's `webhooks` map has for a change of a collection's objects:
/// `<thing>.created`, `.updated` or `.deleted`, whose payload holds the collection's type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LifecycleEvent {
    /// The change: create, update or delete.
    pub role: Role,
    /// The event's `type`.
    pub tag: String,
    /// The payload property that holds the object (`data`).
    pub data: String,
    /// The payload's id property, which gets a fresh value per delivery.
    pub id: Option<String>,
    /// The payload's timestamp property, set to the delivery's time.
    pub timestamp: Option<String>,
    /// The payload's example (JSON text): the rest of the envelope.
    pub example: String,
}

/// Ties each collection to the webhook events of its lifecycle.
pub fn link_events(found: &mut Collections, events: &crate::ir::Events, types: &[TypeDef]) {
    for collection in &mut found.collections {
        for event in &events.events {
            let role = [(".created", Role::Create), (".updated", Role::Update), (".deleted", Role::Delete)]
                .into_iter()
                .find_map(|(suffix, role)| event.tag.ends_with(suffix).then_some(role));
            let Ty::Named(payload) = &event.payload else { continue };
            let Some(s) = struct_named(types, payload) else { continue };
            let holds =
                s.fields.iter().find(|f| matches!(&f.ty, Ty::Named(n) if collection.shapes.contains(n)));
            if let (Some(role), Some(data)) = (role, holds) {
                collection.events.push(LifecycleEvent {
                    role,
                    tag: event.tag.clone(),
                    data: data.wire.clone(),
                    id: event.id.as_ref().map(|f| f.wire.clone()),
                    timestamp: event.timestamp.as_ref().map(|f| f.wire.clone()),
                    example: event.example.clone(),
                });
            }
        }
    }
}

/// The collections of a spec, and the operations left stateless with why.
#[derive(Debug, Clone, Default)]
pub struct Collections {
    /// The collections, in the order their paths first appear.
    pub collections: Vec<Collection>,
    /// Operations no collection claims: operationId and the reason.
    pub stateless: Vec<(String, String)>,
}

impl Collections {
    /// The collection and role of an operation, if it has one.
    pub fn role_of(&self, operation_id: &str) -> Option<(usize, Role)> {
        self.collections.iter().enumerate().find_map(|(i, c)| {
            c.operations.iter().find(|(id, _)| id == operation_id).map(|(_, role)| (i, *role))
        })
    }
}

/// A path template split into literal segments and `None` for parameters.
fn segments(path: &str) -> Vec<Option<&str>> {
    path.trim_matches('/')
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| if s.starts_with('{') && s.ends_with('}') { None } else { Some(s) })
        .collect()
}

/// The named object type with an `id` property an operation answers, if it does.
fn item_of<'a>(ty: Option<&'a Ty>, types: &[TypeDef]) -> Option<&'a str> {
    let Some(Ty::Named(name)) = ty else { return None };
    let s = struct_named(types, name)?;
    s.fields.iter().any(|f| f.wire == "id").then_some(name.as_str())
}

/// The object type `name` is, through aliases of other names (a copy shared with
/// `ir::shared`, a `$ref` component).
fn struct_named<'a>(types: &'a [TypeDef], name: &str) -> Option<&'a Struct> {
    let mut name = name;
    // Each step follows one alias; a chain longer than the list of types is a cycle.
    for _ in 0..=types.len() {
        match &types.iter().find(|t| t.name == name)?.kind {
            TypeKind::Struct(s) => return Some(s),
            TypeKind::Alias(Ty::Named(target)) => name = target,
            _ => return None,
        }
    }
    None
}

/// Whether every required field of `answer` is a field of `item`: the stored item then
/// decodes as `answer` too.
fn a_view_of(answer: &str, item: &str, types: &[TypeDef]) -> bool {
    let fields = |name: &str| struct_named(types, name).map(|s| &s.fields);
    match (fields(answer), fields(item)) {
        _ if answer == item => true,
        (Some(answer), Some(item)) => answer
            .iter()
            .filter(|f| f.required)
            .all(|f| item.iter().any(|i| i.wire == f.wire && i.ty == f.ty)),
        _ => false,
    }
}

/// Infers the collections of `resources`.
pub fn infer(resources: &[Resource], types: &[TypeDef]) -> Collections {
    let ops: Vec<&OperationDef> = crate::ir::calls::operations(resources).collect();
    let mut found = Collections::default();
    let mut claimed: Vec<&str> = Vec::new();
    // Candidate collection paths: ends in a literal, in the order they first appear.
    let mut paths: Vec<&str> = Vec::new();
    for op in &ops {
        // `/things` itself, or the `/things` of an item path `/things/{id}`.
        let candidate = match segments(&op.path).last() {
            Some(Some(_)) => Some(op.path.as_str()),
            Some(None) => op.path.rfind('/').map(|at| &op.path[..at]).filter(|p| !p.is_empty()),
            None => None,
        };
        if let Some(path) = candidate.filter(|p| matches!(segments(p).last(), Some(Some(_)))) {
            if !paths.contains(&path) {
                paths.push(path);
            }
        }
    }
    for path in paths {
        let base = segments(path);
        let is_item = |op: &OperationDef| {
            let segs = segments(&op.path);
            segs.len() == base.len() + 1 && segs[..base.len()] == base[..] && segs[base.len()].is_none()
        };
        let is_action = |op: &OperationDef| {
            let segs = segments(&op.path);
            segs.len() == base.len() + 2
                && segs[..base.len()] == base[..]
                && segs[base.len()].is_none()
                && segs[base.len() + 1].is_some()
        };
        let on_collection = |method: &str| ops.iter().find(|op| op.path == path && op.http_method == method);
        let on_item = |methods: &'static [&'static str]| {
            ops.iter().filter(move |op| is_item(op) && methods.contains(&op.http_method.as_str()))
        };
        let create = on_collection("POST");
        let retrieve = on_item(&["GET"]).next();
        // The item type: what retrieve answers, else what create answers.
        let Some(item) = retrieve
            .and_then(|op| item_of(op.response.as_ref(), types))
            .or_else(|| create.and_then(|op| item_of(op.response.as_ref(), types)))
        else {
            continue;
        };
        // Publishers often name each operation's answer apart (`OverrideCreateResponse`,
        // `OverrideRetrieveResponse`) though they are one object: the paths tie them together,
        // so an object whose required fields the item has counts, and its example joins the
        // item's.
        let answers_object = |op: &OperationDef| {
            item_of(op.response.as_ref(), types).is_some_and(|answer| a_view_of(answer, item, types))
        };
        let mut operations = Vec::new();
        if let Some(op) = create.filter(|op| answers_object(op)) {
            operations.push((op.operation_id.clone(), Role::Create));
        }
        if let Some(op) = on_collection("GET").filter(|op| op.pagination.is_some()) {
            operations.push((op.operation_id.clone(), Role::List));
        }
        if let Some(op) = retrieve.filter(|op| answers_object(op)) {
            operations.push((op.operation_id.clone(), Role::Retrieve));
        }
        for op in on_item(&["PATCH", "PUT", "POST"]).filter(|op| answers_object(op)) {
            operations.push((op.operation_id.clone(), Role::Update));
        }
        for op in on_item(&["DELETE"]) {
            operations.push((op.operation_id.clone(), Role::Delete));
        }
        // A path with a list or items of its own is a nested collection, not a verb.
        let is_collection = |path: &str| {
            ops.iter()
                .any(|o| o.path == path && o.http_method == "GET" || o.path.starts_with(&format!("{path}/")))
        };
        let actions =
            ops.iter().filter(|op| is_action(op) && op.http_method == "POST" && !is_collection(&op.path));
        for op in actions.filter(|op| answers_object(op)) {
            operations.push((op.operation_id.clone(), Role::Action));
        }
        // Objects must get in (a create, or the test's `insert` where only a retrieve reads
        // them) and be read back.
        let has = |role: Role| operations.iter().any(|(_, r)| *r == role);
        if !(has(Role::Retrieve) || has(Role::Create) && has(Role::List)) {
            continue;
        }
        let mut shapes = vec![item.to_owned()];
        for op in ops.iter().filter(|op| operations.iter().any(|(id, _)| *id == op.operation_id)) {
            // A list's items may be a summary of the object: their fields join it too.
            let answer = match &op.pagination {
                Some(page) => item_of(Some(&page.item), types),
                None => item_of(op.response.as_ref(), types),
            };
            if let Some(name) = answer.filter(|name| !shapes.iter().any(|s| s == name)) {
                shapes.push(name.to_owned());
            }
        }
        for op in &ops {
            if operations.iter().any(|(id, _)| *id == op.operation_id) {
                claimed.push(&op.operation_id);
            }
        }
        found.collections.push(Collection {
            path: path.to_owned(),
            item: item.to_owned(),
            operations,
            shapes,
            examples: Vec::new(),
            events: Vec::new(),
        });
    }
    for op in &ops {
        if !claimed.contains(&op.operation_id.as_str()) {
            found.stateless.push((op.operation_id.clone(), why_stateless(op, &found, types)));
        }
    }
    found
}

fn why_stateless(op: &OperationDef, found: &Collections, types: &[TypeDef]) -> String {
    let within = found.collections.iter().find(|c| op.path.starts_with(&c.path));
    match (item_of(op.response.as_ref(), types), within) {
        (None, _) if op.http_method == "GET" && op.response.is_some() && op.pagination.is_none() => {
            "answers no cursor page and no object with an `id`".to_owned()
        }
        (None, Some(c)) if op.pagination.is_some() => format!("a list under `{}` of another type", c.path),
        (None, _) if op.pagination.is_some() => "a list with no create beside it".to_owned(),
        (None, _) => "answers no object with an `id`".to_owned(),
        (Some(item), Some(c)) => {
            format!("answers `{item}`, not `{}`, or is not a create, read, update, delete or action", c.item)
        }
        (Some(_), None) => "no create and read of its type on one collection path".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_split_into_literals_and_parameters() {
        assert_eq!(segments("/affiliates/{id}/overrides"), [Some("affiliates"), None, Some("overrides")]);
        assert_eq!(segments("/"), Vec::<Option<&str>>::new());
    }
}
