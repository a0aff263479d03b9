//! Operations to resource methods: names, parameters structs, response types and auth.

use std::collections::HashMap;

use indexmap::IndexMap;

use crate::diag::{Argument, Diagnostic, Diagnostics};
use crate::ir::types::TypeBuilder;
use crate::ir::{mock, params, responses};
use crate::ir::{Auth, Docs, MockRoute, OperationDef, PathParam, Resource, Selection, Ty};
use crate::names::{did_you_mean, singular, snake_name, type_name, words};
use crate::spec::{Media, Operation, SecurityScheme, Spec};

/// Groups the selected operations into resources, defining the types they use.
pub fn build(
    spec: &Spec,
    selection: &Selection,
    mock: bool,
    types: &mut TypeBuilder<'_>,
    diags: &mut Diagnostics,
) -> Vec<Resource> {
    // group -> (sub-resource path segment, or "" for the group itself) -> operations
    let mut groups: IndexMap<String, IndexMap<String, Vec<OperationDef>>> = IndexMap::new();
    let mut ids: HashMap<String, &Operation> = HashMap::new();
    for op in &spec.operations {
        let id = operation_id(op);
        if let Some(first) = ids.insert(id.clone(), op) {
            diags.error(
                format!(
                    "operationId `{id}` is used twice (also by {} {}); operationIds must be unique",
                    first.method.to_uppercase(),
                    first.path
                ),
                op.loc,
                &op.ptr,
            );
            continue;
        }
        if !is_selected(op, &id, selection) {
            continue;
        }
        let group = resource_name(op);
        let mut def = operation(spec, op, &id, &group, mock, types, diags);
        let child = match nested_method(op, &def.method_name) {
            Some((segment, method)) => {
                def.method_name = method;
                segment
            }
            None => String::new(),
        };
        groups.entry(group).or_default().entry(child).or_default().push(def);
    }
    groups
        .into_iter()
        .map(|(group, mut parts)| {
            let operations = parts.shift_remove("").unwrap_or_default();
            let mut resource = resource(&group, &group, operations, types);
            resource.children = parts
                .into_iter()
                .map(|(segment, operations)| {
                    resource_at(&format!("{group} {segment}"), &segment, operations, types, &resource)
                })
                .collect();
            resource
        })
        .collect()
}

fn resource(
    name: &str,
    accessor: &str,
    mut operations: Vec<OperationDef>,
    types: &mut TypeBuilder<'_>,
) -> Resource {
    disambiguate_methods(&mut operations);
    let type_name = types.names.claim(&format!("{}Resource", type_name(name)));
    let mut docs = Docs::default();
    docs.push(Some(&format!("Operations on {name}.")));
    Resource { accessor: snake_name(accessor), type_name, docs, operations, children: Vec::new() }
}

/// A sub-resource; its accessor is renamed if the parent already has a method of that name.
fn resource_at(
    name: &str,
    segment: &str,
    operations: Vec<OperationDef>,
    types: &mut TypeBuilder<'_>,
    parent: &Resource,
) -> Resource {
    let mut child = resource(name, segment, operations, types);
    if parent.operations.iter().any(|op| op.method_name == child.accessor) {
        child.accessor = format!("{}_resource", child.accessor);
    }
    child
}

/// Operations on a collection nested under an item of the resource
/// (`/affiliates/{id}/overrides/...`) move to a sub-resource named after that collection
/// when their method name holds its noun: `create_override` -> `overrides().create`.
fn nested_method(op: &Operation, method: &str) -> Option<(String, String)> {
    let segments: Vec<&str> = op.path.split('/').filter(|s| !s.is_empty()).collect();
    let first_param = segments.iter().position(|s| s.starts_with('{'))?;
    let segment = segments.get(first_param + 1..)?.iter().find(|s| !s.starts_with('{'))?;
    let noun: Vec<String> = words(segment).iter().map(|w| singular(w)).collect();
    let method_words = words(method);
    // Only collections (plural nouns) become sub-resources; `/{id}/archive` is an action.
    let is_collection = noun.last() != words(segment).last();
    if !is_collection || method_words.len() <= noun.len() {
        return None;
    }
    let at = (0..=method_words.len() - noun.len())
        .find(|&i| method_words[i..i + noun.len()].iter().zip(&noun).all(|(m, n)| singular(m) == *n))?;
    let rest: Vec<&str> = method_words
        .iter()
        .enumerate()
        .filter(|(i, _)| *i < at || *i >= at + noun.len())
        .map(|(_, w)| w.as_str())
        .collect();
    Some((snake_name(segment), snake_name(&rest.join("_"))))
}

