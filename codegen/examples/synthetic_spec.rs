//! Prints the synthetic Whop-like spec the benchmarks use:
//! `cargo run -p whop-api-codegen --example synthetic_spec -- 200 [--3.0]`

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

use std::process::ExitCode;

use synthetic::{synthetic, Dialect};

fn main() -> ExitCode {
    let mut operations = 200;
    let mut dialect = Dialect::V31;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--3.0" => dialect = Dialect::V30,
            n => match n.parse() {
                Ok(n) => operations = n,
                Err(_) => {
                    eprintln!("usage: synthetic_spec [OPERATIONS] [--3.0]");
                    return ExitCode::FAILURE;
                }
            },
        }
    }
    print!("{}", synthetic(operations, dialect));
    ExitCode::SUCCESS
}
