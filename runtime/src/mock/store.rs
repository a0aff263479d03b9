//! The stateful mock's memory: the objects created, updated and deleted through the
//! operations the macro found to form collections (typed access for tests: `typed_store`).

use serde_json::{Map, Value};
use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};

use crate::mock::reply::MockReply;
use crate::mock::routes::{PageShape, Route};

/// A collection, as generated code describes it.
#[derive(Debug, Clone, Copy)]
pub struct CollectionSpec {
    /// Its path (`/plans`), for messages.
    pub path: &'static str,
    /// What a created object starts from: the examples (JSON) of every type the collection's
    /// operations answer, the item type's first; each adds the fields the earlier ones lack,
    /// so the object decodes as any of them. The first one's `id` shapes fresh ids:
    /// `plan_xxxxxxxxxxxxxx` makes `plan_` and 14 random characters.
    pub examples: &'static [&'static str],
    /// The webhook events of its lifecycle.
    pub events: &'static [LifecycleSpec],
}

/// A webhook event the store sends on a change (create, update or delete) of an object.
#[derive(Debug, Clone, Copy)]
pub struct LifecycleSpec {
    /// The change.
    pub role: StoreRole,
    /// The event's `type`.
    pub tag: &'static str,
    /// The payload property that holds the object.
    pub data: &'static str,
    /// The payload's id property, fresh per delivery.
    pub id: Option<&'static str>,
    /// The payload's timestamp property, the delivery's time.
    pub timestamp: Option<&'static str>,
    /// The payload's example (JSON): the rest of the envelope.
    pub example: &'static str,
}

/// An event to deliver: its `type` and JSON body.
pub(crate) type Pending = Option<(String, Vec<u8>)>;

/// What an operation does to its collection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreRole {
    /// Builds and stores an object.
    Create,
    /// Pages through the stored objects.
    List,
    /// Answers the stored object, or 404.
    Retrieve,
    /// Merges the sent fields into the stored object.
    Update,
    /// Removes the stored object.
    Delete,
    /// Answers the stored object (an action such as `cancel`).
    Action,
}

/// An operation's place in the store: its collection (an index into the table) and role.
#[derive(Debug, Clone, Copy)]
pub struct StoreRoute {
    /// The index of its collection in the generated table.
    pub collection: usize,
    /// What it does there.
    pub role: StoreRole,
}

#[derive(Debug, Clone)]
pub(crate) struct Stored {
    pub(crate) id: String,
    /// The parent path parameters of a nested collection (`/affiliates/{id}/overrides`).
    pub(crate) parents: Vec<String>,
    pub(crate) value: Value,
}

/// Every collection's objects, in creation order.
pub(crate) struct Store {
    specs: &'static [CollectionSpec],
    /// Each collection's example, parsed once, and what its fresh ids start with.
    starts: Vec<(Value, String)>,
    pub(crate) items: Vec<Vec<Stored>>,
    seed: u128,
    minted: u128,
}

/// Names a page size, in the spellings cursor APIs use.
const PAGE_SIZE_PARAMS: [&str; 4] = ["first", "limit", "per_page", "page_size"];
const DEFAULT_PAGE_SIZE: usize = 10;
const ID_CHARS: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

impl Store {
    pub(crate) fn new(specs: &'static [CollectionSpec]) -> Self {
        let half = || u128::from(RandomState::new().build_hasher().finish());
        let seed = (half() << 64 | half()) | 1;
        let starts = specs
            .iter()
            .map(|spec| {
                let mut start = Map::new();
                for example in spec.examples {
                    if let Ok(Value::Object(fields)) = serde_json::from_str::<Value>(example) {
                        for (name, value) in fields {
                            start.entry(name).or_insert(value);
                        }
                    }
                }
                let prefix = id_prefix(start.get("id").and_then(Value::as_str).unwrap_or(""));
                (Value::Object(start), prefix)
            })
            .collect();
        Store { specs, starts, items: vec![Vec::new(); specs.len()], seed, minted: 0 }
    }

