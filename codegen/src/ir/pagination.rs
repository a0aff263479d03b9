//! Recognising cursor-paginated list operations by the shape of their response.
//!
//! A page is an object with exactly one required array field (the items) and a field whose
//! object has a boolean `has_next_page` and a string `end_cursor` (Relay-style page info);
//! the operation takes the cursor in an `after` query parameter.

use crate::ir::{OperationDef, Pagination, Struct, Ty, TypeDef, TypeKind};

/// The pagination of `op`, if its response is a page.
pub fn detect(op: &OperationDef, types: &[TypeDef]) -> Option<Pagination> {
    let params = op.params.as_ref()?;
    let (_, cursor_param, _) = params.query.iter().find(|(_, wire, _)| wire == "after")?;
    let page = struct_named(types, op.response.as_ref()?)?;
    let mut arrays = page.fields.iter().filter(|f| f.required && matches!(f.ty, Ty::Vec(_)));
    let items = arrays.next()?;
    if arrays.next().is_some() {
        return None;
    }
    let Ty::Vec(item) = &items.ty else { return None };
    page.fields.iter().find_map(|info| {
        let optional = !info.required || matches!(info.ty, Ty::Option(_));
        let object = struct_named(types, strip_option(&info.ty))?;
        let has_next =
            object.fields.iter().find(|f| f.wire == "has_next_page" && f.required && f.ty == Ty::Bool)?;
        let cursor =
            object.fields.iter().find(|f| f.wire == "end_cursor" && strip_option(&f.ty) == &Ty::String)?;
        Some(Pagination {
            item: (**item).clone(),
            items_field: items.rust.clone(),
            wire: [items.wire.clone(), info.wire.clone(), cursor.wire.clone(), has_next.wire.clone()],
            info_field: (info.rust.clone(), optional),
            cursor_field: (cursor.rust.clone(), !cursor.required || matches!(cursor.ty, Ty::Option(_))),
            has_next_field: has_next.rust.clone(),
            cursor_param: cursor_param.clone(),
        })
    })
}

fn strip_option(ty: &Ty) -> &Ty {
    match ty {
        Ty::Option(inner) | Ty::Boxed(inner) => strip_option(inner),
        other => other,
    }
}

fn struct_named<'t>(types: &'t [TypeDef], ty: &Ty) -> Option<&'t Struct> {
    let Ty::Named(name) = strip_option(ty) else { return None };
    match &types.iter().find(|t| &t.name == name)?.kind {
        TypeKind::Struct(s) => Some(s),
        TypeKind::Alias(target) => struct_named(types, target),
        _ => None,
    }
}
