//! Prints what `whop_api!` generates for a spec, formatted:
//! `cargo run -p whop-api-codegen --features cli -- spec/affiliates.yml [--tag T]... [--operation ID]... [--mock] [--lean-serde] [--strict] [--webhooks-only]`;
//! or, with `check` first, its problems and what it would generate, without the code.

use std::process::ExitCode;

use whop_api_codegen::{check, expand, Options};

const USAGE: &str = "usage: whop-api-codegen [check] <spec.yml> [--tag TAG]... [--operation OPERATION_ID]... [--mock] [--lean-serde] [--strict] [--webhooks-only]

  check            print the spec's problems and what it would generate, without the code
  --tag TAG        only the operations with this tag (repeatable)
  --operation ID   only this operationId (repeatable)
  --mock           with the mock module (`mock = true`)
  --lean-serde     only the serde impls the client needs (`lean_serde = true`)
  --strict         deviations from OpenAPI are errors (`strict = true`)
  --webhooks-only  only the webhook events (`webhooks_only = true`)
  -h, --help       this text";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1).peekable();
    let checking = args.next_if(|a| a == "check").is_some();
    let mut path = None;
    let mut options = Options::default();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--tag" => options.selection.tags.extend(args.next()),
            "--operation" => options.selection.operations.extend(args.next()),
            "--mock" => options.mock = true,
            "--lean-serde" => options.lean_serde = true,
            "--webhooks-only" => options.selection.webhooks_only = true,
            "--strict" => options.strict = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            flag if flag.starts_with('-') => {
                eprintln!("unknown option `{flag}`\n{USAGE}");
                return ExitCode::from(2);
            }
            _ => path = Some(arg),
        }
    }
    let Some(path) = path else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let source = match std::fs::read_to_string(&path) {
        Ok(source) => source,
        Err(error) => {
            eprintln!("{path}: {error}");
            return ExitCode::from(2);
        }
    };
    if checking {
        let summary = check(&source, &options);
        for diagnostic in &summary.diagnostics {
            eprintln!("error: {}", diagnostic.render(&path));
        }
        println!(
            "{path}: {} operations in {} resources, {} types, {} webhook events; {} problems",
            summary.operations,
            summary.resources,
            summary.types,
            summary.webhooks,
            summary.diagnostics.len()
        );
        print_collections(&summary.collections);
        return if summary.diagnostics.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE };
    }
    let expansion = expand(&source, &path, &options);
    for diagnostic in &expansion.diagnostics {
        eprintln!("error: {}", diagnostic.render(&path));
    }
    if let Some(tokens) = expansion.tokens {
        match syn::parse2::<syn::File>(tokens) {
            Ok(file) => println!("{}", prettyplease::unparse(&file)),
            Err(error) => {
                eprintln!("the generated code does not parse: {error}");
                return ExitCode::FAILURE;
            }
        }
    }
    if expansion.diagnostics.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The stateful mock's collections as a table, then what stays stateless and why.
fn print_collections(found: &whop_api_codegen::ir::Collections) {
    println!("\nstateful mock: {} collections", found.collections.len());
    println!("| collection | item type | operations |\n|---|---|---|");
    for c in &found.collections {
        let ops: Vec<String> =
            c.operations.iter().map(|(id, role)| format!("{id} ({})", role.label())).collect();
        println!("| `{}` | `{}` | {} |", c.path, c.item, ops.join(", "));
    }
    println!("\nstateless: {} operations", found.stateless.len());
    for (id, why) in &found.stateless {
        println!("- {id}: {why}");
    }
}
