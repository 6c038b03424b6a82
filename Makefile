# The two commands: `make demo` and `make test`. Each installs what it needs (tools/setup/setup.sh,
# idempotent: a second run only checks versions).
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

NODE16 := $(CURDIR)/tools/setup/runtimes/node16/node_modules/node/bin/node
NODE22 := $(CURDIR)/tools/setup/runtimes/node22/node_modules/node/bin/node
# Each step prints how long the run has taken so far, so every stage's time can be read off the log.
MAKE_START := $(shell date +%s)
step = @printf '\n\033[1m==> %s\033[0m  [%s s]\n' "$(1)" "$$(( $$(date +%s) - $(MAKE_START) ))"

.PHONY: all setup build demo test test-all check lint lint-js test-rust test-wasm test-tools test-js sizes vectors clean

# One fragment per area (mk/*.mk). Each may add its test targets to EXTRA_TESTS, which `make test`
# runs after the core tests.
EXTRA_TESTS :=
include $(sort $(wildcard mk/*.mk))

all: build

setup:
	@bash tools/setup/setup.sh

## build: the wasm (js/wasm/), the tools wasm of sign() and the command (js/wasm-tools/) and the
## npm package (js/dist/), so that `npm pack ./js` publishes
build: setup
	$(call step,build: Rust core → wasm → js/wasm)
	node tools/build/build.mjs wasm
	$(call step,build: Rust core with the tools feature → the tools wasm → js/wasm-tools)
	node tools/build/build.mjs wasm-tools
	$(call step,build: npm package → js/dist)
	node tools/build/build.mjs js

## demo: the AWS Lambda example (examples/aws-lambda), bundled by the guide's esbuild command,
## zipped, and invoked through @vercel/fun on Node 16 with signed events (mk/lambda.mk)
demo: demo-lambda

## test: every test, then a table of every stage's time and its suites' passed and failed counts,
## compared with main's (tools/testing/summary-main.md); the log is kept in target/test.log
test:
	@mkdir -p target
	@set +e; $(MAKE) --no-print-directory test-all 2>&1 | tee target/test.log; status=$${PIPESTATUS[0]}; \
	  echo; node tools/testing/summary.mjs target/test.log --compare tools/testing/summary-main.md || status=1; \
	  exit $$status

test-all: build lint test-rust test-wasm test-tools test-js $(EXTRA_TESTS)
	$(call step,all tests passed)

## check: the everyday tier: the build, fmt, clippy and Biome, cargo test, wasm-pack test --node,
## the tools' tests and the JS tests on this machine's Node (no other runtime, framework, fuzzing or
## benchmark: make test)
check: build lint test-rust test-wasm test-tools
	$(call step,JS tests on $(shell node --version))
	bash tools/testing/js-tests.sh node
	$(call step,check passed)

lint: setup lint-js
	$(call step,cargo fmt --check and cargo clippy)
	cargo fmt --check
	cargo clippy --quiet --all-targets -- -D warnings
	cargo clippy --quiet --all-targets --target wasm32-unknown-unknown -- -D warnings
	cargo clippy --quiet --lib --target wasm32-unknown-unknown --no-default-features -- -D warnings
	CARGO_TARGET_DIR=target/wasm-tools cargo clippy --quiet --lib --target wasm32-unknown-unknown \
	  --no-default-features --features tools -- -D warnings
	CARGO_TARGET_DIR=target/wasm-test RUSTFLAGS="--cfg qstash_wasm_test" \
	  cargo clippy --quiet --all-targets --target wasm32-unknown-unknown --no-default-features -- -D warnings
	cargo fmt --check --manifest-path tools/bench/floor/Cargo.toml
	CARGO_TARGET_DIR=target/floor cargo clippy --quiet --locked --manifest-path tools/bench/floor/Cargo.toml \
	  --target wasm32-unknown-unknown -- -D warnings

# Biome (biome.json): the JS and TS formatted, and linted, with no function over 80 lines of code;
# tools/lint/function-lines.mjs also counts comments and blank lines, in js/src and tools/.
lint-js: setup
	$(call step,biome check: the JS and TS formatted and linted)
	biome check --max-diagnostics=50
	node tools/lint/function-lines.mjs

test-rust: setup
	$(call step,cargo test (native))
	cargo test 2>&1

# With the package's features (--no-default-features): the exports under test are the ones that
# ship. `qstash_wasm_test` only leaves out the panic handler, which the test harness's std brings.
test-wasm: setup
	$(call step,wasm-pack test --node (every vector through the wasm verify export))
	CARGO_TARGET_DIR=target/wasm-test RUSTFLAGS="--cfg qstash_wasm_test" RUSTDOCFLAGS="--cfg qstash_wasm_test" \
	  wasm-pack --log-level warn test --node --mode no-install --no-default-features -- --nocapture 2>&1 \
	  | grep -v 'failed to get wasm-pack version'

# The tools' own tests (tools/**/*.test.mjs), such as the closing table's parser.
test-tools: setup
	$(call step,tools: their own tests (node --test))
	node --test --test-reporter=tap $$(find tools -name '*.test.mjs' -not -path '*/node_modules/*' | sort) | grep -E '^# (pass|fail) '

test-js: build
	$(call step,JS tests on Node 16)
	bash tools/testing/js-tests.sh $(NODE16)
	$(call step,JS tests on Node 20)
	bash tools/testing/js-tests.sh node
	$(call step,JS tests on Node 22)
	bash tools/testing/js-tests.sh $(NODE22)

## sizes: the .wasm, the tools .wasm and the npm tarball
sizes: build
	bash tools/bench/sizes.sh

## vectors: regenerate tests/vectors.json (deterministic; commit the result)
vectors: setup
	node tools/testing/gen-vectors.mjs

clean:
	rm -rf target js/wasm js/wasm-tools js/dist js/README.md
