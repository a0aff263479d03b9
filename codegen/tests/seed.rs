//! The seed spec through the library: the model the emitter sees, and a snapshot of the
//! whole expansion (rendered with prettyplease; reviewed by hand when it changes).

use whop_api_codegen::diag::Diagnostics;
use whop_api_codegen::ir::{self, Auth, BodySource, Ty, TypeKind};
use whop_api_codegen::{expand, spec, yaml, Options};

const SEED: &str = include_str!("../../spec/affiliates.yml");

fn seed_api() -> ir::Api {
    let root = yaml::parse(SEED).expect("seed parses");
    let mut diags = Diagnostics::default();
    let model = spec::load(&root, &mut diags);
    let api = ir::build(&model, &Options::default(), &mut diags);
    assert!(diags.is_empty(), "{:?}", diags.into_sorted());
    api
}

fn pretty(source: &str, options: &Options) -> String {
    let expansion = expand(source, "the-spec.yml", options);
    assert!(expansion.diagnostics.is_empty(), "{:?}", expansion.diagnostics);
    let file = syn::parse_file(&expansion.text.expect("items")).expect("generated code parses");
    prettyplease::unparse(&file)
}

#[test]
fn seed_expansion_snapshot() {
    insta::assert_snapshot!("seed_expansion", pretty(SEED, &Options::default()));
}

#[test]
fn expansion_is_deterministic() {
    assert_eq!(pretty(SEED, &Options::default()), pretty(SEED, &Options::default()));
}

#[test]
fn seed_types_follow_the_schema_rules() {
    let api = seed_api();
    let names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Affiliate", "Status", "CreateAffiliateParams", "AffiliateUser", "AffiliateCompany"]);

    let TypeKind::Struct(affiliate) = &api.types[0].kind else { panic!("Affiliate is a struct") };
    let field =
        |name: &str| affiliate.fields.iter().find(|f| f.rust == name).unwrap_or_else(|| panic!("{name}"));
    // required + nullable (`oneOf: [$ref, null]`) -> Option that must be present
    assert_eq!(field("status").ty, Ty::Option(Box::new(Ty::Named("Status".into()))));
    assert!(field("status").required);
    assert_eq!(field("created_at").ty, Ty::DateTime);
    assert_eq!(field("total_referrals_count").ty, Ty::I64);
    assert_eq!(field("user").ty, Ty::Named("AffiliateUser".into()));
    assert!(api.types[0].docs.text().starts_with("An affiliate tracks"));
    assert!(field("id").docs.text().contains("Example: `aff_xxxxxxxxxxxxxx`"));

    let TypeKind::StringEnum { variants, catch_all } = &api.types[1].kind else {
        panic!("Status is an enum")
    };
    let wires: Vec<&str> = variants.iter().map(|v| v.wire.as_str()).collect();
    assert_eq!(wires, ["active", "archived", "deleted"]);
    assert_eq!(catch_all, "Unknown");

    let TypeKind::Struct(user) = &api.types[3].kind else { panic!("AffiliateUser is a struct") };
    // `type: [string, 'null']`, required
    assert_eq!(user.fields[1].ty, Ty::Option(Box::new(Ty::String)));
    assert!(user.fields[1].required);
}

#[test]
fn seed_operation_becomes_affiliates_create() {
    let api = seed_api();
    assert_eq!(api.base_url.as_deref(), Some("https://api.whop.com/api/v1"));
    let [resource] = api.resources.as_slice() else { panic!("one resource") };
    assert_eq!(resource.accessor, "affiliates");
    let [op] = resource.operations.as_slice() else { panic!("one operation") };
    assert_eq!(op.method_name, "create");
    assert_eq!((op.http_method.as_str(), op.path.as_str()), ("POST", "/affiliates"));
    assert_eq!(op.auth, Auth::Bearer);
    assert_eq!(op.response, Some(Ty::Named("Affiliate".into())));
    let params = op.params.as_ref().expect("params");
    assert_eq!(params.type_name, "CreateAffiliateParams");
    assert_eq!(params.body, BodySource::WholeStruct);
    assert!(op.docs.text().contains("affiliate:create"));
}

