//! Specs as publishers ship them: each accepted deviation has the meaning the README gives it,
//! and `strict = true` turns it back into a located error.

use whop_api_codegen::ir::{self, Field, Ty, TypeKind};
use whop_api_codegen::{expand, spec, yaml, Diagnostic, Options};

fn api(source: &str) -> Result<ir::Api, Vec<Diagnostic>> {
    let root = yaml::parse(source).map_err(|e| vec![e])?;
    let mut diags = whop_api_codegen::diag::Diagnostics::default();
    let model = spec::load(&root, &mut diags);
    let api = ir::build(&model, &Options::default(), &mut diags);
    if diags.is_empty() {
        Ok(api)
    } else {
        Err(diags.into_sorted())
    }
}

/// A spec with no operations and these component schemas (YAML indented four spaces).
fn with_schemas(schemas: &str) -> String {
    format!(
        "openapi: 3.1.0\ninfo: {{title: t}}\npaths: {{}}\ncomponents:\n  schemas:\n{}",
        schemas.trim_start_matches('\n')
    )
}

fn strict_messages(source: &str) -> Vec<String> {
    let options = Options { strict: true, ..Options::default() };
    expand(source, "spec.yml", &options).diagnostics.iter().map(|d| d.render("spec.yml")).collect()
}

fn fields<'a>(api: &'a ir::Api, type_name: &str) -> &'a [Field] {
    match api.types.iter().find(|t| t.name == type_name).map(|t| &t.kind) {
        Some(TypeKind::Struct(s)) => &s.fields,
        other => panic!("{type_name} is not a struct: {other:?}"),
    }
}

const UNDECLARED: &str = "
openapi: 3.1.0
info: {title: t}
paths:
  /companies/{company_id}/members/{member_id}:
    get:
      operationId: getMember
      responses:
        '200': {content: {application/json: {schema: {type: string}}}}
";

#[test]
fn undeclared_path_variables_are_string_arguments_said_in_the_docs() -> Result<(), Vec<Diagnostic>> {
    let api = api(UNDECLARED)?;
    let all = api
        .resources
        .iter()
        .flat_map(|r| r.operations.iter().chain(r.children.iter().flat_map(|c| &c.operations)));
    let op = all.into_iter().find(|op| op.operation_id == "getMember").expect("getMember is generated");
    let names: Vec<&str> = op.path_params.iter().map(|p| p.wire.as_str()).collect();
    assert_eq!(names, ["company_id", "member_id"]);
    assert!(
        op.docs.text().contains("does not declare the path parameters `company_id`, `member_id`"),
        "{}",
        op.docs.text()
    );
    let messages = strict_messages(UNDECLARED);
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(
        messages[0].contains(
            "path parameter `company_id` of `/companies/{company_id}/members/{member_id}` is not declared"
        ),
        "{messages:?}"
    );
    assert!(
        messages[0].contains("(at #/paths/~1companies~1{company_id}~1members~1{member_id}/get)"),
        "{messages:?}"
    );
    Ok(())
}

#[test]
fn a_required_name_without_a_property_is_ignored_unless_strict() -> Result<(), Vec<Diagnostic>> {
    let source = &with_schemas(
        "    Payment:
      type: object
      required: [id, refunded_amount]
      properties:
        id: {type: string}
",
    );
    let api = api(source)?;
    let payment = fields(&api, "Payment");
    assert_eq!(payment.len(), 1);
    assert!(payment[0].required);
    let messages = strict_messages(source);
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(
        messages[0].contains("`refunded_amount` is required but not among the properties"),
        "{messages:?}"
    );
    assert!(messages[0].contains("(at #/components/schemas/Payment/required)"), "{messages:?}");
    Ok(())
}

#[test]
fn an_empty_components_is_no_components_unless_strict() -> Result<(), Vec<Diagnostic>> {
    let source = "openapi: 3.1.0\ninfo: {title: t}\npaths: {}\ncomponents:\n";
    assert!(api(source)?.types.is_empty());
    let messages = strict_messages(source);
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(messages[0].contains("`components` is empty"), "{messages:?}");
    Ok(())
}

#[test]
fn enums_take_the_type_their_values_share() -> Result<(), Vec<Diagnostic>> {
    let source = &with_schemas(
        "    Thing:
      type: object
      properties:
        period: {type: integer, enum: [7, 30, 365]}
        flag: {enum: [true, false]}
        state: {enum: [draft, open]}
        reference: {enum: [1, two, null]}
",
    );
    let api = api(source)?;
    let types: Vec<(&str, &Ty)> = fields(&api, "Thing").iter().map(|f| (f.wire.as_str(), &f.ty)).collect();
    assert_eq!(types[0], ("period", &Ty::I64));
    assert_eq!(types[1], ("flag", &Ty::Bool));
    assert_eq!(types[2], ("state", &Ty::Named("ThingState".into())));
    assert_eq!(types[3], ("reference", &Ty::Json));
    Ok(())
}

#[test]
fn a_relative_server_url_gives_no_default_base_url() -> Result<(), Vec<Diagnostic>> {
    let relative = api("openapi: 3.1.0\ninfo: {title: t}\nservers: [{url: /api/v1}]\npaths: {}\n")?;
    assert_eq!(relative.base_url, None);
    let both = api(
        "openapi: 3.1.0\ninfo: {title: t}\nservers: [{url: /v1}, {url: 'https://a.example/v1'}]\npaths: {}\n",
    )?;
    assert_eq!(both.base_url.as_deref(), Some("https://a.example/v1"));
    Ok(())
}

/// The `allOf` defect: a property restated beside `allOf` was a second field with the same
/// JSON name, so decoding failed with "missing field".
#[test]
fn a_property_restated_beside_all_of_is_one_field() -> Result<(), Vec<Diagnostic>> {
    let source = &with_schemas(
        "    Base:
      type: object
      required: [id]
      properties:
        id: {type: string}
        kind: {type: string}
    Thing:
      allOf:
        - $ref: '#/components/schemas/Base'
      properties:
        id: {type: string, description: Restated.}
        name: {type: string}
      required: [id, name]
",
    );
    let api = api(source)?;
    let wires: Vec<&str> = fields(&api, "Thing").iter().map(|f| f.wire.as_str()).collect();
    assert_eq!(wires, ["id", "kind", "name"]);
    let id = &fields(&api, "Thing")[0];
    assert!(id.required);
    assert!(id.docs.text().contains("Restated."), "the restated schema wins");
    Ok(())
}
