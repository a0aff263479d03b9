//! The `webhooks` map to the events model: which value picks each variant, which payload fields
//! the accessors read, selection, naming, and the errors for events that cannot have a type.

use whop_api_codegen::ir::{self, FieldRef, Ty};
use whop_api_codegen::{expand, spec, yaml, Options, Selection};

fn build(source: &str, options: &Options) -> (ir::Api, Vec<String>) {
    let root = yaml::parse(source).expect("YAML");
    let mut diags = whop_api_codegen::diag::Diagnostics::default();
    let model = spec::load(&root, &mut diags);
    let api = ir::build(&model, options, &mut diags);
    (api, diags.into_sorted().iter().map(|d| d.render("spec.yml")).collect())
}

const EVENTS: &str = r"
openapi: 3.1.0
info: {title: t}
paths:
  /things:
    get:
      tags: [Things]
      operationId: listThings
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: string}}}}
webhooks:
  thing.created:
    post:
      tags: [Events]
      operationId: thingCreated
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/ThingCreated'}
  thing.renamed:
    post:
      operationId: thingRenamed
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [type, id]
              properties:
                type: {type: string, enum: [thing.name_changed]}
                id: {type: string}
                timestamp: {type: [string, 'null'], format: date-time}
  thing.deleted:
    $ref: '#/components/pathItems/Deleted'
components:
  pathItems:
    Deleted:
      post:
        requestBody:
          content:
            application/json:
              schema: {type: object, properties: {id: {type: integer}}}
  schemas:
    Event: {type: string, enum: [thing.created, thing.renamed]}
    ThingCreated:
      type: object
      required: [type, timestamp]
      properties:
        type: {type: string, const: thing.created}
        timestamp: {type: string, format: date-time}
";

#[test]
fn each_event_is_picked_by_its_type_value_and_reads_its_id_and_timestamp() {
    let (api, errors) = build(EVENTS, &Options::default());
    assert!(errors.is_empty(), "{errors:?}");
    let events = api.events.expect("events");
    // The spec's own `Event` schema keeps its name; the enum takes the next one.
    assert_eq!(events.enum_name, "WebhookEvent");
    let rows: Vec<(&str, &str, &Ty)> =
        events.events.iter().map(|e| (e.variant.as_str(), e.tag.as_str(), &e.payload)).collect();
    assert_eq!(
        rows,
        [
            ("ThingCreated", "thing.created", &Ty::Named("ThingCreated".into())),
            // A one-value `enum` on `type` wins over the entry's key; inline payloads are named.
            ("ThingRenamed", "thing.name_changed", &Ty::Named("ThingRenamedEvent".into())),
            // No `type` property: the key is the value; a `$ref`'d path item is followed.
            ("ThingDeleted", "thing.deleted", &Ty::Named("ThingDeletedEvent".into())),
        ]
    );
    let access =
        |field: &str, optional: bool| Some(FieldRef { rust: field.into(), wire: field.into(), optional });
    assert_eq!((&events.events[0].id, &events.events[0].timestamp), (&None, &access("timestamp", false)));
    assert_eq!(
        (&events.events[1].id, &events.events[1].timestamp),
        (&access("id", false), &access("timestamp", true))
    );
    // An integer `id` is not the event id the accessor returns.
    assert_eq!(events.events[2].id, None);
    // Payloads are received and built (tests sign them), so they get both serde impls.
    let payload = api.types.iter().find(|t| t.name == "ThingRenamedEvent").expect("payload type");
    assert!(payload.usage.sent && payload.usage.received);
}

