//! A resource handle's rustdoc: its own docs and a table of its methods, what each takes and
//! returns, linked, so the docs of a large API are navigated from `Client` down.

use crate::ir::{Docs, Resource, Ty};

/// The handle's docs with a table of its methods, what each takes and returns, linked, so the
/// docs of a large API are navigated from `Client` down rather than searched.
pub(crate) fn resource_docs(r: &Resource) -> Docs {
    let mut rows: Vec<String> = r
        .operations
        .iter()
        .map(|op| {
            let params =
                op.params.as_ref().map_or_else(|| "-".to_owned(), |p| format!("[`{}`]", p.type_name));
            let returns = op.response.as_ref().map_or_else(|| "nothing".to_owned(), ty_doc);
            format!(
                "| [`{m}`](Self::{m}) | `{} {}` | {params} | {returns} |",
                op.http_method,
                op.path.replace('|', "\\|"),
                m = op.method_name
            )
        })
        .collect();
    rows.extend(r.children.iter().map(|child| {
        format!("| [`{a}`](Self::{a}) | sub-resource | - | [`{}`] |", child.type_name, a = child.accessor)
    }));
    let mut docs = r.docs.clone();
    docs.paragraphs
        .push(format!("| method | request | parameters | returns |\n|---|---|---|---|\n{}", rows.join("\n")));
    docs
}

/// A type as the resource table shows it: generated types linked.
fn ty_doc(ty: &Ty) -> String {
    match ty {
        Ty::Named(name) => format!("[`{name}`]"),
        Ty::Option(inner) => format!("{} or nothing", ty_doc(inner)),
        Ty::Vec(inner) => format!("list of {}", ty_doc(inner)),
        Ty::Boxed(inner) => ty_doc(inner),
        Ty::Map(inner) => format!("map of {}", ty_doc(inner)),
        Ty::String => "`String`".to_owned(),
        Ty::I64 => "`i64`".to_owned(),
        Ty::I32 => "`i32`".to_owned(),
        Ty::F64 => "`f64`".to_owned(),
        Ty::F32 => "`f32`".to_owned(),
        Ty::Bool => "`bool`".to_owned(),
        Ty::DateTime => "a date-time".to_owned(),
        Ty::Date => "a date".to_owned(),
        Ty::Bytes => "bytes".to_owned(),
        Ty::File => "a file".to_owned(),
        Ty::Json => "JSON".to_owned(),
    }
}
