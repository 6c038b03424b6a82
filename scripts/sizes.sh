#!/usr/bin/env bash
# Prints the sizes the README quotes: the optimised .wasm and the npm tarball.
set -euo pipefail
cd "$(dirname "$0")/.."
wasm=js/wasm/qstash_verifier_bg.wasm
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tgz=$(npm pack ./js --pack-destination "$work" --silent | tail -n 1)
printf '%-28s %8s %8s\n' "artifact" "bytes" "gzip -9"
printf '%-28s %8d %8d\n' ".wasm" "$(wc -c <"$wasm")" "$(gzip -9c "$wasm" | wc -c)"
printf '%-28s %8d %8d\n' "js/dist/node.cjs (wasm inlined)" "$(wc -c <js/dist/node.cjs)" "$(gzip -9c js/dist/node.cjs | wc -c)"
printf '%-28s %8d %8s\n' "npm tarball ($tgz)" "$(wc -c <"$work/$tgz")" "-"
printf '%-28s %8d %8s\n' "npm unpacked" "$(tar -xzOf "$work/$tgz" | wc -c)" "-"
