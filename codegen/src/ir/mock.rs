//! What the generated mock needs to serve an operation: its default answer and how its
//! query and header text becomes JSON. Built only with `mock = true`.

use crate::ir::{examples, MockKind, MockRoute};
use crate::spec::{Operation, ParamLocation, Spec};

pub(crate) fn route(spec: &Spec, op: &Operation) -> MockRoute {
    let success = op.responses.iter().find(|r| r.is_success());
    let kinds = |location: ParamLocation| {
        op.parameters
            .iter()
            .filter(|p| p.location == location)
            .map(|p| (p.name.clone(), p.schema.as_ref().map_or(MockKind::Text, mock_kind)))
            .collect()
    };
    MockRoute {
        status: success.and_then(crate::spec::Response::code).unwrap_or(200),
        body: success
            .and_then(|r| r.schema.as_ref())
            .map(|s| examples::example_json(s, spec))
            .unwrap_or_default(),
        query: kinds(ParamLocation::Query),
        headers: kinds(ParamLocation::Header),
    }
}

fn mock_kind(schema: &crate::spec::Schema) -> MockKind {
    let alternatives = schema.one_of.iter().chain(&schema.any_of).filter(|s| !s.is_null_only());
    let types: Vec<&str> = schema
        .types
        .iter()
        .map(String::as_str)
        .chain(alternatives.flat_map(|s| s.types.iter().map(String::as_str)))
        .filter(|t| *t != "null")
        .collect();
    match types.first().copied() {
        Some("integer") => MockKind::Integer,
        Some("number") => MockKind::Number,
        Some("boolean") => MockKind::Boolean,
        Some("array") => MockKind::List,
        _ => MockKind::Text,
    }
}
