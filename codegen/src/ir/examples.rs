//! Example values for the mock server's default responses: the spec's `example`s where
//! given, otherwise deterministic values that fit the schema (the first enum value, a valid
//! date-time, empty lists, `has_next_page: false`).

use std::collections::HashSet;

use crate::spec::{Schema, Spec};
use crate::yaml::{write_json_string, Value};

/// Deepest nesting synthesised; deeper values are `null`.
const MAX_DEPTH: usize = 16;

/// Each received component struct or union, with its example as JSON text.
pub fn component_examples(spec: &Spec, types: &[crate::ir::TypeDef]) -> Vec<(String, String)> {
    spec.schemas
        .iter()
        .filter_map(|(name, schema)| {
            let rust = crate::names::unshadowed_type_name(name);
            let def = types.iter().find(|t| t.name == rust)?;
            let typed = matches!(def.kind, crate::ir::TypeKind::Struct(_) | crate::ir::TypeKind::Union(_));
            (typed && def.usage.received).then(|| (rust, example_json(schema, spec)))
        })
        .collect()
}

/// JSON text of an example value of `schema`.
pub fn example_json(schema: &Schema, spec: &Spec) -> String {
    let mut out = String::new();
    write(schema, spec, 0, &mut HashSet::new(), &mut out);
    out
}

fn write<'s>(
    schema: &'s Schema,
    spec: &'s Spec,
    depth: usize,
    refs: &mut HashSet<&'s str>,
    out: &mut String,
) {
    if depth > MAX_DEPTH {
        out.push_str("null");
        return;
    }
    if let Some(example) = &schema.example {
        example.write_json(out);
        return;
    }
    if let Some(name) = &schema.reference {
        // A recursive reference ends in `null` rather than looping.
        match spec.schemas.get(name) {
            Some(target) if refs.insert(name) => {
                write(target, spec, depth + 1, refs, out);
                refs.remove(name.as_str());
            }
            _ => out.push_str("null"),
        }
        return;
    }
    if let Some(value) = &schema.const_value {
        value.write_json(out);
        return;
    }
    if let Some(first) = schema.one_of.iter().chain(&schema.any_of).find(|s| !s.is_null_only()) {
        write(first, spec, depth + 1, refs, out);
        return;
    }
    if !schema.all_of.is_empty() {
        let merged = crate::spec::merge_all_of(spec, schema);
        object(&merged.properties, spec, depth, refs, out);
        return;
    }
    let kind = schema.types.iter().map(String::as_str).find(|t| *t != "null");
    match kind {
        Some("object") | None if !schema.properties.is_empty() => {
            let properties: Vec<(&str, &Schema)> =
                schema.properties.iter().map(|(k, v)| (k.as_str(), v)).collect();
            object(&properties, spec, depth, refs, out);
        }
        Some("object") => out.push_str("{}"),
        Some("array") => out.push_str("[]"),
        Some("string") => match schema
            .enum_values
            .as_ref()
            .and_then(|v| v.iter().find(|n| matches!(n.value, Value::Str(_))))
        {
            Some(first) => first.write_json(out),
            None => write_json_string(string_for(schema.format.as_deref()), out),
        },
        Some("integer") => out.push('0'),
        Some("number") => out.push_str("0.0"),
        Some("boolean") => out.push_str("false"),
        _ => match schema.enum_values.as_ref().and_then(|v| v.first()) {
            Some(first) => first.write_json(out),
            None => out.push_str("null"),
        },
    }
}

fn object<'s>(
    properties: &[(&'s str, &'s Schema)],
    spec: &'s Spec,
    depth: usize,
    refs: &mut HashSet<&'s str>,
    out: &mut String,
) {
    out.push('{');
    for (i, (name, schema)) in properties.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_json_string(name, out);
        out.push(':');
        write(schema, spec, depth + 1, refs, out);
    }
    out.push('}');
}

fn string_for(format: Option<&str>) -> &'static str {
    match format {
        Some("date-time") => "2023-12-01T05:00:00.000Z",
        Some("date") => "2023-12-01",
        Some("time") => "05:00:00",
        Some("uuid") => "00000000-0000-4000-8000-000000000000",
        Some("uri" | "url") => "https://example.com",
        Some("email") => "user@example.com",
        _ => "string",
    }
}
