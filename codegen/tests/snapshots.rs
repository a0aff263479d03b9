//! Snapshots of whole expansions beyond the seed's (rendered with prettyplease, reviewed by
//! hand when they change): the 28-operation sample (pagination, sub-resources, three-state
//! setters), the shapes fixture (unions, maps, recursion), the seed's mock module, the
//! webhook events and every body kind; and determinism on the sample with its mock.

use whop_api_codegen::{expand, Options, Selection};

fn pretty(source: &str, options: &Options) -> String {
    let expansion = expand(source, "the-spec.yml", options);
    assert!(expansion.diagnostics.is_empty(), "{:?}", expansion.diagnostics);
    let file = syn::parse_file(&expansion.text.expect("items")).expect("generated code parses");
    prettyplease::unparse(&file)
}

const SAMPLE: &str = include_str!("../../spec/whop-sample.yml");
const SHAPES: &str = include_str!("../../tests/specs/shapes.yml");
const SEED: &str = include_str!("../../spec/affiliates.yml");
const WEBHOOKS: &str = include_str!("../../spec/whop-webhooks-sample.yml");
const BODIES: &str = include_str!("../../tests/specs/bodies.yml");

fn with_mock() -> Options {
    Options { mock: true, ..Options::default() }
}

#[test]
fn sample_expansion() {
    insta::assert_snapshot!("sample_expansion", pretty(SAMPLE, &Options::default()));
}

#[test]
fn shapes_expansion() {
    insta::assert_snapshot!("shapes_expansion", pretty(SHAPES, &Options::default()));
}

#[test]
fn seed_mock_expansion() {
    insta::assert_snapshot!("seed_mock_expansion", pretty(SEED, &with_mock()));
}

#[test]
fn webhook_events_expansion() {
    let only = Options {
        selection: Selection { webhooks_only: true, ..Selection::default() },
        ..Options::default()
    };
    insta::assert_snapshot!("webhook_events_expansion", pretty(WEBHOOKS, &only));
}

#[test]
fn body_kinds_expansion() {
    insta::assert_snapshot!("body_kinds_expansion", pretty(BODIES, &with_mock()));
}

#[test]
fn the_sample_expands_the_same_every_time() {
    let first = pretty(SAMPLE, &with_mock());
    for _ in 0..3 {
        assert!(pretty(SAMPLE, &with_mock()) == first, "two expansions of the sample differ");
    }
}
