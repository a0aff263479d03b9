#!/usr/bin/env bash
# Build-time cost of the macro, as ratios to a hand-written baseline measured in the same run.
#
#   scripts/bench-build.sh [runs]      (default 5 runs; not run in CI)
#
# Four downstream crates in benches/build/ share one target dir, so dependencies are built
# once; each measurement then checks only the top crate:
#   clean        `cargo clean -p <crate>` then `cargo check`
#   touch-src    touch src/lib.rs then `cargo check`
#   touch-spec   touch the spec the crate reads (the seed or the sample), then `cargo check`
# Prints the median seconds of each and its ratio to the hand-written crate.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
root=$PWD
export CARGO_TARGET_DIR="$root/target/bench-build"
crates=(handwritten seed sample sample-one-tag sample-mock)
spec_of() { case $1 in seed) echo spec/affiliates.yml ;; sample|sample-one-tag|sample-mock) echo spec/whop-sample.yml ;; *) echo "" ;; esac; }

seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
median() { sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m}'; }

echo "warming dependencies..."
for c in "${crates[@]}"; do (cd "benches/build/$c" && cargo check -q); done

declare -A result
for c in "${crates[@]}"; do
  dir="benches/build/$c"
  pkg="build-bench-$c"
  for kind in clean touch-src touch-spec; do
    samples=()
    for _ in $(seq "$runs"); do
      case $kind in
        clean) (cd "$dir" && cargo clean -q -p "$pkg") ;;
        touch-src) touch "$dir/src/lib.rs" ;;
        touch-spec) spec=$(spec_of "$c"); [ -n "$spec" ] && touch "$spec" || touch "$dir/src/lib.rs" ;;
      esac
      samples+=("$(cd "$dir" && seconds cargo check)")
    done
    result[$c,$kind]=$(printf '%s\n' "${samples[@]}" | median)
  done
done

printf '\n%-16s %14s %8s %14s %8s %14s %8s\n' crate "clean (s)" ratio "touch-src (s)" ratio "touch-spec (s)" ratio
for c in "${crates[@]}"; do
  line=$(printf '%-16s' "$c")
  for kind in clean touch-src touch-spec; do
    v=${result[$c,$kind]}; b=${result[handwritten,$kind]}
    line+=$(printf ' %14s %8.2f' "$v" "$(echo "$v / $b" | bc -l)")
  done
  echo "$line"
done
echo "(medians of $runs runs; $(nproc) cores; $(date -u +%Y-%m-%d))"
