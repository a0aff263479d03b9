//! Expands a spec once and prints the number of leaf tokens: a target for profilers
//! (`valgrind --tool=callgrind target/release/examples/expand_once spec.yml`), which count
//! the generator's own work without the CLI's formatting.

use proc_macro2::{TokenStream, TokenTree};
use whop_api_codegen::{expand, Options};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: expand_once <spec.yml>")?;
    let source = std::fs::read_to_string(&path)?;
    let expansion = expand(&source, &path, &Options::default());
    let tokens = expansion.tokens.ok_or_else(|| format!("{:?}", expansion.diagnostics))?;
    println!("{} leaf tokens", leaves(tokens));
    Ok(())
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
