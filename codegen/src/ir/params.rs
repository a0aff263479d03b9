//! An operation's parameters struct: its query and header fields, and its body by media type
//! (JSON, form, multipart with file parts, text, bytes).

use crate::diag::Diagnostics;
use crate::ir::types::TypeBuilder;
use crate::ir::{BodySource, Docs, Field, FieldPlace, ParamField, ParamsDef, Struct, Ty, TypeDef, TypeKind};
use crate::names::{snake_name, type_name};
use crate::spec::{merge_all_of, Media, Merged, Operation, ParamLocation, RequestBody, Schema, Spec};

/// The parameters struct of `op`, or `None` when the call takes nothing but path arguments.
pub fn params_struct(
    spec: &Spec,
    op: &Operation,
    base: &str,
    types: &mut TypeBuilder<'_>,
    diags: &mut Diagnostics,
) -> Option<ParamsDef> {
    let mut fields = parameter_fields(op, base, types);
    let mut media = Media::Json;
    if let Some(body) = &op.request_body {
        media = body.media.clone();
        let form = matches!(media, Media::Form | Media::Multipart);
        let form_object = body.schema.as_ref().filter(|_| form).and_then(|s| object_properties(spec, s));
        match (&body.media, &body.schema) {
            (Media::Json, Some(schema)) => {
                if let Some(whole) = json_body(body, schema, base, &mut fields, types) {
                    return Some(whole);
                }
            }
            (Media::Json, None) => {}
            (_, Some(_)) if form_object.is_some() => {
                let Merged { properties, required } = form_object.unwrap_or_default();
                let required: Vec<String> = required.iter().map(|r| (*r).to_owned()).collect();
                let multipart = media == Media::Multipart;
                let owned: Vec<(String, Schema)> =
                    properties.iter().map(|(wire, prop)| ((*wire).to_owned(), (*prop).clone())).collect();
                let body_fields = types.fields(&owned, &required, &format!("{base}Body"));
                for (mut field, (_, prop)) in body_fields.into_iter().zip(&properties) {
                    if multipart {
                        field.ty = file_type(prop).unwrap_or(field.ty);
                    }
                    push_body_field(&mut fields, field);
                }
            }
            (Media::Text(_), _) => push_whole_body(&mut fields, body, None, Ty::String),
            // Bytes, and what has no typed form: a form or multipart body without an object
            // schema is sent as the caller encodes it.
            (media_kind, _) => {
                if form {
                    diags.deviation(
                        format!(
                            "a `{}` body needs an object schema with `properties` for typed fields; without one the method takes the encoded bytes",
                            media_name(media_kind)
                        ),
                        body.loc,
                        &body.ptr,
                    );
                    media = Media::Binary(media_name(media_kind).to_owned());
                }
                push_whole_body(&mut fields, body, None, Ty::Bytes);
            }
        }
    }
    if fields.is_empty() {
        return None;
    }
    for field in &fields {
        types.mark_input(&field.ty);
    }
    let name = types.names.claim(&format!("{base}Params"));
    let mut docs = Docs::default();
    docs.push(Some(&format!("Parameters for `{} {}`.", op.method.to_uppercase(), op.path)));
    if let Some(b) = &op.request_body {
        docs.push(b.description.as_deref());
        if let Some(s) = &b.schema {
            docs.push(s.description.as_deref());
        }
    }
    let form = matches!(media, Media::Form | Media::Multipart);
    let body = fields.iter().find_map(|f| match f.place {
        FieldPlace::WholeBody => Some(BodySource::Field { rust: f.rust.clone(), optional: !f.required }),
        _ => None,
    });
    let has_body_fields = fields.iter().any(|f| matches!(f.place, FieldPlace::Body | FieldPlace::Additional));
    let def = ParamsDef {
        type_name: name.clone(),
        fields: fields
            .iter()
            .map(|f| ParamField {
                rust: f.rust.clone(),
                wire: f.wire.clone(),
                place: f.place.clone(),
                file: form && is_file(&f.ty),
            })
            .collect(),
        body: body.unwrap_or(if has_body_fields { BodySource::WholeStruct } else { BodySource::None }),
        media: media.clone(),
    };
    types.mark_input(&Ty::Named(name.clone()));
    types.add_def(TypeDef::new(name, docs, TypeKind::Struct(Struct { fields })));
    Some(def)
}

