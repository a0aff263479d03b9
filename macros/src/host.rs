//! Who runs the macro, and so whether the expansion needs its doc comments: rustc building or
//! checking a crate reads none of them, so they are left out there (on whop-full, about
//! 11,500 doc lines and 4% of a `cargo check` after an edit). rustdoc, IDEs' macro servers
//! (rust-analyzer's, whose hovers show the docs) and any other host get them.

use std::path::Path;

/// The environment variable that keeps the doc comments in every expansion
/// (`WHOP_API_DOCS=always`): for `cargo expand`, which runs rustc.
pub const DOCS_ENV: &str = "WHOP_API_DOCS";

/// Whether this expansion carries its doc comments.
pub fn wants_docs() -> bool {
    let forced = std::env::var(DOCS_ENV).is_ok_and(|value| value == "always");
    forced || !is_rustc(std::env::current_exe().ok().as_deref())
}

/// Whether `exe`, the program the macro runs in, is rustc itself (`rustc`, `rustc.exe`).
/// Unknown is not rustc: docs are kept whenever in doubt.
fn is_rustc(exe: Option<&Path>) -> bool {
    exe.and_then(Path::file_stem).is_some_and(|stem| stem == "rustc")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_rustc_itself_goes_without_docs() {
        let toolchain = "/home/me/.rustup/toolchains/stable-x86_64-unknown-linux-gnu";
        assert!(is_rustc(Some(Path::new(&format!("{toolchain}/bin/rustc")))));
        assert!(is_rustc(Some(Path::new("rustc.exe"))));
        for other in [
            format!("{toolchain}/bin/rustdoc"),
            format!("{toolchain}/libexec/rust-analyzer-proc-macro-srv"),
            format!("{toolchain}/bin/clippy-driver"),
            "/usr/local/bin/rustc-wrapper".to_owned(),
        ] {
            assert!(!is_rustc(Some(Path::new(&other))), "{other}");
        }
        assert!(!is_rustc(None));
    }

    #[test]
    fn the_test_runner_is_not_rustc() {
        // The macro's own tests run in a test binary, not in a compiler.
        assert!(wants_docs());
    }
}