    pub(crate) fn specs(&self) -> &'static [CollectionSpec] {
        self.specs
    }

    /// What fresh ids of a collection start with.
    pub(crate) fn id_prefix(&self, collection: usize) -> String {
        self.starts.get(collection).map(|(_, prefix)| prefix.clone()).unwrap_or_default()
    }

    /// A fresh id: the prefix, then 14 characters. Multiplying the count by an odd seed is a
    /// bijection on `u128`, so ids never repeat (within the 62^14 the characters can spell)
    /// while they look random.
    pub(crate) fn mint(&mut self, prefix: &str) -> String {
        self.minted += 1;
        let mut n = self.minted.wrapping_mul(self.seed);
        let mut id = String::with_capacity(prefix.len() + 14);
        id.push_str(prefix);
        for _ in 0..14 {
            id.push(char::from(ID_CHARS[usize::try_from(n % 62).unwrap_or(0)]));
            n /= 62;
        }
        id
    }

    /// The answer of a stateful operation, and the lifecycle event of its change when
    /// `events` and the spec has one.
    pub(crate) fn answer(
        &mut self,
        route: &Route,
        at: StoreRoute,
        path_params: &[String],
        params: &Value,
        events: bool,
    ) -> (MockReply, Pending) {
        let mut changed = None;
        let reply = self.apply(route, at, path_params, params, &mut changed);
        let pending = match (events, changed) {
            (true, Some(object)) => self.event(at, &object),
            _ => None,
        };
        (reply, pending)
    }

    /// The delivery of `at`'s lifecycle event for `object`, if the spec has one.
    fn event(&mut self, at: StoreRoute, object: &Value) -> Pending {
        let spec = self.specs.get(at.collection)?.events.iter().find(|e| e.role == at.role)?;
        let mut payload =
            serde_json::from_str::<Value>(spec.example).unwrap_or_else(|_| Value::Object(Map::new()));
        let id = self.mint("msg_");
        let fields = payload.as_object_mut()?;
        fields.insert(spec.data.to_owned(), object.clone());
        if fields.contains_key("type") {
            fields.insert("type".to_owned(), Value::String(spec.tag.to_owned()));
        }
        if let Some(name) = spec.id {
            fields.insert(name.to_owned(), Value::String(id));
        }
        if let Some(name) = spec.timestamp {
            stamp_one(fields, name);
        }
        Some((spec.tag.to_owned(), serde_json::to_vec(&payload).ok()?))
    }

    fn apply(
        &mut self,
        route: &Route,
        at: StoreRoute,
        path_params: &[String],
        params: &Value,
        changed: &mut Option<Value>,
    ) -> MockReply {
        let Some(spec) = self.specs.get(at.collection).copied() else {
            return MockReply::error(500, "the mock's store has no such collection");
        };
        let (parents, id) = match at.role {
            StoreRole::Create | StoreRole::List => (path_params.to_vec(), None),
            _ => match path_params.split_last() {
                Some((id, parents)) => (parents.to_vec(), Some(id.as_str())),
                None => (Vec::new(), None),
            },
        };
        let sent = params.as_object().cloned().unwrap_or_default();
        match (at.role, id) {
            (StoreRole::Create, _) => {
                let (mut value, prefix) = self.starts[at.collection].clone();
                merge(&mut value, &sent);
                let id = self.mint(&prefix);
                if let Some(object) = value.as_object_mut() {
                    object.insert("id".to_owned(), Value::String(id.clone()));
                    stamp(object, &["created_at", "updated_at"]);
                }
                self.items[at.collection].push(Stored { id, parents, value: value.clone() });
                let reply = MockReply::json(route.status, &value);
                *changed = Some(value);
                reply
            }
            (StoreRole::List, _) => match route.page {
                Some(page) => self.page(route, page, at.collection, &parents, &sent),
                None => MockReply::error(500, "the mock lists only cursor pages"),
            },
            (role, Some(id)) => {
                let items = &mut self.items[at.collection];
                let Some(at_index) = items.iter().position(|s| s.id == id && s.parents == parents) else {
                    return MockReply::error(404, &format!("no object `{id}` in {}", spec.path));
                };
                match role {
                    StoreRole::Update => {
                        let stored = &mut items[at_index].value;
                        merge(stored, &sent);
                        if let Some(object) = stored.as_object_mut() {
                            stamp(object, &["updated_at"]);
                        }
                        *changed = Some(stored.clone());
                        MockReply::json(route.status, stored)
                    }
                    StoreRole::Delete => {
                        // The answer is the operation's own, not the object; a boolean one says
                        // it was deleted.
                        *changed = Some(items.remove(at_index).value);
                        let body = if route.body == "false" { "true" } else { route.body };
                        MockReply::bytes(route.status, "application/json", body.as_bytes())
                    }
                    _ => MockReply::json(route.status, &items[at_index].value),
                }
            }
            (_, None) => MockReply::error(404, "no object id in the path"),
        }
    }

    fn page(
        &self,
        route: &Route,
        page: PageShape,
        collection: usize,
        parents: &[String],
        sent: &Map<String, Value>,
    ) -> MockReply {
        let matching: Vec<&Value> = self.items[collection]
            .iter()
            .filter(|s| {
                s.parents == parents
                    && sent.iter().all(|(name, wanted)| filter_passes(&s.value, name, wanted))
            })
            .map(|s| &s.value)
            .collect();
        let size = PAGE_SIZE_PARAMS
            .iter()
            .find_map(|name| sent.get(*name).and_then(Value::as_u64))
            .and_then(|n| usize::try_from(n).ok())
            .filter(|n| *n > 0)
            .unwrap_or(DEFAULT_PAGE_SIZE);
        let start = sent
            .get(page.cursor_param)
            .and_then(Value::as_str)
            .and_then(|c| c.strip_prefix("cursor_"))
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(0)
            .min(matching.len());
        let end = start.saturating_add(size).min(matching.len());
        let mut body =
            serde_json::from_str::<Value>(route.body).unwrap_or_else(|_| Value::Object(Map::new()));
        let Some(object) = body.as_object_mut() else {
            return MockReply::error(500, "the list's example is not an object");
        };
        object.insert(
            page.items.to_owned(),
            Value::Array(matching[start..end].iter().map(|v| (*v).clone()).collect()),
        );
        let info = object.entry(page.info.to_owned()).or_insert_with(|| Value::Object(Map::new()));
        if let Some(info) = info.as_object_mut() {
            info.insert(page.cursor.to_owned(), Value::String(format!("cursor_{end}")));
            info.insert(page.has_next.to_owned(), Value::Bool(end < matching.len()));
        }
        MockReply::json(route.status, &body)
    }
}

