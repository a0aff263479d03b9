//! An operation's success type: the 2xx body as JSON (a union when 2xx statuses differ), or
//! text or bytes for other media types.

use crate::ir::types::TypeBuilder;
use crate::ir::Ty;
use crate::spec::{Media, Operation};

/// How the success body is read: text or bytes when the first 2xx response with content has a
/// text or binary media type, else JSON.
pub(crate) fn raw_response(op: &Operation) -> Media {
    match op.responses.iter().filter(|r| r.is_success()).find_map(|r| r.media.as_ref()) {
        Some(media @ (Media::Text(_) | Media::Binary(_))) => media.clone(),
        _ => Media::Json,
    }
}

/// The success type: the 2xx body; a union when several 2xx responses have different bodies
/// (with the variant each status decodes to); `Option` when some 2xx responses have no body;
/// `None` when none has one.
pub(crate) fn response_type(
    op: &Operation,
    base: &str,
    types: &mut TypeBuilder<'_>,
) -> (Option<Ty>, Vec<(u16, String)>) {
    let successes: Vec<&crate::spec::Response> = op.responses.iter().filter(|r| r.is_success()).collect();
    // The distinct bodies, and for each 2xx code the index of its body.
    let mut bodies: Vec<&crate::spec::Schema> = Vec::new();
    let mut codes: Vec<(u16, usize)> = Vec::new();
    for response in &successes {
        let Some(schema) = response.schema.as_ref() else { continue };
        let index = match bodies.iter().position(|b| b.reference.is_some() && b.reference == schema.reference)
        {
            Some(index) => index,
            None => {
                bodies.push(schema);
                bodies.len() - 1
            }
        };
        codes.extend(response.code().map(|code| (code, index)));
    }
    let hint = format!("{base}Response");
    let (ty, status_variants) = match bodies.as_slice() {
        [] => return (None, Vec::new()),
        [one] => (types.ty(one, &hint), Vec::new()),
        many => {
            // Inline bodies are named after the first status that returns them.
            let labels: Vec<String> = (0..many.len())
                .map(|i| {
                    codes
                        .iter()
                        .find(|(_, b)| *b == i)
                        .map_or(format!("Variant{}", i + 1), |(c, _)| format!("Status{c}"))
                })
                .collect();
            let ty = types.union_ty(many, &hint, &labels);
            let variants = types.variant_names(&ty);
            let by_status =
                codes.iter().filter_map(|(code, i)| variants.get(*i).map(|v| (*code, v.clone()))).collect();
            (ty, by_status)
        }
    };
    types.mark_received(&ty);
    let some_without_body = successes.iter().any(|r| r.schema.is_none());
    let ty = match ty {
        Ty::Option(_) | Ty::Json => ty,
        ty if some_without_body => Ty::Option(Box::new(ty)),
        ty => ty,
    };
    (Some(ty), status_variants)
}