/// A file (or a list of files) of a multipart body.
fn is_file(ty: &Ty) -> bool {
    match ty.unwrapped() {
        Ty::File => true,
        Ty::Vec(item) => **item == Ty::File,
        _ => false,
    }
}

/// Query and header parameters as fields.
fn parameter_fields(op: &Operation, base: &str, types: &mut TypeBuilder<'_>) -> Vec<Field> {
    let mut fields = Vec::new();
    for param in op.parameters.iter().filter(|p| p.location != ParamLocation::Path) {
        let ty = match &param.schema {
            Some(schema) => types.ty(schema, &format!("{base}{}", type_name(&param.name))),
            None => Ty::String,
        };
        let mut docs = Docs::default();
        docs.push(param.description.as_deref());
        if let Some(schema) = &param.schema {
            docs.push(schema.description.as_deref()).example(schema.example.as_ref());
        }
        fields.push(Field {
            rust: snake_name(&param.name),
            wire: param.name.clone(),
            ty,
            required: param.required,
            place: match param.location {
                ParamLocation::Header => FieldPlace::Header,
                _ => FieldPlace::Query { explode: param.explode },
            },
            fixed: None,
            docs,
        });
    }
    fields
}

/// A JSON body: an inline object's properties become fields; anything else is one `body`
/// field, or, with no other parameters, the named body type is the parameters type itself.
fn json_body(
    body: &RequestBody,
    schema: &Schema,
    base: &str,
    fields: &mut Vec<Field>,
    types: &mut TypeBuilder<'_>,
) -> Option<ParamsDef> {
    let inline_object = schema.reference.is_none()
        && schema.one_of.is_empty()
        && schema.any_of.is_empty()
        && schema.all_of.is_empty()
        && !schema.properties.is_empty();
    if inline_object {
        for field in types.fields(&schema.properties, &schema.required, &format!("{base}Body")) {
            push_body_field(fields, field);
        }
        return None;
    }
    let ty = types.ty(schema, &format!("{base}Body"));
    types.mark_input(&ty);
    if let (true, Ty::Named(name)) = (fields.is_empty(), &ty) {
        return Some(ParamsDef {
            type_name: name.clone(),
            fields: Vec::new(),
            body: BodySource::WholeStruct,
            media: Media::Json,
        });
    }
    push_whole_body(fields, body, schema.description.as_deref(), ty);
    None
}

/// A body property as a field, renamed when a parameter has its name.
fn push_body_field(fields: &mut Vec<Field>, mut field: Field) {
    if fields.iter().any(|f| f.rust == field.rust) {
        field.rust = format!("{}_body", field.rust);
    }
    fields.push(field);
}

/// The whole body as one field.
fn push_whole_body(fields: &mut Vec<Field>, body: &RequestBody, schema_docs: Option<&str>, ty: Ty) {
    let mut docs = Docs::default();
    docs.push(body.description.as_deref()).push(schema_docs);
    let taken = fields.iter().any(|f| f.rust == "body");
    fields.push(Field {
        rust: if taken { "request_body".into() } else { "body".into() },
        wire: "body".into(),
        ty,
        required: body.required,
        place: FieldPlace::WholeBody,
        fixed: None,
        docs: docs.or("The request body."),
    });
}

/// The properties and required names of an object schema, following `$ref`s and merging
/// `allOf`; `None` when it is not an object with properties.
fn object_properties<'s>(spec: &'s Spec, schema: &'s Schema) -> Option<Merged<'s>> {
    let mut current = schema;
    for _ in 0..16 {
        match current.reference.as_ref().and_then(|r| spec.schemas.get(r)) {
            Some(target) => current = target,
            None => break,
        }
    }
    Some(merge_all_of(spec, current)).filter(|merged| !merged.properties.is_empty())
}

/// A multipart property that is a file (`format: binary`, or a `contentMediaType`), or a list
/// of files; nullable ones stay optional through the field's `required`.
fn file_type(prop: &Schema) -> Option<Ty> {
    let is_file = |s: &Schema| s.format.as_deref() == Some("binary") || s.content_media_type.is_some();
    if is_file(prop) {
        return Some(Ty::File);
    }
    prop.items.as_deref().filter(|items| is_file(items)).map(|_| Ty::Vec(Box::new(Ty::File)))
}

fn media_name(media: &Media) -> &str {
    match media {
        Media::Form => "application/x-www-form-urlencoded",
        Media::Multipart => "multipart/form-data",
        Media::Json => "application/json",
        Media::Text(name) | Media::Binary(name) => name,
    }
}
