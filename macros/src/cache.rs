//! A cache of successful expansions, so that editing a crate which invokes `whop_api!` does not
//! run the generator again when neither the spec, the arguments nor the generator changed.
//!
//! Why: rustc runs a proc macro on every build of the invoking crate, and in a user's debug
//! profile the macro is unoptimised. On today's whole API that was most of an edit's rebuild
//! (BENCHMARKS.md). A hit instead hands rustc the stored text to parse, one call.
//!
//! Where: `target/whop-api-expansions/` (the nearest `target/` above the invoking crate that
//! cargo builds in, or `$CARGO_TARGET_DIR`), or the folder named by `WHOP_API_EXPANSION_CACHE`;
//! `WHOP_API_EXPANSION_CACHE=off` turns it off. One file per call site, rewritten when its key
//! changes. Any failure to read or write is a miss, never an error: the cache only saves time.
//!
//! An entry holds the spec text it was made from, after the expansion, and a hit compares it
//! byte for byte with the spec read now: in the unoptimised macro, comparing is a `memcmp`
//! where hashing the 2.7 MB of whop-full took about 7 ms of every rebuild.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

/// The environment variable that moves the cache (a folder) or turns it off (`off`).
pub const CACHE_ENV: &str = "WHOP_API_EXPANSION_CACHE";

/// This crate's own sources, which shape an expansion too (argument parsing, what is added
/// around the generated items).
const MACRO_SOURCES: &[&[u8]] = &[
    include_bytes!("lib.rs"),
    include_bytes!("args.rs"),
    include_bytes!("cache.rs"),
    include_bytes!("host.rs"),
];

/// Between an entry's expansion and the spec text it was made from.
const SPEC_MARKER: &str = "\n// whop_api! made from this spec:\n";

/// One call site's cache entry.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    file: PathBuf,
    key: String,
    spec: &'a str,
}

