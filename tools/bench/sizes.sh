#!/usr/bin/env bash
# Prints the sizes the README quotes: the optimised .wasm, the tools .wasm and the npm tarball.
set -euo pipefail
cd "$(dirname "$0")/../.."
wasm=js/wasm/qstash_verifier_bg.wasm
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# gzip as `make bench` and `make lambda-size` measure it (tools/bench/gzip-size.mjs).
gz() { node tools/bench/gzip-size.mjs "$1"; }
tgz=$(npm pack ./js --pack-destination "$work" --silent | tail -n 1)
printf '%-28s %8s %8s\n' "artifact" "bytes" "gzip -9"
printf '%-28s %8d %8d\n' ".wasm" "$(wc -c <"$wasm")" "$(gz "$wasm")"
printf '%-28s %8d %8d\n' "js/dist/node.cjs (wasm inlined)" "$(wc -c <js/dist/node.cjs)" "$(gz js/dist/node.cjs)"
# sign()'s and the command's tools .wasm (the `tools` feature), and its Node glue: loaded by them only.
tools=js/wasm-tools/qstash_verifier_tools_bg.wasm
printf '%-28s %8d %8d\n' "tools .wasm (sign, inspect)" "$(wc -c <"$tools")" "$(gz "$tools")"
printf '%-28s %8d %8d\n' "js/dist/tools.cjs" "$(wc -c <js/dist/tools.cjs)" "$(gz js/dist/tools.cjs)"
printf '%-28s %8d %8s\n' "npm tarball ($tgz)" "$(wc -c <"$work/$tgz")" "-"
printf '%-28s %8d %8s\n' "npm unpacked" "$(tar -xzOf "$work/$tgz" | wc -c)" "-"
