#!/usr/bin/env bash
# Runs each cargo-fuzz target (fuzz/) for SECONDS and prints its figures: executions, time,
# corpus size and crashes (which must be 0; a crash leaves its input in fuzz/artifacts/TARGET/).
# The inputs of fuzz/regressions/TARGET/ (committed) are replayed before each target runs.
#
#   tools/testing/fuzz.sh SECONDS [TARGET...]      (targets: token_parser verify; default both)
#
# Needs the nightly toolchain and cargo-fuzz (mk/conformance.mk installs both: `make fuzz-setup`).
set -uo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:?usage: fuzz.sh SECONDS [TARGET...]}
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(token_parser verify)

node fuzz/seeds.mjs
mkdir -p target/fuzz-logs
total_runs=0 total_crashes=0 rows=()
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
  # Inputs that once failed (fuzz/regressions/TARGET/, committed) are replayed first.
  if compgen -G "fuzz/regressions/$t/*" >/dev/null; then
    replay=(fuzz/regressions/"$t"/*)
    if ! cargo +nightly fuzz run --release "$t" "${replay[@]}" >"target/fuzz-logs/$t.regressions" 2>&1; then
      tail -40 "target/fuzz-logs/$t.regressions"
      echo "fuzz: $t fails on a regression input"
      exit 1
    fi
    echo "  $t: ${#replay[@]} regression input(s) replayed"
  fi
  before=$(find "fuzz/artifacts/$t" -type f | wc -l)
  log=$(mktemp "target/fuzz-logs/$t.XXXXXX") # one per run: two runs may overlap (two `make test`)
  start=$(date +%s)
  cargo +nightly fuzz run --release "$t" "fuzz/corpus/$t" -- \
    -max_total_time="$seconds" -print_final_stats=1 -timeout=10 \
    -artifact_prefix="fuzz/artifacts/$t/" >"$log" 2>&1
  status=$?
  took=$(($(date +%s) - start))
  runs=$(grep -aoE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)
  fuzz_secs=$(grep -aoE 'Done [0-9]+ runs in [0-9]+ second' "$log" | grep -oE 'in [0-9]+' | grep -oE '[0-9]+' | tail -1)
  crashes=$(($(find "fuzz/artifacts/$t" -type f | wc -l) - before))
  if [ "$status" -ne 0 ] && [ "$crashes" -eq 0 ]; then crashes=1; fi # failed without an artifact
  corpus=$(find "fuzz/corpus/$t" -type f | wc -l)
  if [ "$crashes" -ne 0 ]; then tail -40 "$log"; fi
  mv -f "$log" "target/fuzz-logs/$t.log"
  rows+=("$(printf '  %-14s %12s executions in %4s s (%s s with the build), corpus %6s, crashes %s' \
    "$t" "${runs:-?}" "${fuzz_secs:-?}" "$took" "$corpus" "$crashes")")
  total_runs=$((total_runs + ${runs:-0}))
  total_crashes=$((total_crashes + crashes))
done
printf '%s\n' "cargo fuzz, ${seconds} s per target ($(rustc +nightly --version | cut -d' ' -f2-4)):" "${rows[@]}"
echo "fuzz: ${#targets[@]} targets, $total_runs executions, $total_crashes crashes"
[ "$total_crashes" -eq 0 ]
