//! Never panic, never hang, never emit invalid Rust: the expansion of mutated specs.
//!
//! Each case mutates the seed or the sample spec (structurally: deleted keys, values of the
//! wrong kind, dangling and cyclic `$ref`s, deep nesting, huge numbers, odd and empty names;
//! or as text: duplicate keys, random bytes, truncation), expands it, and checks that the
//! expansion (half the time with the `mock = true` module) returned within a time bound
//! without panicking and that whatever tokens it produced parse as a Rust file. Inputs are deterministic (seeded), so a failure names a
//! seed that reproduces it; failing inputs are kept in `tests/fuzz_corpus/`, which runs first.
//!
//! `cargo test -p whop-api-codegen --test fuzz` runs a short campaign; set
//! `FUZZ_ITERATIONS=20000` for a long one.

use std::sync::mpsc;
use std::time::Duration;

use whop_api_codegen::yaml::{self, Key, Node, Value};
use whop_api_codegen::{expand, Loc, Options};

const SEED: &str = include_str!("../../spec/affiliates.yml");
const SAMPLE: &str = include_str!("../../spec/whop-sample.yml");
const WEBHOOKS: &str = include_str!("../../spec/whop-webhooks-sample.yml");
const TIME_LIMIT: Duration = Duration::from_secs(20);

/// SplitMix64: small, seedable, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n.max(1) as u64)).unwrap_or(0)
    }
}

/// The outcome of one expansion, or why there was none.
fn check(source: String, with_mock: bool) -> Result<(), String> {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let outcome = std::panic::catch_unwind(|| {
            let options = Options { mock: with_mock, ..Options::default() };
            let expansion = expand(&source, "fuzz.yml", &options);
            match expansion.text {
                Some(text) => {
                    syn::parse_file(&text).map(|_| ()).map_err(|e| format!("invalid Rust emitted: {e}"))
                }
                None if expansion.diagnostics.is_empty() => Err("no tokens and no diagnostics".to_owned()),
                None => Ok(()),
            }
        });
        let _ = sender.send(outcome.unwrap_or_else(|panic| {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            Err(format!("panicked: {message}"))
        }));
    });
    receiver.recv_timeout(TIME_LIMIT).unwrap_or_else(|_| Err(format!("no result within {TIME_LIMIT:?}")))
}

fn node(value: Value) -> Node {
    Node { value, loc: Loc::new(1, 1) }
}

/// A random node of the tree, by a random walk from the root.
fn pick<'n>(root: &'n mut Node, rng: &mut Rng) -> &'n mut Node {
    let depth = rng.below(12);
    let mut current = root;
    for _ in 0..depth {
        let len = match &current.value {
            Value::Seq(items) => items.len(),
            Value::Map(entries) => entries.len(),
            _ => 0,
        };
        if len == 0 {
            break;
        }
        let i = rng.below(len);
        current = match &mut current.value {
            Value::Seq(items) => &mut items[i],
            Value::Map(entries) => &mut entries[i].1,
            _ => unreachable!("checked above"),
        };
    }
    current
}

const ODD_NAMES: &[&str] = &[
    "",
    " ",
    "type",
    "self",
    "Self",
    "ref",
    "123abc",
    "a-b.c",
    "日本語",
    "\u{202e}rtl",
    "x\u{301}",
    "🦀",
    "_",
    "r#x",
    "None",
    "String",
    "Option",
    "Vec",
    "Client",
];

fn odd_value(rng: &mut Rng) -> Value {
    match rng.below(9) {
        0 => Value::Null,
        1 => Value::Bool(rng.below(2) == 0),
        2 => Value::Int(i64::MAX),
        3 => Value::Float(1e308),
        4 => Value::Str(ODD_NAMES[rng.below(ODD_NAMES.len())].to_owned()),
        5 => Value::Seq(Vec::new()),
        6 => Value::Map(Vec::new()),
        7 => Value::Str("#/components/schemas/Nope".to_owned()),
        _ => Value::Int(-1),
    }
}

