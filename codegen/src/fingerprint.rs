//! What tells this build of the generator from any other: a hash of its own sources and
//! version. The macro's expansion cache keys on it, so an expansion written by an older
//! generator (a dependency update, or our own edits during development) is never reused.

use std::hash::{Hash, Hasher};

/// `(path under src/, contents)` of every file whose code decides what an expansion holds.
/// A test checks the list against the folder, so a new module cannot be left out.
macro_rules! sources {
    ($($file:literal),* $(,)?) => { &[$(($file, include_bytes!($file))),*] };
}

const SOURCES: &[(&str, &[u8])] = sources![
    "lib.rs",
    "diag.rs",
    "doc_comments.rs",
    "fingerprint.rs",
    "names.rs",
    "yaml.rs",
    "emit/client.rs",
    "emit/mock.rs",
    "emit/mod.rs",
    "emit/resource_docs.rs",
    "emit/text.rs",
    "emit/types/builder.rs",
    "emit/types/mod.rs",
    "emit/types/string_enum.rs",
    "emit/types/struct_serde.rs",
    "emit/webhooks.rs",
    "ir/calls.rs",
    "ir/collections.rs",
    "ir/docs.rs",
    "ir/events.rs",
    "ir/examples.rs",
    "ir/graph.rs",
    "ir/mock.rs",
    "ir/mod.rs",
    "ir/model.rs",
    "ir/operations.rs",
    "ir/pagination.rs",
    "ir/params.rs",
    "ir/responses.rs",
    "ir/shared.rs",
    "ir/types/mod.rs",
    "ir/types/shape.rs",
    "ir/types/union.rs",
    "ir/webhooks.rs",
    "spec/all_of.rs",
    "spec/load.rs",
    "spec/mod.rs",
    "spec/paths.rs",
    "spec/reader.rs",
    "spec/schema.rs",
    "spec/security.rs",
    "spec/webhooks.rs",
];

/// Feeds the generator's identity into `hasher`: its version and every source file.
pub fn hash_generator(hasher: &mut impl Hasher) {
    env!("CARGO_PKG_VERSION").hash(hasher);
    for (path, contents) in SOURCES {
        path.hash(hasher);
        contents.hash(hasher);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use std::path::Path;

    fn rust_files(root: &Path, dir: &Path, out: &mut BTreeSet<String>) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            if path.is_dir() {
                rust_files(root, &path, out)?;
            } else if path.extension().is_some_and(|e| e == "rs") {
                if let Ok(relative) = path.strip_prefix(root) {
                    out.insert(relative.to_string_lossy().replace('\\', "/"));
                }
            }
        }
        Ok(())
    }

    #[test]
    fn every_source_file_is_in_the_fingerprint() -> std::io::Result<()> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut on_disk = BTreeSet::new();
        rust_files(&root, &root, &mut on_disk)?;
        // The command-line tool does not take part in an expansion.
        on_disk.retain(|file| !file.starts_with("bin/"));
        let listed: BTreeSet<String> = SOURCES.iter().map(|(path, _)| path.to_string()).collect();
        assert_eq!(listed, on_disk, "codegen/src/fingerprint.rs must list every module");
        Ok(())
    }
}
