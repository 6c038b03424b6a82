# Issue 7: key resolution as @upstash/qstash 2.12.0 does it, sign(), the `qstash-verifier`
# command, and the Rust crate ready for crates.io.
#   make test-parity       the key-resolution table against the real SDK; sign() through the SDK and PyJWT
#   make test-cli          the command from the packed tarball (npx), and the README's session is what it prints
#   make test-crate        MSRV from the dependencies, cargo package (+ its tests), cargo doc -D warnings, cargo +MSRV test
#   make cli-session       rewrite the README's CLI session from a fresh run
.PHONY: test-parity test-cli test-crate cli-session

EXTRA_TESTS += test-parity test-cli test-crate

# PyJWT: the pinned (version and hash) venv of mk/conformance.mk (target pyjwt-venv, variable
# PYJWT_VENV), shared rather than installed twice.
test-parity: build pyjwt-venv
	$(call step,key resolution: qstash-verifier against the real @upstash/qstash 2.12.0 Receiver)
	node tools/testing/keys-parity.mjs --check-readme
	$(call step,sign(): 1000 tokens through the real @upstash/qstash Receiver.verify)
	out=$$(node js/test/sign.test.mjs 2>&1) || { echo "$$out"; exit 1; }; grep -E '^# (the SDK|pass |fail )' <<<"$$out"
	$(call step,sign(): 100 tokens verified by PyJWT (tools/testing/pyjwt/requirements.txt))
	node tools/testing/pyjwt/sign-sample.mjs 100 | $(PYJWT_VENV)/bin/python tools/testing/pyjwt/check.py

test-cli: build
	$(call step,qstash-verifier from the packed tarball: npx on Node 20 and the .bin link on Node 16 / 22)
	bash tools/testing/cli-pack-test.sh
	$(call step,the README's qstash-verifier session against a fresh run)
	bash tools/testing/cli-session.sh --check

cli-session: build
	bash tools/testing/cli-session.sh --write

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
