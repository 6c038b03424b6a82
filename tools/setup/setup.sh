#!/usr/bin/env bash
# Installs everything `make build`, `make test` and `make demo` need, idempotently: a second run
# only checks versions. Uses only crates.io, the npm registry and rustup's server.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# Rust: the toolchain and wasm target come from rust-toolchain.toml.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup: wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# wasm-pack, pinned; always run with --mode no-install.
WASM_PACK_VERSION=0.15.1
if [ "$(wasm-pack --version 2>/dev/null | awk '{print $2}')" != "$WASM_PACK_VERSION" ]; then
  step "cargo install wasm-pack $WASM_PACK_VERSION"
  cargo install --locked wasm-pack --version "$WASM_PACK_VERSION"
fi

# wasm-bindgen-cli must equal the wasm-bindgen in Cargo.lock (no --locked: see README).
BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/"/, "", $3); print $3}' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$BINDGEN_VERSION" ]; then
  step "cargo install wasm-bindgen-cli $BINDGEN_VERSION"
  cargo install --force wasm-bindgen-cli --version "$BINDGEN_VERSION"
fi

# npm: root dev tooling and the extra Node.js runtimes, each from its committed lockfile.
npm_ci() { # dir
  local dir=$1 stamp="$1/node_modules/.ci-stamp"
  if [ ! -f "$stamp" ] || ! cmp -s "$dir/package-lock.json" "$stamp"; then
    step "npm ci in ${dir#./}"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$dir/package-lock.json" "$stamp"
  fi
}
npm_ci .
for runtime in tools/setup/runtimes/*/; do npm_ci "${runtime%/}"; done
