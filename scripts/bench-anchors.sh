#!/usr/bin/env bash
# Compile cost of the whole API against what a user would pick instead, in one run:
#
#   scripts/bench-anchors.sh [runs] [operations]     (default 3 runs, 300 operations)
#   ONLY="progenitor split" scripts/bench-anchors.sh   (some of the crates; no ratios then
#                                                       unless whop-sdk is among them)
#   BEFORE=<rev> scripts/bench-anchors.sh            (also the whop-api crates built against
#                                                       that commit: a before/after table)
#
# Builds each crate in benches/anchors/ from an empty target directory of its own
# (target/anchors/<crate>), then edits the application (`touch` of its main.rs) and times
# `cargo build` and `cargo check` again, `runs` times each (medians). Prints a table of
# seconds and ratios to the official SDK's hello world. With BEFORE, the same anchor crates are
# copied into a worktree of <rev> (target/anchors/before-src) and built there, in the same run.
# Takes 20-40 minutes on 2 cores: run by hand, never in CI. Downloads are done before any
# timing (`cargo fetch`).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
operations=${2:-300}
root=$PWD
out=$root/target/anchors
mkdir -p "$out"

cargo run -q --release -p whop-api-codegen --example synthetic_spec -- "$operations" > "$out/synthetic.yml"
cargo run -q --release -p whop-api-codegen --example synthetic_spec -- "$operations" --3.0 > "$out/synthetic-3.0.yml"
python3 -c 'import sys, yaml; [yaml.safe_load(open(f)) for f in sys.argv[1:]]' "$out"/synthetic*.yml

# name | crate directory | file the edit touches | what it is
crates=(
  "progenitor|benches/anchors/progenitor|src/main.rs|progenitor 0.15.1 generate_api! (synthetic $operations)"
  "whop-api-synthetic|benches/anchors/whop-api-synthetic|src/main.rs|whop_api! synthetic $operations, single crate"
  "whop-api-full|benches/anchors/whop-api-full|src/main.rs|whop_api! spec/whop-full.yml (223), single crate"
  "whop-api-sample|benches/anchors/whop-api-sample|src/main.rs|whop_api! spec/whop-sample.yml (28), single crate"
  "split|benches/anchors/split|app/src/main.rs|whop_api! synthetic $operations, client crate + app (edit app)"
  "split-full|benches/anchors/split-full|app/src/main.rs|whop_api! whop-full (223), client crate + app (edit app)"
  "whop-sdk|benches/anchors/whop-sdk|src/main.rs|whop_sdk =1.1.5 hello world"
)

# The whop-api crates again, against the commit BEFORE names.
compared=(whop-api-synthetic whop-api-full split-full)
if [ -n "${BEFORE:-}" ]; then
  before=$out/before-src
  git worktree remove --force "$before" 2>/dev/null || rm -rf "$before"
  git worktree add --force --detach "$before" "$BEFORE" >/dev/null
  mkdir -p "$before/target/anchors" "$before/spec"
  cp "$out"/synthetic*.yml "$before/target/anchors/"
  cp -n spec/whop-full.yml "$before/spec/" 2>/dev/null || true
  for name in "${compared[@]}"; do
    rm -rf "${before:?}/benches/anchors/$name"
    cp -r "benches/anchors/$name" "$before/benches/anchors/$name"
    rm -f "$before/benches/anchors/$name/Cargo.lock"
  done
  for name in "${compared[@]}"; do
    for entry in "${crates[@]}"; do
      IFS='|' read -r n _ edit what <<<"$entry"
      if [ "$n" = "$name" ]; then crates+=("before-$n|$before/benches/anchors/$n|$edit|$what, at $BEFORE"); fi
    done
  done
fi

seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
median() { sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m}'; }

# The median seconds of `cargo <command>` in <dir> after touching <file>, `runs` times.
after_edits() { # dir file command
  local samples=()
  for _ in $(seq "$runs"); do
    touch "$1/$2"
    samples+=("$(cd "$1" && seconds cargo "$3")")
  done
  printf '%s\n' "${samples[@]}" | median
}

