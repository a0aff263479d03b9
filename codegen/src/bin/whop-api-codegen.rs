//! Prints what `whop_api!` generates for a spec, formatted:
//! `cargo run -p whop-api-codegen --features cli -- spec/affiliates.yml [--tag T]... [--operation ID]... [--mock] [--lean-serde] [--strict] [--webhooks-only]`;
//! or, with `check` first, its problems and what it would generate, without the code.

use std::fmt::Write as _;
use std::io::Write as _;
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
            "-h" | "--help" => return emit(&format!("{USAGE}\n"), ExitCode::SUCCESS),
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
        let mut text = format!(
            "{path}: {} operations in {} resources, {} types, {} webhook events; {} problems\n",
            summary.operations,
            summary.resources,
            summary.types,
            summary.webhooks,
            summary.diagnostics.len()
        );
        write_collections(&mut text, &summary.collections);
        let status = if summary.diagnostics.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE };
        return emit(&text, status);
    }
    let expansion = expand(&source, &path, &options);
    for diagnostic in &expansion.diagnostics {
        eprintln!("error: {}", diagnostic.render(&path));
    }
    let status = if expansion.diagnostics.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE };
    match expansion.text.as_deref().map(syn::parse_file) {
        Some(Ok(file)) => emit(&format!("{}\n", prettyplease::unparse(&file)), status),
        Some(Err(error)) => {
            eprintln!("the generated code does not parse: {error}");
            ExitCode::FAILURE
        }
        None => status,
    }
}

/// Writes `text` to stdout. A reader that stops early (`| head`) is not an error.
fn emit(text: &str, status: ExitCode) -> ExitCode {
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => status,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => status,
        Err(error) => {
            eprintln!("cannot write the output: {error}");
            ExitCode::FAILURE
        }
    }
}

/// The stateful mock's collections as a table, then what stays stateless and why.
fn write_collections(text: &mut String, found: &whop_api_codegen::ir::Collections) {
    // Writing to a String cannot fail.
    let _ = writeln!(text, "\nstateful mock: {} collections", found.collections.len());
    text.push_str("| collection | item type | operations |\n|---|---|---|\n");
    for c in &found.collections {
        let ops: Vec<String> =
            c.operations.iter().map(|(id, role)| format!("{id} ({})", role.label())).collect();
        let _ = writeln!(text, "| `{}` | `{}` | {} |", c.path, c.item, ops.join(", "));
    }
    let _ = writeln!(text, "\nstateless: {} operations", found.stateless.len());
    for (id, why) in &found.stateless {
        let _ = writeln!(text, "- {id}: {why}");
    }
}