#[test]
fn selection_keeps_webhooks_like_operations_and_webhooks_only_drops_the_calls() {
    let by_tag = Options {
        selection: Selection { tags: vec!["Things".into()], ..Selection::default() },
        ..Options::default()
    };
    let (api, errors) = build(EVENTS, &by_tag);
    assert!(errors.is_empty(), "{errors:?}");
    assert!(api.events.is_none(), "no webhook has the tag");
    assert_eq!(api.resources.len(), 1);

    let selection = Selection {
        tags: vec!["Events".into()],
        operations: vec!["thingRenamed".into()],
        ..Selection::default()
    };
    let events_tag = Options { selection, ..Options::default() };
    let (api, errors) = build(EVENTS, &events_tag);
    assert!(errors.is_empty(), "a webhook's tag and operationId are known selections: {errors:?}");
    let variants: Vec<String> = api.events.expect("events").events.into_iter().map(|e| e.variant).collect();
    assert_eq!(variants, ["ThingCreated", "ThingRenamed"]);
    assert!(api.resources.is_empty());

    let only = Options {
        selection: Selection { webhooks_only: true, ..Selection::default() },
        ..Options::default()
    };
    let (api, errors) = build(EVENTS, &only);
    assert!(errors.is_empty(), "{errors:?}");
    assert!(api.resources.is_empty());
    assert_eq!(api.events.expect("events").events.len(), 3);
    assert!(!api.types.iter().any(|t| t.name == "ListThingsParams"));
}

#[test]
fn events_that_cannot_be_told_apart_or_typed_are_located_errors() {
    let source = r"
openapi: 3.1.0
info: {title: t}
webhooks:
  a.created:
    post:
      requestBody:
        content: {application/json: {schema: {type: object, properties: {type: {const: same}}}}}
  b.created:
    post:
      requestBody:
        content: {application/json: {schema: {type: object, properties: {type: {const: same}}}}}
  c.created:
    post:
      requestBody:
        content: {application/json: {}}
";
    let messages: Vec<String> = expand(source, "spec.yml", &Options::default())
        .diagnostics
        .iter()
        .map(|d| d.render("spec.yml"))
        .collect();
    assert_eq!(messages.len(), 2, "{messages:#?}");
    assert!(
        messages[0].starts_with(
            "spec.yml:11:7: webhook events `a.created` and `b.created` both have the type `same`"
        ),
        "{}",
        messages[0]
    );
    assert!(messages[0].ends_with("(at #/webhooks/b.created/post)"), "{}", messages[0]);
    assert!(
        messages[1].contains("webhook `c.created` has no JSON `schema` in its `requestBody`"),
        "{}",
        messages[1]
    );
}

#[test]
fn a_document_with_only_webhooks_needs_no_paths() {
    let source = "openapi: 3.1.0\ninfo: {title: t}\nwebhooks:\n  x.done:\n    post:\n      requestBody:\n        content: {application/json: {schema: {type: object}}}\n";
    let (api, errors) = build(source, &Options::default());
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(api.events.map(|e| e.events.len()), Some(1));
    let (_, errors) = build("openapi: 3.1.0\ninfo: {title: t}\n", &Options::default());
    assert_eq!(errors.len(), 1, "without paths or webhooks the document is still an error");
}

#[test]
fn check_counts_what_a_spec_would_generate() {
    let summary =
        whop_api_codegen::check(include_str!("../../spec/whop-webhooks-sample.yml"), &Options::default());
    assert!(summary.diagnostics.is_empty(), "{:?}", summary.diagnostics);
    assert_eq!((summary.operations, summary.resources, summary.webhooks), (5, 1, 6));
    let only = Options {
        selection: Selection { webhooks_only: true, ..Selection::default() },
        ..Options::default()
    };
    let receiver = whop_api_codegen::check(include_str!("../../spec/whop-webhooks-sample.yml"), &only);
    assert_eq!((receiver.operations, receiver.webhooks), (0, 6));
    assert!(receiver.types < summary.types, "{} < {}", receiver.types, summary.types);
    let broken = whop_api_codegen::check("openapi: 3.1.0\npaths: {a: 1}\n", &Options::default());
    assert_eq!(broken.diagnostics.len(), 2, "{:?}", broken.diagnostics);
}