/// Reports each selected tag or operationId that no operation or webhook has.
pub(crate) fn check_selection(spec: &Spec, selection: &Selection, diags: &mut Diagnostics) {
    let all = || spec.operations.iter().chain(spec.webhooks.iter().map(|w| &w.operation));
    let mut tags: Vec<&str> = all().flat_map(|o| o.tags.iter().map(String::as_str)).collect();
    tags.dedup();
    let ids: Vec<String> = all().map(operation_id).collect();
    for (i, tag) in selection.tags.iter().enumerate() {
        if !tags.contains(&tag.as_str()) {
            diags.push(Diagnostic::argument(
                format!("no operation has the tag `{tag}`{}", did_you_mean(tag, tags.iter().copied())),
                Argument::Tag(i),
            ));
        }
    }
    for (i, id) in selection.operations.iter().enumerate() {
        if !ids.contains(id) {
            diags.push(Diagnostic::argument(
                format!(
                    "no operation has the operationId `{id}`{}",
                    did_you_mean(id, ids.iter().map(String::as_str))
                ),
                Argument::Operation(i),
            ));
        }
    }
}

pub(crate) fn is_selected(op: &Operation, id: &str, selection: &Selection) -> bool {
    if selection.is_unfiltered() {
        return true;
    }
    selection.tags.iter().any(|t| op.tags.contains(t)) || selection.operations.iter().any(|o| o == id)
}

/// The operationId, or one derived from the method and path (`post /a/{id}/b` -> `postAByIdB`).
pub fn operation_id(op: &Operation) -> String {
    if let Some(id) = &op.operation_id {
        return id.clone();
    }
    let mut id = op.method.clone();
    for segment in op.path.split('/').filter(|s| !s.is_empty()) {
        let part = match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(param) => format!("By{}", type_name(param)),
            None => type_name(segment),
        };
        id.push_str(&part);
    }
    id
}

/// The resource an operation belongs to: its first tag, else the first path segment.
fn resource_name(op: &Operation) -> String {
    op.tags.first().cloned().unwrap_or_else(|| {
        op.path.split('/').find(|s| !s.is_empty() && !s.starts_with('{')).unwrap_or("default").to_owned()
    })
}

/// The method name: the operationId without the resource noun (`createAffiliate` on
/// `Affiliates` -> `create`); the whole operationId when nothing would be left.
fn method_name(id: &str, group: &str) -> String {
    let id_words = words(id);
    let noun: Vec<String> = words(group).iter().map(|w| singular(w)).collect();
    let plural: Vec<String> = words(group);
    for candidate in [&noun, &plural] {
        let n = candidate.len();
        if n == 0 || id_words.len() <= n {
            continue;
        }
        if id_words[id_words.len() - n..] == candidate[..] {
            return snake_name(&id_words[..id_words.len() - n].join("_"));
        }
        if id_words[..n] == candidate[..] {
            return snake_name(&id_words[n..].join("_"));
        }
    }
    snake_name(id)
}

/// Where shortened names clash inside a resource, those methods keep the whole operationId.
fn disambiguate_methods(operations: &mut [OperationDef]) {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for op in operations.iter() {
        *counts.entry(op.method_name.clone()).or_default() += 1;
    }
    for op in operations.iter_mut() {
        if counts.get(&op.method_name).copied().unwrap_or(0) > 1 {
            op.method_name = snake_name(&op.operation_id);
        }
    }
}

fn operation(
    spec: &Spec,
    op: &Operation,
    id: &str,
    group: &str,
    mock: bool,
    types: &mut TypeBuilder<'_>,
    diags: &mut Diagnostics,
) -> OperationDef {
    let base = type_name(id);
    let path_params: Vec<PathParam> = op
        .template
        .names
        .iter()
        .map(|wire| PathParam { rust: snake_name(wire), wire: wire.clone() })
        .collect();
    let params = params::params_struct(spec, op, &base, types, diags);
    let raw = responses::raw_response(op);
    let (response, status_variants) = match &raw {
        Media::Text(_) => (Some(Ty::String), Vec::new()),
        Media::Binary(_) => (Some(Ty::Bytes), Vec::new()),
        _ => responses::response_type(op, &base, types),
    };
    OperationDef {
        response_media: raw,
        operation_id: id.to_owned(),
        method_name: method_name(id, group),
        http_method: op.method.to_uppercase(),
        path: op.path.clone(),
        path_params,
        path_literals: op.template.literals.clone(),
        params,
        response,
        status_variants,
        auth: auth(spec, op, diags),
        pagination: None,
        mock: if mock { mock::route(spec, op) } else { MockRoute::default() },
        docs: operation_docs(op),
    }
}

