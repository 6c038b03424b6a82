#!/usr/bin/env bash
# Runs the JS tests (js/test/*.test.mjs) with one Node.js binary and prints each file's counts,
# then one closing line: "node vX: N passed, M failed". Each file runs under `node --test`; on
# Node 16, whose `--test` reports a whole file as one test, the file is run directly instead
# (the same node:test harness, with per-test counts).
set -uo pipefail
node_bin=${1:?usage: js-tests.sh NODE_BINARY}
cd "$(dirname "$0")/../.."
version=$("$node_bin" --version)
runner=(--test --test-reporter=tap)
case $version in v16.*) runner=() ;; esac
pass=0 fail=0
for file in js/test/*.test.mjs; do
  out=$("$node_bin" "${runner[@]}" "$file" 2>&1)
  status=$?
  p=$(grep -E '^# pass [0-9]+' <<<"$out" | awk '{print $3}')
  f=$(grep -E '^# fail [0-9]+' <<<"$out" | awk '{print $3}')
  p=${p:-0} f=${f:-0}
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi # a crash before any test ran
  if [ "$f" -ne 0 ]; then echo "$out"; fi
  printf '  %-34s %3d passed, %d failed\n' "$file" "$p" "$f"
  pass=$((pass + p)) fail=$((fail + f))
done
echo "node $version: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
