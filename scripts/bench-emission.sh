#!/usr/bin/env bash
# What each kind of generated item costs rustc, on a synthetic spec:
#
#   scripts/bench-emission.sh [runs] [operations]     (default 3 runs, 200 operations)
#   SPEC=spec/whop-full.yml scripts/bench-emission.sh  (a real spec instead of the synthetic one)
#   VARIANTS="plain lean-serde" scripts/bench-emission.sh  (some of the variants)
#
# Writes the formatted expansion (the `whop-api-codegen` CLI) into target/anchors/expanded.rs,
# which benches/anchors/expanded includes as source, then times `cargo check` and `cargo build`
# of that crate (dependencies prebuilt, medians of `runs`) for variants of the expansion:
# as generated (both serde impls on every type, the default); with `--lean-serde` (serde
# impls following use, `lean_serde = true`); and with one kind of
# item deleted (docs; setters; `_stream` methods; `PartialEq` on structs and
# unions); and with the mock (`--mock`, `mock = true`). Run by hand, not in CI.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
operations=${2:-200}
out=$PWD/target/anchors
mkdir -p "$out"
crate=benches/anchors/expanded

cargo build -q --release -p whop-api-codegen --features cli
cargo build -q --release -p whop-api-codegen --example synthetic_spec
# Its own input file: target/anchors/synthetic.yml belongs to bench-anchors.sh (the
# whop-api-synthetic anchor and the volume bench read it).
if [ -n "${SPEC:-}" ]; then
  cp "$SPEC" "$out/emission.yml"
else
  ./target/release/examples/synthetic_spec "$operations" > "$out/emission.yml"
fi
./target/release/whop-api-codegen "$out/emission.yml" > "$out/plain.rs"
./target/release/whop-api-codegen "$out/emission.yml" --lean-serde > "$out/lean-serde.rs"
./target/release/whop-api-codegen "$out/emission.yml" --mock > "$out/mock.rs"
export CARGO_TARGET_DIR="$out/expanded-target"

# Deletes items from a formatted expansion: `docs` (doc comments), `setters` (the `setters!`
# invocations; constructors stay), `streams` (`<op>_stream` methods).
strip() {
  python3 - "$1" "$2" <<'PY'
import re, sys
kind, path = sys.argv[1], sys.argv[2]
text = open(path).read()
def first_code_line(lines, i):
    i += 1
    while i < len(lines) and re.match(r"\s*(///|#\[)", lines[i]):
        i += 1
    return lines[i] if i < len(lines) else ""
def drop_blocks(text, starts, body=""):
    out, lines, i = [], text.split("\n"), 0
    while i < len(lines):
        line = lines[i]
        if any(re.match(s, line) for s in starts) and body in first_code_line(lines, i):
            indent = len(line) - len(line.lstrip())
            while not (lines[i].startswith(" " * indent + "}") and len(lines[i]) - len(lines[i].lstrip()) == indent):
                i += 1
            # drop the doc/attribute lines just before the block as well
            while out and re.match(r"\s*(///|#\[)", out[-1]):
                out.pop()
            i += 1
            continue
        out.append(line)
        i += 1
    return "\n".join(out)
if kind == "docs":
    text = "\n".join(l for l in text.split("\n") if not re.match(r"\s*(///|//!)", l))
elif kind == "setters":
    # Constructors stay: the generated calls build their parameters with them.
    text = re.sub(r"\n\s*__p::setters!\(.*?\);\n", "\n", text, flags=re.S)
elif kind == "partialeq":
    text = text.replace("#[derive(Debug, Clone, PartialEq)]", "#[derive(Debug, Clone)]")
elif kind == "streams":
    text = drop_blocks(text, [r"\s*pub fn \w+_stream\("])
print(text)
PY
}

seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
median() { sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m}'; }

declare -A result
read -r -a variants <<<"${VARIANTS:-plain lean-serde mock no-docs no-setters no-streams no-partialeq}"
printf '| expansion | bytes | check | build |\n|---|---:|---:|---:|\n'
for variant in "${variants[@]}"; do
  case $variant in
    plain|lean-serde|mock) cp "$out/$variant.rs" "$out/expanded.rs" ;;
    no-docs) strip docs "$out/plain.rs" > "$out/expanded.rs" ;;
    no-setters) strip setters "$out/plain.rs" > "$out/expanded.rs" ;;
    no-streams) strip streams "$out/plain.rs" > "$out/expanded.rs" ;;
    no-partialeq) strip partialeq "$out/plain.rs" > "$out/expanded.rs" ;;
  esac
  (cd "$crate" && cargo build -q && cargo check -q) # fails loudly if the variant does not compile
  for mode in check build; do
    samples=()
    for _ in $(seq "$runs"); do
      touch "$crate/src/main.rs"
      samples+=("$(cd "$crate" && seconds cargo "$mode")")
    done
    result[$mode]=$(printf '%s\n' "${samples[@]}" | median)
  done
  printf '| %s | %s | %s s | %s s |\n' "$variant" "$(wc -c < "$out/expanded.rs")" "${result[check]}" "${result[build]}"
done
echo "(medians of $runs; $(nproc) cores; $(rustc --version); $(date -u +%Y-%m-%d))"