fn auth(spec: &Spec, op: &Operation, diags: &mut Diagnostics) -> Auth {
    // An operation without `security` inherits the document's; report a bad name where it is.
    let (names, loc, ptr) = match &op.security {
        Some(names) => (names, op.loc, format!("{}/security", op.ptr)),
        None => (&spec.security, spec.security_loc, "/security".to_owned()),
    };
    let Some(name) = names.first() else { return Auth::None };
    match spec.security_schemes.get(name) {
        Some(SecurityScheme::Bearer) => Auth::Bearer,
        Some(SecurityScheme::Header(h)) => Auth::Header(h.clone()),
        Some(SecurityScheme::Query(q)) => Auth::Query(q.clone()),
        None => {
            diags.error(
                format!(
                    "security scheme `{name}` is not defined under components/securitySchemes{}",
                    did_you_mean(name, spec.security_schemes.keys().map(String::as_str))
                ),
                loc,
                &ptr,
            );
            Auth::None
        }
    }
}

fn operation_docs(op: &Operation) -> Docs {
    let mut docs = Docs::default();
    docs.push(op.summary.as_deref()).push(op.description.as_deref());
    let described = op.description.as_deref().unwrap_or("");
    let unlisted: Vec<String> =
        op.scopes.iter().filter(|s| !described.contains(s.as_str())).map(|s| format!(" - `{s}`")).collect();
    if !unlisted.is_empty() {
        docs.push(Some(&format!("Required permissions:\n{}", unlisted.join("\n"))));
    }
    let undeclared: Vec<String> =
        op.parameters.iter().filter(|p| p.from_template).map(|p| format!("`{}`", p.name)).collect();
    if !undeclared.is_empty() {
        docs.push(Some(&format!(
            "The spec does not declare the path parameter{} {}: taken from the path as {}.",
            if undeclared.len() == 1 { "" } else { "s" },
            undeclared.join(", "),
            if undeclared.len() == 1 { "a string" } else { "strings" },
        )));
    }
    docs.push(Some(&format!("`{} {}`", op.method.to_uppercase(), op.path))).deprecated(op.deprecated);
    docs
}

#[cfg(test)]
mod tests {
    use super::method_name;
    use crate::spec::Operation;

    #[test]
    fn strips_the_resource_noun() {
        assert_eq!(method_name("createAffiliate", "Affiliates"), "create");
        assert_eq!(method_name("listOverrideAffiliate", "Affiliates"), "list_override");
        assert_eq!(method_name("addFreeDaysMembership", "Memberships"), "add_free_days");
        assert_eq!(method_name("listDmMember", "Dm members"), "list");
        assert_eq!(method_name("affiliatesCreate", "Affiliates"), "create");
        assert_eq!(method_name("ping", "Health"), "ping");
        assert_eq!(method_name("affiliate", "Affiliates"), "affiliate");
    }

    fn op(path: &str) -> Operation {
        Operation::new("get", path, "", crate::diag::Loc::default())
    }

    #[test]
    fn nests_operations_on_sub_collections() {
        let nested = |path: &str, method: &str| super::nested_method(&op(path), method);
        assert_eq!(
            nested("/affiliates/{id}/overrides", "create_override"),
            Some(("overrides".into(), "create".into()))
        );
        assert_eq!(
            nested("/affiliates/{id}/overrides/{override_id}", "retrieve_override"),
            Some(("overrides".into(), "retrieve".into()))
        );
        assert_eq!(nested("/memberships/{id}/cancel", "cancel"), None);
        assert_eq!(nested("/things/{id}/archive", "post_things_by_id_archive"), None);
        assert_eq!(nested("/memberships/{id}/add_free_days", "add_free_days"), None);
        assert_eq!(nested("/affiliates/{id}", "retrieve"), None);
        assert_eq!(nested("/affiliates", "create"), None);
    }
}