/// Nothing is specific to the seed: another API with other names, an apiKey header, path and
/// query parameters and no `servers` gets its own names.
#[test]
fn other_names_come_from_their_spec() {
    let spec = r#"
openapi: 3.0.3
info: {title: Widgets}
paths:
  /widgets/{widget_id}:
    get:
      tags: [Widgets]
      operationId: fetchWidget
      security: [{key: []}]
      parameters:
        - {name: widget_id, in: path, required: true, schema: {type: string}}
        - {name: type, in: query, schema: {type: string, enum: [big, small], nullable: true}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Widget'}
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Api-Key}
  schemas:
    Widget:
      type: object
      required: [self]
      properties:
        self: {type: integer, format: int32}
"#;
    let code = pretty(spec, &Options::default());
    assert!(code.contains("pub fn widgets(&self) -> resources::WidgetsResource<'_>"), "{code}");
    let fetch =
        code.split("pub fn fetch(").nth(1).ok_or("no fetch method").map_err(|e| format!("{e}: {code}"));
    let signature = fetch.as_deref().unwrap_or_default().split(')').next().unwrap_or_default();
    let arguments: Vec<&str> = signature.split(',').map(str::trim).filter(|a| !a.is_empty()).collect();
    assert_eq!(arguments, ["&self", "widget_id: impl Display", "params: &FetchWidgetParams"], "{code}");
    assert!(code.contains("Auth::Header(\"X-Api-Key\")"), "{code}");
    assert!(code.contains("pub self_: i32"), "{code}");
    assert!(code.contains("pub r#type: Option<FetchWidgetType>"), "{code}");
    assert!(!code.contains("DEFAULT_BASE_URL"), "{code}");
    assert!(!code.to_lowercase().contains("affiliate"), "{code}");
}

#[test]
fn independent_problems_are_all_reported_with_places() {
    let spec = "openapi: 3.1.0\ninfo: {title: x}\npaths:\n  /a:\n    get:\n      operationId: a\n      tags: A\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Nope'}\n  /b:\n    get:\n      operationId: b\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {type: object, properties: {x: {type: strin}}}\n";
    let expansion = expand(spec, "s.yml", &Options::default());
    let rendered: Vec<String> = expansion.diagnostics.iter().map(|d| d.render("s.yml")).collect();
    assert_eq!(rendered.len(), 3, "{rendered:#?}");
    assert!(rendered[0].starts_with("s.yml:7:13: expected a sequence"), "{}", rendered[0]);
    assert!(
        rendered[1].contains("dangling `$ref`") && rendered[1].contains("(at #/paths/~1a/get/"),
        "{}",
        rendered[1]
    );
    assert!(rendered[2].contains("unknown type `strin`; did you mean `string`?"), "{}", rendered[2]);
    assert!(expansion.text.is_some(), "the readable parts are still generated");
}

#[test]
fn selection_keeps_only_what_is_asked_and_suggests_names() {
    let mut options = Options::default();
    options.selection.tags.push("Affiliate".into());
    let expansion = expand(SEED, "spec/affiliates.yml", &options);
    let messages: Vec<&str> = expansion.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(messages, ["no operation has the tag `Affiliate`; did you mean `Affiliates`?"]);
}

/// Without an operationId the name comes from the method and path, as documented.
#[test]
fn missing_operation_ids_are_derived_from_method_and_path() {
    let spec = "openapi: 3.1.0\ninfo: {title: t}\npaths:\n  /things/{id}/archive:\n    post:\n      parameters: [{name: id, in: path, required: true, schema: {type: string}}]\n      responses: {'204': {description: done}}\n";
    let code = pretty(spec, &Options::default());
    assert!(code.contains("pub fn things(&self) -> resources::ThingsResource<'_>"), "{code}");
    assert!(code.contains("pub fn post_things_by_id_archive("), "{code}");
    assert!(code.contains("\"postThingsByIdArchive\""), "{code}");
}

/// A schema named like a prelude type is renamed, so generated code's `Result` stays std's;
/// inline `oneOf` variants are named from what tells them apart.
#[test]
fn prelude_names_are_not_shadowed_and_union_variants_say_what_tells_them_apart() {
    let spec = r#"
openapi: 3.1.0
info: {title: t}
paths:
  /orders:
    post:
      operationId: createOrder
      requestBody:
        content:
          application/json:
            schema:
              oneOf:
                - {type: object, required: [mode, plan], properties: {mode: {const: payment}, plan: {type: string}}}
                - {type: object, required: [mode, plan_id], properties: {mode: {const: payment}, plan_id: {type: string}}}
                - {type: object, required: [mode], properties: {mode: {const: setup}}}
                - {title: Gift card, type: object, properties: {code: {type: string}}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Result'}
components:
  schemas:
    Result:
      type: object
      properties:
        ok: {type: boolean}
"#;
    let code = pretty(spec, &Options::default());
    assert!(code.contains("pub struct ResultValue"), "{code}");
    assert!(!code.contains("pub struct Result "), "{code}");
    assert!(code.contains("-> ::whop_api::Call<ResultValue>"), "{code}");
    for variant in ["PaymentWithPlan(", "PaymentWithPlanId(", "Setup(", "GiftCard("] {
        assert!(code.contains(variant), "{variant} missing: {code}");
    }
    assert!(code.contains("with `plan_id` (which no other form requires)"), "{code}");
    assert!(code.contains("`mode` is `\"setup\"`."), "{code}");
    assert!(code.contains("doc(alias = \"createOrder\")"), "{code}");
}