fn mutate_tree(root: &mut Node, rng: &mut Rng) {
    let schema_names: Vec<String> = match root.pointer("/components/schemas").map(|n| &n.value) {
        Some(Value::Map(entries)) => entries.iter().map(|(k, _)| k.text.clone()).collect(),
        _ => Vec::new(),
    };
    let target = pick(root, rng);
    match rng.below(9) {
        0 => {
            if let Value::Map(entries) = &mut target.value {
                if !entries.is_empty() {
                    let i = rng.below(entries.len());
                    entries.remove(i);
                }
            }
        }
        1 => target.value = odd_value(rng),
        2 => {
            target.value =
                Value::Map(vec![(key("$ref"), node(Value::Str("#/components/schemas/Missing".into())))])
        }
        3 => {
            // a cycle: the target refers to a schema that refers back through the target
            if let Some(name) = schema_names.get(rng.below(schema_names.len())) {
                target.value =
                    Value::Map(vec![(key("$ref"), node(Value::Str(format!("#/components/schemas/{name}"))))]);
            }
        }
        4 => {
            let mut nested = target.clone();
            for _ in 0..rng.below(200) {
                nested =
                    node(Value::Map(vec![(key(if rng.below(2) == 0 { "items" } else { "allOf" }), nested)]));
            }
            *target = nested;
        }
        5 => {
            if let Value::Map(entries) = &mut target.value {
                if !entries.is_empty() {
                    let i = rng.below(entries.len());
                    entries[i].0.text = ODD_NAMES[rng.below(ODD_NAMES.len())].to_owned();
                    let mut seen = std::collections::HashSet::new();
                    entries.retain(|(k, _)| seen.insert(k.text.clone()));
                }
            }
        }
        6 => {
            let keyword = [
                "oneOf",
                "anyOf",
                "allOf",
                "not",
                "enum",
                "const",
                "additionalProperties",
                "discriminator",
                "items",
                "type",
                "nullable",
                "required",
                "properties",
                "format",
            ][rng.below(14)];
            if let Value::Map(entries) = &mut target.value {
                entries.retain(|(k, _)| k.text != keyword);
                entries.push((key(keyword), node(odd_value(rng))));
            }
        }
        7 => {
            if let Value::Seq(items) = &mut target.value {
                if let Some(first) = items.first().cloned() {
                    items.push(first);
                }
            }
        }
        _ => {
            let copy = target.clone();
            if let Value::Map(entries) = &mut target.value {
                entries.push((key("x-copy"), copy));
            }
        }
    }
}

fn key(text: &str) -> Key {
    Key { text: text.to_owned(), loc: Loc::new(1, 1) }
}

fn mutate_text(text: &str, rng: &mut Rng) -> String {
    let mut bytes = text.as_bytes().to_vec();
    match rng.below(4) {
        0 => {
            // duplicate a line (often a duplicate key)
            let lines: Vec<&str> = text.lines().collect();
            let i = rng.below(lines.len());
            let mut out: Vec<&str> = lines.clone();
            out.insert(i, lines[i]);
            return out.join("\n");
        }
        1 => bytes.truncate(rng.below(bytes.len())),
        2 => {
            for _ in 0..=rng.below(8) {
                let i = rng.below(bytes.len());
                bytes[i] = u8::try_from(rng.below(256)).unwrap_or(0);
            }
        }
        _ => {
            let i = rng.below(bytes.len());
            const NOISE: &[u8] = b"{}[]:,-'\"&*!|>#\n\t ";
            let noise: Vec<u8> = (0..rng.below(16)).map(|_| NOISE[rng.below(NOISE.len())]).collect();
            bytes.splice(i..i, noise);
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn case(seed: u64, base: &Node, base_text: &str) -> String {
    let mut rng = Rng(seed);
    if rng.below(4) == 0 {
        return mutate_text(base_text, &mut rng);
    }
    let mut tree = base.clone();
    for _ in 0..=rng.below(4) {
        mutate_tree(&mut tree, &mut rng);
    }
    // JSON text is YAML, and exact for any tree.
    let mut out = String::new();
    tree.write_json(&mut out);
    out
}

#[test]
fn regression_corpus_expands_cleanly() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fuzz_corpus");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).expect("corpus folder") {
        let path = entry.expect("entry").path();
        let text = String::from_utf8_lossy(&std::fs::read(&path).expect("readable")).into_owned();
        if let Err(problem) = check(text, true) {
            panic!("{}: {problem}", path.display());
        }
        count += 1;
    }
    assert!(count > 0, "the corpus is empty");
}

#[test]
fn mutated_specs_never_panic_hang_or_emit_invalid_rust() {
    let iterations: u64 = std::env::var("FUZZ_ITERATIONS").ok().and_then(|v| v.parse().ok()).unwrap_or(400);
    let bases = [
        (SEED, yaml::parse(SEED).expect("seed")),
        (SAMPLE, yaml::parse(SAMPLE).expect("sample")),
        (WEBHOOKS, yaml::parse(WEBHOOKS).expect("webhooks sample")),
    ];
    let mut failures = Vec::new();
    for seed in 0..iterations {
        // The sample is 18x larger: one case in eight uses it.
        let (text, tree) = &bases[usize::from(seed % 8 == 7)];
        let input = case(seed, tree, text);
        // Every other case also emits the mock module.
        if let Err(problem) = check(input.clone(), seed % 2 == 0) {
            let file = format!("{}/tests/fuzz_corpus/seed-{seed}.yml", env!("CARGO_MANIFEST_DIR"));
            let _ = std::fs::write(&file, &input);
            failures.push(format!("seed {seed}: {problem} (input written to {file})"));
        }
    }
    println!("fuzz: {iterations} inputs, {} failures", failures.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