impl<'a> Entry<'a> {
    /// The entry for a call with these arguments (the macro's input as text) on this spec,
    /// in `folder`, with its doc comments or without (`docs`): rustc's expansion and
    /// rustdoc's of one call site are kept apart, so building and documenting in turn never
    /// run the generator again.
    pub fn new(folder: &Path, arguments: &str, docs: bool, spec_path: &Path, spec: &'a str) -> Entry<'a> {
        let mut site = DefaultHasher::new();
        arguments.hash(&mut site);
        docs.hash(&mut site);
        spec_path.hash(&mut site);
        std::env::var("CARGO_PKG_NAME").ok().hash(&mut site);
        std::env::var("CARGO_CRATE_NAME").ok().hash(&mut site);
        let site = site.finish();

        // The spec is not hashed: `load` compares it whole.
        let mut key = DefaultHasher::new();
        site.hash(&mut key);
        whop_api_codegen::fingerprint::hash_generator(&mut key);
        MACRO_SOURCES.hash(&mut key);
        let key = header(key.finish(), spec.len(), arguments, docs);
        Entry { file: folder.join(format!("{site:016x}.rs")), key, spec }
    }

    /// The stored expansion, when there is one for exactly this key and spec text. The key
    /// holds the spec's length, so the stored spec is the file's last that many bytes.
    pub fn load(&self) -> Option<String> {
        let text = std::fs::read_to_string(&self.file).ok()?;
        let rest = text.strip_prefix(&self.key)?.strip_suffix(self.spec)?;
        rest.strip_suffix(SPEC_MARKER).map(str::to_owned)
    }

    /// Stores `expansion`, replacing what the call site had. Written whole to a temporary
    /// file first and renamed, so a concurrent build never reads half of it.
    pub fn store(&self, expansion: &str) {
        let Some(folder) = self.file.parent() else { return };
        if std::fs::create_dir_all(folder).is_err() {
            return;
        }
        let temporary = self.file.with_extension(format!("{}.tmp", std::process::id()));
        let written = std::fs::write(&temporary, [&self.key, expansion, SPEC_MARKER, self.spec].concat());
        if written.is_err() || std::fs::rename(&temporary, &self.file).is_err() {
            let _ = std::fs::remove_file(&temporary);
        }
    }

    /// The entry's file.
    #[cfg(test)]
    pub fn file(&self) -> &Path {
        &self.file
    }
}

/// The first lines of an entry: its key and its spec's length, and the call for a reader who
/// opens the file.
fn header(key: u64, spec_len: usize, arguments: &str, docs: bool) -> String {
    let call = arguments.replace(['\n', '\r'], " ");
    let docs = if docs { "" } else { ", without doc comments" };
    format!("// whop_api! expansion {key:016x}, spec of {spec_len} bytes\n// whop_api!({call}){docs}\n")
}

/// The cache folder for a crate whose manifest is in `manifest_dir`, given the values of
/// [`CACHE_ENV`] and `CARGO_TARGET_DIR`. `None`: no cache.
pub fn folder(
    manifest_dir: Option<&Path>,
    setting: Option<&str>,
    target_dir: Option<&Path>,
) -> Option<PathBuf> {
    match setting {
        Some("off" | "0" | "false") => return None,
        Some(folder) if !folder.is_empty() => return Some(PathBuf::from(folder)),
        _ => {}
    }
    const FOLDER: &str = "whop-api-expansions";
    if let Some(target) = target_dir.filter(|dir| dir.is_absolute()) {
        return Some(target.join(FOLDER));
    }
    // Cargo marks a target directory it creates with CACHEDIR.TAG, but not one that existed
    // before its first build there (a script's `mkdir -p target/..`); its rustc-version cache
    // is written into every target directory it builds in.
    manifest_dir?
        .ancestors()
        .map(|dir| dir.join("target"))
        .find(|target| target.join("CACHEDIR.TAG").is_file() || target.join(".rustc_info.json").is_file())
        .map(|target| target.join(FOLDER))
}

/// [`folder`] from this process's environment (rustc's, when the macro runs).
pub fn folder_from_env() -> Option<PathBuf> {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
    let setting = std::env::var(CACHE_ENV).ok();
    let target_dir = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from);
    folder(manifest_dir.as_deref(), setting.as_deref(), target_dir.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    fn scratch(name: &str) -> std::io::Result<PathBuf> {
        let dir = std::env::temp_dir().join(format!("whop-api-cache-test-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)?;
        Ok(dir)
    }

    #[test]
    fn a_stored_expansion_is_found_for_the_same_call_only() -> TestResult {
        let dir = scratch("same-call")?;
        let spec = Path::new("/specs/a.yml");
        let entry = Entry::new(&dir, "\"a.yml\"", true, spec, "openapi: 3.1.0");
        assert_eq!(entry.load(), None, "nothing stored yet");
        entry.store("pub struct A;");
        assert_eq!(entry.load().as_deref(), Some("pub struct A;"));

        // The spec changed: same file, other key, a miss until rewritten.
        let edited = Entry::new(&dir, "\"a.yml\"", true, spec, "openapi: 3.1.1");
        assert_eq!(edited.file(), entry.file(), "one file per call site");
        assert_eq!(edited.load(), None);
        edited.store("pub struct B;");
        assert_eq!(edited.load().as_deref(), Some("pub struct B;"));
        assert_eq!(entry.load(), None, "the old expansion was replaced");
        // A spec that is the end of the stored one (`3.1.1` of `openapi: 3.1.1`) is another.
        assert_eq!(Entry::new(&dir, "\"a.yml\"", true, spec, "3.1.1").load(), None);

        // Other arguments are another call site.
        let mocked = Entry::new(&dir, "\"a.yml\", mock = true", true, spec, "openapi: 3.1.1");
        assert_ne!(mocked.file(), entry.file());
        assert_eq!(mocked.load(), None);

        // rustc's expansion (no doc comments) and rustdoc's are kept side by side.
        let lean = Entry::new(&dir, "\"a.yml\"", false, spec, "openapi: 3.1.1");
        assert_ne!(lean.file(), edited.file());
        lean.store("pub struct C;");
        assert_eq!(edited.load().as_deref(), Some("pub struct B;"));
        assert_eq!(lean.load().as_deref(), Some("pub struct C;"));
        std::fs::remove_dir_all(&dir)?;
        Ok(())
    }

    #[test]
    fn a_damaged_or_foreign_file_is_a_miss() -> TestResult {
        let dir = scratch("damaged")?;
        let entry = Entry::new(&dir, "\"a.yml\"", true, Path::new("/a.yml"), "x");
        std::fs::write(entry.file(), "pub struct Half")?;
        assert_eq!(entry.load(), None);
        std::fs::write(entry.file(), [0xff, 0xfe, 0x00])?;
        assert_eq!(entry.load(), None, "not UTF-8");
        std::fs::remove_dir_all(&dir)?;
        Ok(())
    }

    #[test]
    fn storing_into_an_unwritable_place_is_silent() {
        let entry =
            Entry::new(Path::new("/proc/whop-api-no-such-dir"), "\"a.yml\"", true, Path::new("/a.yml"), "x");
        entry.store("pub struct A;");
        assert_eq!(entry.load(), None);
    }

    #[test]
    fn the_folder_follows_the_setting_then_cargo_target_dir_then_the_nearest_target() -> TestResult {
        assert_eq!(folder(Some(Path::new("/x")), Some("off"), None), None);
        assert_eq!(folder(None, Some("/tmp/c"), Some(Path::new("/t"))), Some(PathBuf::from("/tmp/c")));
        assert_eq!(folder(None, None, Some(Path::new("/t"))), Some(PathBuf::from("/t/whop-api-expansions")));

        let root = scratch("target")?;
        let manifest = root.join("crates/app");
        std::fs::create_dir_all(&manifest)?;
        assert_eq!(folder(Some(&manifest), None, None), None, "no target directory cargo made");
        std::fs::create_dir_all(root.join("target"))?;
        assert_eq!(folder(Some(&manifest), None, None), None, "a `target` cargo has not built in");
        // Made before cargo's first build there: no tag, but cargo's rustc-version cache.
        std::fs::write(root.join("target/.rustc_info.json"), "{}")?;
        assert_eq!(folder(Some(&manifest), None, None), Some(root.join("target/whop-api-expansions")));
        std::fs::remove_file(root.join("target/.rustc_info.json"))?;
        std::fs::write(root.join("target/CACHEDIR.TAG"), "Signature: 8a477f597d28d172789f06886806bc55")?;
        assert_eq!(folder(Some(&manifest), None, None), Some(root.join("target/whop-api-expansions")));
        // A relative CARGO_TARGET_DIR is relative to where cargo ran, unknown here: searched.
        assert_eq!(
            folder(Some(&manifest), None, Some(Path::new("out"))),
            Some(root.join("target/whop-api-expansions"))
        );
        std::fs::remove_dir_all(&root)?;
        Ok(())
    }
}
