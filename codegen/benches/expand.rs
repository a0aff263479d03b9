//! Expansion cost: the seed, the 28-operation sample, whop-full (223 operations) and synthetic
//! specs of 50 to 400 operations (to show growth is linear); the sample and whop-full also
//! split into their stages.
//!
//! `cargo bench -p whop-api-codegen --bench expand`

// The bench writes 3.1 only; the 3.0 dialect is for the `synthetic_spec` example.
#[allow(dead_code)]
#[path = "support/synthetic.rs"]
mod synthetic;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use synthetic::{synthetic, Dialect};
use whop_api_codegen::diag::Diagnostics;
use whop_api_codegen::{emit, expand, ir, spec, yaml, Options};

const SEED: &str = include_str!("../../spec/affiliates.yml");
const SAMPLE: &str = include_str!("../../spec/whop-sample.yml");
const FULL: &str = include_str!("../../spec/whop-full.yml");

fn full(source: &str) -> usize {
    let expansion = expand(source, "bench.yml", &Options::default());
    assert!(expansion.diagnostics.is_empty(), "{:?}", expansion.diagnostics);
    expansion.text.map_or(0, |text| text.len())
}

fn bench_specs(c: &mut Criterion) {
    let mut group = c.benchmark_group("expand");
    group.bench_function("seed (1 op)", |b| b.iter(|| full(black_box(SEED))));
    group.bench_function("sample (28 ops)", |b| b.iter(|| full(black_box(SAMPLE))));
    group.bench_function("whop-full (223 ops)", |b| b.iter(|| full(black_box(FULL))));
    for operations in [50, 100, 200, 400] {
        let source = synthetic(operations, Dialect::V31);
        group.throughput(Throughput::Elements(operations as u64));
        group.bench_with_input(BenchmarkId::new("synthetic", operations), &source, |b, s| {
            b.iter(|| full(black_box(s)))
        });
    }
    group.finish();
}

fn bench_stages(c: &mut Criterion) {
    for (name, source) in [("sample", SAMPLE), ("whop-full", FULL)] {
        let mut group = c.benchmark_group(format!("stages ({name})"));
        let root = yaml::parse(source).expect("parses");
        let model = spec::load(&root, &mut Diagnostics::default());
        let api = ir::build(&model, &Options::default(), &mut Diagnostics::default());
        group.bench_function("1 yaml parse", |b| b.iter(|| yaml::parse(black_box(source))));
        group.bench_function("2 load model", |b| {
            b.iter(|| spec::load(black_box(&root), &mut Diagnostics::default()))
        });
        group.bench_function("3 resolve ir", |b| {
            b.iter(|| ir::build(black_box(&model), &Options::default(), &mut Diagnostics::default()))
        });
        group.bench_function("4 emit source", |b| b.iter(|| emit::emit(black_box(&api), "bench.yml", None)));
        group.finish();
    }
}

criterion_group!(benches, bench_specs, bench_stages);
criterion_main!(benches);