/// An example id's text up to and including its last `_`: `plan_xxxxxxxxxxxxxx` -> `plan_`.
fn id_prefix(example_id: &str) -> String {
    example_id.rfind('_').map_or_else(String::new, |at| example_id[..=at].to_owned())
}

/// Sets the sent fields that name the object's properties (an explicit `null` sets null);
/// `<name>_id` also fills the `id` of an object property `<name>` (`company_id` ->
/// `company: {id}`). Fields the object does not have are not added.
fn merge(value: &mut Value, sent: &Map<String, Value>) {
    let Some(object) = value.as_object_mut() else { return };
    for (name, field) in sent {
        if name == "id" {
            continue;
        }
        if let Some(slot) = object.get_mut(name) {
            *slot = field.clone();
        } else if let Some(nested) = name.strip_suffix("_id").and_then(|base| object.get_mut(base)) {
            if let Some(nested) = nested.as_object_mut().filter(|n| n.contains_key("id")) {
                nested.insert("id".to_owned(), field.clone());
            }
        }
    }
}

/// Sets the date-times `names` the object has to now.
fn stamp(object: &mut Map<String, Value>, names: &[&str]) {
    for name in names {
        if object.contains_key(*name) {
            stamp_one(object, name);
        }
    }
}

fn stamp_one(object: &mut Map<String, Value>, name: &str) {
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    object.insert(name.to_owned(), Value::String(now));
}

/// Whether a list filter lets `value` through: a filter named like a property (or `<name>_id`
/// / `<name>_ids` for an object property's id) compares as text; other filters are ignored.
fn filter_passes(value: &Value, name: &str, wanted: &Value) -> bool {
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let actual = value.get(name).or_else(|| {
        let base = name.strip_suffix("_ids").or_else(|| name.strip_suffix("_id"))?;
        value.get(base)?.get("id")
    });
    let Some(actual) = actual else { return true };
    match wanted {
        Value::Array(options) => options.iter().any(|o| text(o) == text(actual)),
        wanted => text(wanted) == text(actual),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn id_prefixes_come_from_the_example_id() {
        assert_eq!(id_prefix("plan_xxxxxxxxxxxxxx"), "plan_");
        assert_eq!(id_prefix("mem_a_b"), "mem_a_");
        assert_eq!(id_prefix("12345"), "");
    }

    #[test]
    fn minted_ids_keep_the_prefix_and_never_repeat() {
        let mut store = Store::new(&[]);
        let ids: std::collections::BTreeSet<String> = (0..10_000).map(|_| store.mint("plan_")).collect();
        assert_eq!(ids.len(), 10_000);
        assert!(ids.iter().all(|id| id.len() == 19 && id.starts_with("plan_")));
    }

    #[test]
    fn sent_fields_fill_properties_and_ids_of_linked_objects() {
        let mut value =
            json!({"id": "x", "title": "t", "company": {"id": "biz_0", "title": "C"}, "note": "n"});
        let sent = json!({"title": "New", "company_id": "biz_1", "note": null, "unknown": 1, "id": "forged"});
        merge(&mut value, sent.as_object().unwrap_or(&Map::new()));
        assert_eq!(
            value,
            json!({"id": "x", "title": "New", "company": {"id": "biz_1", "title": "C"}, "note": null})
        );
    }

    #[test]
    fn filters_match_properties_and_linked_ids_and_ignore_the_rest() {
        let plan = json!({"id": "plan_1", "visibility": "visible", "product": {"id": "prod_1"}, "price": 5});
        assert!(filter_passes(&plan, "product_id", &json!("prod_1")));
        assert!(!filter_passes(&plan, "product_id", &json!("prod_2")));
        assert!(filter_passes(&plan, "product_ids", &json!(["prod_9", "prod_1"])));
        assert!(!filter_passes(&plan, "visibility", &json!("hidden")));
        assert!(filter_passes(&plan, "price", &json!(5)));
        assert!(filter_passes(&plan, "first", &json!(100)));
    }
}
