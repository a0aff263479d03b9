#!/usr/bin/env bash
# Two crates' cost per edit, measured alternately so that drift in this VM's speed (seen here:
# one clean build took 43 s and another of the same size 80 s in one run) falls on both alike:
#
#   scripts/bench-ab.sh [runs] <crate A> <target dir A> <crate B> <target dir B>
#
# e.g. after `BEFORE=b3283fd scripts/bench-anchors.sh` has built both sides:
#   scripts/bench-ab.sh 7 target/anchors/before-src/benches/anchors/whop-api-full \
#     target/anchors/before-whop-api-full benches/anchors/whop-api-full target/anchors/whop-api-full
#
# Each round touches src/main.rs of A and runs `cargo build`, then the same for B; then the same
# with `cargo check`. Prints the medians, B/A, and the median of each round's B/A. Both crates
# must have been built (and checked) once in their target directories. Run by hand, never in CI.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=$1
a=$2 a_target=$(realpath "$3") b=$4 b_target=$(realpath "$5")

seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
median() { sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m}'; }
timed() { # dir target command
  touch "$1/src/main.rs"
  (cd "$1" && CARGO_TARGET_DIR=$2 seconds cargo "$3")
}

echo "| command | A: $a | B: $b | B/A | median of each round's B/A | samples A | samples B |"
echo "|---|---:|---:|---:|---:|---|---|"
for command in build check; do
  (cd "$a" && CARGO_TARGET_DIR=$a_target cargo "$command" -q) # warm, untimed; fails loudly
  (cd "$b" && CARGO_TARGET_DIR=$b_target cargo "$command" -q)
  as=() bs=()
  for _ in $(seq "$runs"); do
    as+=("$(timed "$a" "$a_target" "$command")")
    bs+=("$(timed "$b" "$b_target" "$command")")
  done
  ma=$(printf '%s\n' "${as[@]}" | median)
  mb=$(printf '%s\n' "${bs[@]}" | median)
  # Each round's B/A too: a ratio of neighbours, which the VM's drift over a run moves least.
  ratios=()
  for i in "${!as[@]}"; do ratios+=("$(echo "${bs[$i]} / ${as[$i]}" | bc -l)"); done
  mr=$(printf '%s\n' "${ratios[@]}" | sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m}')
  printf '| cargo %s after an edit | %s s | %s s | %.2f | %s | %s | %s |\n' "$command" "$ma" "$mb" \
    "$(echo "$mb / $ma" | bc -l)" "$mr" "$(printf '%.2f ' "${as[@]}")" "$(printf '%.2f ' "${bs[@]}")"
done
echo "($runs alternating rounds; $(nproc) cores; $(rustc --version); $(date -u +%Y-%m-%d))"
