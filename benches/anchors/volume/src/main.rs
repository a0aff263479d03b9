//! Expansion volume and time, whop_api's codegen against progenitor's, for the same spec (3.1
//! for ours, its 3.0 form for progenitor): from YAML text to what each macro hands rustc, the
//! source text for ours (docs as `///` comments), tokens for progenitor's. Leaf tokens are
//! counted after the clock stops, ours lexed from the text:
//! `cargo run --release -- synthetic.yml synthetic-3.0.yml` (scripts/bench-anchors.sh runs it).
//!
//! With a third argument, `whop_api` or `progenitor`, it expands with that generator once and
//! prints nothing else: for `valgrind --tool=callgrind`, whose instruction counts do not move
//! with the VM's load the way seconds do.

use std::time::{Duration, Instant};

use proc_macro2::{TokenStream, TokenTree};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(ours), Some(theirs)) = (args.next(), args.next()) else {
        return Err("usage: anchor-volume <spec 3.1> <spec 3.0> [whop_api|progenitor]".into());
    };
    let ours = std::fs::read_to_string(ours)?;
    let theirs = std::fs::read_to_string(theirs)?;

    let whop_api = || -> Result<String, String> {
        let expansion = whop_api_codegen::expand(&ours, "spec.yml", &whop_api_codegen::Options::default());
        expansion.text.ok_or_else(|| format!("{:?}", expansion.diagnostics))
    };
    let progenitor = || -> Result<TokenStream, String> {
        let spec: openapiv3::OpenAPI = serde_yaml::from_str(&theirs).map_err(|e| e.to_string())?;
        let mut generator = progenitor::Generator::default();
        generator.generate_tokens(&spec).map_err(|e| e.to_string())
    };

    match args.next().as_deref() {
        Some("whop_api") => return whop_api().map(drop).map_err(Into::into),
        Some("progenitor") => return progenitor().map(drop).map_err(Into::into),
        Some(other) => return Err(format!("unknown generator {other}").into()),
        None => {}
    }
    let ours_tokens = leaves(whop_api()?.parse().map_err(|e| format!("the text does not lex: {e}"))?);
    let their_tokens = leaves(progenitor()?);
    let ours_time = measure(whop_api)?;
    let their_time = measure(progenitor)?;
    println!("| generator | leaf tokens | ratio | expansion (median of 5) | ratio |");
    println!("|---|---:|---:|---:|---:|");
    for (name, tokens, time) in [("progenitor 0.15.1", their_tokens, their_time), ("whop_api!", ours_tokens, ours_time)] {
        println!(
            "| {name} | {tokens} | {:.2} | {:.1} ms | {:.2} |",
            tokens as f64 / their_tokens as f64,
            time.as_secs_f64() * 1e3,
            time.as_secs_f64() / their_time.as_secs_f64()
        );
    }
    Ok(())
}

/// The median time of five expansions.
fn measure<T>(expand: impl Fn() -> Result<T, String>) -> Result<Duration, String> {
    let mut times: Vec<Duration> = (0..5)
        .map(|_| {
            let start = Instant::now();
            let _ = expand();
            start.elapsed()
        })
        .collect();
    times.sort();
    Ok(times[2])
}

fn leaves(stream: TokenStream) -> usize {
    stream
        .into_iter()
        .map(|tree| match tree {
            TokenTree::Group(group) => leaves(group.stream()),
            _ => 1,
        })
        .sum()
}
