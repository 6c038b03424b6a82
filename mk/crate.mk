# The Rust crate, ready for crates.io.
#   make test-crate        MSRV from the dependencies, cargo package (+ its tests), cargo doc -D warnings, cargo +MSRV test
.PHONY: test-crate

EXTRA_TESTS += test-crate

# The packaged crate is tested from its own sources (what crates.io users get), and the MSRV
# toolchain is installed once through rustup. Separate target dirs keep them off `target/debug`.
test-crate: setup
	$(call step,crate: the MSRV from the dependencies' rust-version)
	node tools/testing/msrv.mjs
	$(call step,crate: cargo package and then cargo test on the packaged sources)
	CARGO_TARGET_DIR=target/package-check cargo package --allow-dirty --quiet
	list=$$(cargo package --list --allow-dirty 2>/dev/null); for f in LICENSE-MIT LICENSE-APACHE README.md; do \
	  grep -qx $$f <<<"$$list" || { echo "the packaged crate has no $$f"; exit 1; }; done
	version=$$(awk -F'"' '/^version = / {print $$2; exit}' Cargo.toml); \
	  out=$$(CARGO_TARGET_DIR=target/package-check cargo test \
	    --manifest-path target/package-check/package/qstash-verifier-$$version/Cargo.toml 2>&1) || { echo "$$out"; exit 1; }; \
	  grep -E '^(test result|     Running|   Doc-tests)' <<<"$$out"
	$(call step,crate: cargo doc --no-deps with RUSTDOCFLAGS=-D warnings (native, and wasm with and without std))
	RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --quiet
	RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --quiet --target wasm32-unknown-unknown
	RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --quiet --target wasm32-unknown-unknown --no-default-features
	$(call step,crate: cargo test on the MSRV toolchain)
	msrv=$$(node tools/testing/msrv.mjs --print); toolchain=$$msrv; [[ $$toolchain == *.*.* ]] || toolchain=$$toolchain.0; \
	  rustup toolchain list | grep -q "^$$toolchain-" || rustup toolchain install "$$toolchain" --profile minimal; \
	  echo "cargo +$$toolchain test ($$(rustc +$$toolchain --version))"; \
	  out=$$(CARGO_TARGET_DIR=target/msrv cargo +$$toolchain test 2>&1) || { echo "$$out"; exit 1; }; \
	  grep -E '^(test result|     Running|   Doc-tests|warning)' <<<"$$out"