declare -A clean rebuild check tested
selected=()
for entry in "${crates[@]}"; do
  name=${entry%%|*}
  if [ -z "${ONLY:-}" ] || [[ " $ONLY " == *" $name "* ]]; then selected+=("$entry"); fi
done
for entry in "${selected[@]}"; do
  IFS='|' read -r name dir edit _ <<<"$entry"
  export CARGO_TARGET_DIR="$out/$name"
  rm -rf "$CARGO_TARGET_DIR"
  (cd "$dir" && cargo fetch -q)
  echo "building $name from scratch..." >&2
  clean[$name]=$(cd "$dir" && seconds cargo build)
  (cd "$dir" && cargo build -q) # fails loudly here if the timed build failed
  rebuild[$name]=$(after_edits "$dir" "$edit" build)
  (cd "$dir" && cargo check -q) # check-mode metadata of the dependencies, untimed
  check[$name]=$(after_edits "$dir" "$edit" check)
  if [[ $name == *split-full ]]; then
    touch "$dir/$edit"
    (cd "$dir" && cargo test -q --no-run >/dev/null 2>&1) # test-profile dependencies, untimed
    touch "$dir/$edit"
    start=$(date +%s.%N)
    compiled=$(cd "$dir" && cargo test 2>&1 | sed -n 's/^ *Compiling \([^ ]*\).*/\1/p' | tr '\n' ' ')
    tested[$name]="$(echo "$(date +%s.%N) - $start" | bc -l | xargs printf '%.2f') s, compiled: ${compiled:-nothing}"
  fi
  unset CARGO_TARGET_DIR
  echo "$name: clean ${clean[$name]} s, rebuild ${rebuild[$name]} s, check ${check[$name]} s" >&2
done
if [ -n "${clean[whop-sdk]:-}" ]; then
  echo
  echo "| crate | clean build | ratio | rebuild after edit | ratio | check after edit | ratio |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  for entry in "${selected[@]}"; do
    IFS='|' read -r name _ _ what <<<"$entry"
    printf '| %s | %.1f s | %.2f | %.2f s | %.2f | %.2f s | %.2f |\n' "$what" \
      "${clean[$name]}" "$(echo "${clean[$name]} / ${clean[whop-sdk]}" | bc -l)" \
      "${rebuild[$name]}" "$(echo "${rebuild[$name]} / ${rebuild[whop-sdk]}" | bc -l)" \
      "${check[$name]}" "$(echo "${check[$name]} / ${check[whop-sdk]}" | bc -l)"
  done
  echo "(clean: one build each from an empty target dir; edits: medians of $runs; $(nproc) cores; $(rustc --version); $(date -u +%Y-%m-%d))"
fi
if [ -n "${BEFORE:-}" ]; then
  echo
  echo "Before ($BEFORE) and after ($(git rev-parse --short HEAD)), the same crates in this run:"
  echo "| crate | clean before | after | ratio | rebuild before | after | ratio | check before | after | ratio |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for name in "${compared[@]}"; do
    [ -n "${clean[before-$name]:-}" ] && [ -n "${clean[$name]:-}" ] || continue
    row="| $name"
    for pair in "${clean[before-$name]} ${clean[$name]}" "${rebuild[before-$name]} ${rebuild[$name]}" \
      "${check[before-$name]} ${check[$name]}"; do
      read -r was now <<<"$pair"
      row+=$(printf ' | %.2f s | %.2f s | %.2f' "$was" "$now" "$(echo "$now / $was" | bc -l)")
    done
    echo "$row |"
  done
fi
for name in "${!tested[@]}"; do
  echo "$name, cargo test after an app edit: ${tested[$name]}"
done

echo
echo "Expansion, from YAML text to what each macro hands rustc, both generators optimised (benches/anchors/volume):"
CARGO_TARGET_DIR="$out/volume" cargo run -q --release --manifest-path benches/anchors/volume/Cargo.toml -- \
  "$out/synthetic.yml" "$out/synthetic-3.0.yml"
