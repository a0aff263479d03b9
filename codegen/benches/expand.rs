//! Expansion cost: the seed, the 28-operation sample, and synthetic specs of 50 to 400
//! operations (to show growth is linear), each also split into its stages.
//!
//! `cargo bench -p whop-api-codegen --bench expand`

use std::fmt::Write;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use whop_api_codegen::diag::Diagnostics;
use whop_api_codegen::{emit, expand, ir, spec, yaml, Options};

const SEED: &str = include_str!("../../spec/affiliates.yml");
const SAMPLE: &str = include_str!("../../spec/whop-sample.yml");

/// A spec with `operations` operations in groups of five per resource (list with
/// pagination, create, retrieve, update, delete), each resource with a nested object,
/// nullable fields, an enum and a date-time: the shapes of the real Whop API.
fn synthetic(operations: usize) -> String {
    let resources = operations.div_ceil(5);
    let mut out = String::from("openapi: 3.1.0\ninfo:\n  title: Synthetic\n  version: 1.0.0\nservers:\n  - url: https://api.invalid/v1\nsecurity:\n  - bearer: []\npaths:\n");
    for r in 0..resources {
        let _ = write!(
            out,
            "  /things{r}:
    get:
      tags: [Things{r}]
      operationId: listThing{r}
      parameters:
        - {{name: company_id, in: query, required: true, schema: {{type: string}}}}
        - {{name: after, in: query, schema: {{type: [string, 'null']}}}}
        - {{name: first, in: query, schema: {{type: [integer, 'null']}}}}
        - {{name: status, in: query, schema: {{oneOf: [{{$ref: '#/components/schemas/Status{r}'}}, {{type: 'null'}}]}}}}
      responses:
        '200':
          description: A page
          content:
            application/json:
              schema:
                type: object
                required: [data, page_info]
                properties:
                  data: {{type: array, items: {{$ref: '#/components/schemas/Thing{r}'}}}}
                  page_info: {{$ref: '#/components/schemas/PageInfo'}}
    post:
      tags: [Things{r}]
      operationId: createThing{r}
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [company_id, title]
              properties:
                company_id: {{type: string, description: The company.}}
                title: {{type: string}}
                note: {{type: [string, 'null']}}
                metadata: {{type: [object, 'null'], additionalProperties: {{}}}}
      responses:
        '200': {{description: ok, content: {{application/json: {{schema: {{$ref: '#/components/schemas/Thing{r}'}}}}}}}}
  /things{r}/{{id}}:
    get:
      tags: [Things{r}]
      operationId: retrieveThing{r}
      parameters: [{{name: id, in: path, required: true, schema: {{type: string}}}}]
      responses:
        '200': {{description: ok, content: {{application/json: {{schema: {{$ref: '#/components/schemas/Thing{r}'}}}}}}}}
    patch:
      tags: [Things{r}]
      operationId: updateThing{r}
      parameters: [{{name: id, in: path, required: true, schema: {{type: string}}}}]
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                title: {{type: [string, 'null']}}
                status: {{oneOf: [{{$ref: '#/components/schemas/Status{r}'}}, {{type: 'null'}}]}}
      responses:
        '200': {{description: ok, content: {{application/json: {{schema: {{$ref: '#/components/schemas/Thing{r}'}}}}}}}}
    delete:
      tags: [Things{r}]
      operationId: deleteThing{r}
      parameters: [{{name: id, in: path, required: true, schema: {{type: string}}}}]
      responses:
        '200': {{description: ok, content: {{application/json: {{schema: {{type: boolean}}}}}}}}
"
        );
    }
    out.push_str("components:\n  securitySchemes:\n    bearer: {type: http, scheme: bearer}\n  schemas:\n    PageInfo:\n      type: object\n      required: [end_cursor, has_next_page]\n      properties:\n        end_cursor: {type: [string, 'null']}\n        has_next_page: {type: boolean}\n");
    for r in 0..resources {
        let _ = write!(
            out,
            "    Status{r}: {{type: string, enum: [active, archived, deleted]}}
    Thing{r}:
      type: object
      description: A thing.
      required: [id, title, status, created_at, owner, tags]
      properties:
        id: {{type: string, example: thing_xxxx}}
        title: {{type: string}}
        status: {{oneOf: [{{$ref: '#/components/schemas/Status{r}'}}, {{type: 'null'}}]}}
        created_at: {{type: string, format: date-time}}
        count: {{type: integer}}
        owner:
          type: object
          required: [id, name]
          properties:
            id: {{type: string}}
            name: {{type: [string, 'null']}}
        tags: {{type: array, items: {{type: string}}}}
"
        );
    }
    out
}

fn full(source: &str) -> usize {
    let expansion = expand(source, "bench.yml", &Options::default());
    assert!(expansion.diagnostics.is_empty(), "{:?}", expansion.diagnostics);
    expansion.tokens.map_or(0, |t| t.into_iter().count())
}

fn bench_specs(c: &mut Criterion) {
    let mut group = c.benchmark_group("expand");
    group.bench_function("seed (1 op)", |b| b.iter(|| full(black_box(SEED))));
    group.bench_function("sample (28 ops)", |b| b.iter(|| full(black_box(SAMPLE))));
    for operations in [50, 100, 200, 400] {
        let source = synthetic(operations);
        group.throughput(Throughput::Elements(operations as u64));
        group.bench_with_input(BenchmarkId::new("synthetic", operations), &source, |b, s| {
            b.iter(|| full(black_box(s)))
        });
    }
    group.finish();
}

fn bench_stages(c: &mut Criterion) {
    let mut group = c.benchmark_group("stages (sample)");
    let root = yaml::parse(SAMPLE).expect("parses");
    let model = spec::load(&root, &mut Diagnostics::default());
    let api = ir::build(&model, &Options::default(), &mut Diagnostics::default());
    group.bench_function("1 yaml parse", |b| b.iter(|| yaml::parse(black_box(SAMPLE))));
    group.bench_function("2 load model", |b| {
        b.iter(|| spec::load(black_box(&root), &mut Diagnostics::default()))
    });
    group.bench_function("3 resolve ir", |b| {
        b.iter(|| ir::build(black_box(&model), &Options::default(), &mut Diagnostics::default()))
    });
    group.bench_function("4 emit tokens", |b| b.iter(|| emit::emit(black_box(&api), "bench.yml", false)));
    group.finish();
}

criterion_group!(benches, bench_specs, bench_stages);
criterion_main!(benches);
