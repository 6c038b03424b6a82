#!/usr/bin/env bash
# Rust core → js/wasm/: cargo (wasm32), wasm-bindgen's `web` glue (the one glue every runtime
# can load), then wasm-opt from npm's binaryen.
#
# Node.js 16 cannot compile modules that use reference types (externref), which Rust's
# precompiled std turns on; building for the MVP CPU keeps the .wasm loadable on Node 16, 20, 22
# and in every edge runtime. (Only here: `wasm-pack test`'s harness needs externref, Node 20 has it.)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

RUSTFLAGS="-C target-cpu=mvp" cargo build --quiet --release --lib --target wasm32-unknown-unknown
wasm-bindgen --target web --omit-default-module-path --out-dir js/wasm \
  target/wasm32-unknown-unknown/release/qstash_verifier.wasm
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals js/wasm/qstash_verifier_bg.wasm -o js/wasm/qstash_verifier_bg.wasm
