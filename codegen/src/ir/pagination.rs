//! Recognising cursor-paginated list operations by the shape of their response.
//!
//! A page is an object with exactly one required array field (the items) and a field whose
//! object has a boolean `has_next_page` and a string `end_cursor` (Relay-style page info);
//! the operation takes the cursor in an `after` query parameter.

use std::collections::{HashMap, HashSet};

use crate::ir::{
    Docs, FieldPlace, FieldRef, OperationDef, Pagination, Resource, Struct, Ty, TypeDef, TypeKind,
};
use crate::names::NameTable;

/// The pagination of `op`, if its response is a page.
pub fn detect(op: &OperationDef, types: &[TypeDef]) -> Option<Pagination> {
    let params = op.params.as_ref()?;
    let cursor_param =
        params.fields_in(|p| matches!(p, FieldPlace::Query { .. })).find(|f| f.wire == "after")?;
    let page = struct_named(types, op.response.as_ref()?)?;
    let mut arrays = page.fields.iter().filter(|f| f.required && matches!(f.ty, Ty::Vec(_)));
    let items = arrays.next()?;
    if arrays.next().is_some() {
        return None;
    }
    let Ty::Vec(item) = &items.ty else { return None };
    page.fields.iter().find_map(|info| {
        let object = struct_named(types, info.ty.unwrapped())?;
        let has_next =
            object.fields.iter().find(|f| f.wire == "has_next_page" && f.required && f.ty == Ty::Bool)?;
        let cursor =
            object.fields.iter().find(|f| f.wire == "end_cursor" && f.ty.unwrapped() == &Ty::String)?;
        Some(Pagination {
            item: (**item).clone(),
            items: FieldRef::to(items),
            info: FieldRef::to(info),
            cursor: FieldRef::to(cursor),
            has_next: FieldRef::to(has_next),
            cursor_param: cursor_param.wire.clone(),
        })
    })
}

fn struct_named<'t>(types: &'t [TypeDef], ty: &Ty) -> Option<&'t Struct> {
    let Ty::Named(name) = ty.unwrapped() else { return None };
    match &types.iter().find(|t| &t.name == name)?.kind {
        TypeKind::Struct(s) => Some(s),
        TypeKind::Alias(target) => struct_named(types, target),
        _ => None,
    }
}

/// Names each inline page type as a page (`ListMembershipPage`, not `ListMembershipResponse`,
/// which reads like the item) and says in its docs what it holds. Component types keep the
/// spec's names.
pub fn name_pages(
    resources: &mut [Resource],
    types: &mut [TypeDef],
    names: &mut NameTable,
    components: &HashSet<String>,
) {
    let mut renames: HashMap<String, String> = HashMap::new();
    for op in crate::ir::calls::operations_mut(resources) {
        let (Some(pagination), Some(Ty::Named(page))) = (&op.pagination, &op.response) else { continue };
        if components.contains(page) {
            continue;
        }
        let page = page.clone();
        let renamed = names.claim(&format!("{}Page", page.strip_suffix("Response").unwrap_or(&page)));
        let item = match &pagination.item {
            Ty::Named(item) => format!("[`{item}`]"),
            _ => "items".to_owned(),
        };
        if let Some(def) = types.iter_mut().find(|def| def.name == page) {
            def.name.clone_from(&renamed);
            let mut docs = Docs::default();
            docs.push(Some(&format!(
                "One page of {item} from `{} {}`; `{}_stream` walks every page.",
                op.http_method, op.path, op.method_name
            )));
            docs.paragraphs.append(&mut def.docs.paragraphs);
            def.docs = docs;
        }
        if let Some(response) = op.response.as_mut() {
            response.rename(&page, &renamed);
        }
        // The first rename of a page wins, as if each were applied in turn.
        renames.entry(page).or_insert(renamed);
    }
    // The mentions in every definition in one pass, not one pass per page.
    for def in types.iter_mut() {
        def.kind.rename_with(&|name| renames.get(name).map(String::as_str));
    }
}
