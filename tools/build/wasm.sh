#!/usr/bin/env bash
# Rust core → js/wasm/: cargo (wasm32), wasm-bindgen's `web` glue (the one glue every runtime
# can load), then wasm-opt from npm's binaryen.
#
# Node.js 16 cannot compile modules that use reference types (externref), which Rust's
# precompiled std turns on; building for the MVP CPU keeps the .wasm loadable on Node 16, 20, 22
# and in every edge runtime. (Only here: `wasm-pack test`'s harness needs externref, Node 20 has it.)
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

# The MVP CPU plus the features Rust's precompiled std already uses (so they cost no runtime):
# bulk memory (memcpy / memset as single instructions), sign extension, saturating float-to-int
# and mutable globals; and SIMD, which sha2 uses for SHA-256's message schedule (Node 16.4+,
# every edge runtime). Not reference types (Node 16). See docs/bench-report.md for what each buys.
FEATURES=+bulk-memory,+sign-ext,+nontrapping-fptoint,+mutable-globals,+simd128
WASM_OPT_FEATURES=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-mutable-globals --enable-simd)
# WASM_KEEP_NAMES=1 (`make twiggy`): the same build with its function names, into target/twiggy/.
# WASM_CRATE=tools/bench/floor (`make bundle-budget`): the floor crate, built the same way, into
# target/floor/ (its .wasm is target/floor/qstash_verifier_bg.wasm, named like the package's).
target=target out=js/wasm names=() crate=(--manifest-path Cargo.toml) lib=qstash_verifier
if [ -n "${WASM_KEEP_NAMES:-}" ]; then
  target=target/twiggy out=target/twiggy names=(-g)
  export CARGO_PROFILE_RELEASE_STRIP=false
fi
# WASM_FEATURES=tools (`make build`): the package's second .wasm, the same crate with the `tools`
# feature (the `sign` and `diagnose` exports of src/wasm/tools.rs, for sign() and the command),
# into js/wasm-tools/ as qstash_verifier_tools.js and qstash_verifier_tools_bg.wasm (its own
# target dir: the two builds never overwrite each other). With WASM_KEEP_NAMES: target/twiggy-tools/.
features=(--no-default-features) name=qstash_verifier out_name=()
if [ -n "${WASM_FEATURES:-}" ]; then
  features+=(--features "$WASM_FEATURES") name=qstash_verifier_tools out_name=(--out-name "$name")
  if [ -n "${WASM_KEEP_NAMES:-}" ]; then target=target/twiggy-tools out=target/twiggy-tools
  else target=target/wasm-tools out=js/wasm-tools; fi
fi
if [ -n "${WASM_CRATE:-}" ]; then
  target=$PWD/target/floor out=target/floor crate=(--manifest-path "$WASM_CRATE/Cargo.toml" --locked)
  lib=$(sed -n 's/^name = "\(.*\)"/\1/p' "$WASM_CRATE/Cargo.toml" | head -n 1 | tr - _)
fi
# Without the default `std` feature: the crate is then `no_std` on wasm (Cargo.toml; docs/bench-report.md
# gives what each part costs). The tools .wasm adds `tools`, which brings `std` and
# serde-wasm-bindgen back: only sign() and the command load it.
RUSTFLAGS="-C target-cpu=mvp -C target-feature=$FEATURES" CARGO_TARGET_DIR=$target \
  cargo build --quiet --release --lib --target wasm32-unknown-unknown "${features[@]}" "${crate[@]}"
# wasm-bindgen reads the target_features section (std's "reference-types") to decide on externref
# glue: strip it first (with the per-package opt-level overrides in Cargo.toml, cargo leaves it in).
wasm-opt --strip-target-features "${names[@]}" "${WASM_OPT_FEATURES[@]}" \
  $target/wasm32-unknown-unknown/release/$lib.wasm -o $target/qstash_verifier.wasm
wasm-bindgen --target web --omit-default-module-path "${out_name[@]}" --out-dir $out $target/qstash_verifier.wasm
wasm-opt -Oz --converge --strip-producers "${names[@]}" "${WASM_OPT_FEATURES[@]}" $out/${name}_bg.wasm \
  -o $out/${name}_bg.wasm
# A new instance of the same compiled module, for js/src/core.js to use after a call into wasm was
# abandoned (a JS exception through it, or a trap): everything such a call left in wasm memory
# (the shadow stack, the allocator's lock, half-written heap) goes with the old instance.
cat >>$out/$name.js <<'JS'

/** Appended by tools/build/wasm.sh: a new instance of the module, replacing the current one. */
export function reinstantiate() {
    return __wbg_finalize_init(new WebAssembly.Instance(wasmModule, __wbg_get_imports()), wasmModule);
}
JS
