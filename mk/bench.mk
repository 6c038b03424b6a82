# Performance. `make bench`: the Criterion benchmarks of the Rust core (natively), then
# tools/bench/bench.mjs: qstash-verifier against the guide's node:crypto code and @upstash/qstash, side
# by side on the same inputs (warm latency, cold start, sizes, memory), which prints a table and
# writes docs/bench-report.md and docs/bench-latency.svg. Not part of `make test`: there, test-bench only
# checks that every contender accepts the benchmark's inputs and refuses them tampered (no timing).
# `make twiggy`: what takes the space in the .wasm (twiggy from crates.io, pinned, installed once).
# `make bundle-budget`: where the Lambda bundle's gzip bytes go, against its size target and the
# floor that any core on the mandated crates carries (tools/bench/floor, tools/bench/budget.mjs).
.PHONY: bench bench-rust bench-js test-bench twiggy bundle-budget budget-builds test-budget cold-profile test-cold-profile

TWIGGY_VERSION := 0.8.0
# The cold start and the bundle size use the Lambda example's own build when there is one.
BENCH_LAMBDA := $(if $(wildcard mk/lambda.mk),lambda-example)

bench: bench-rust bench-js

bench-rust: setup
	$(call step,bench: Criterion on the Rust core natively (target/criterion))
	cargo bench --quiet --bench verify -- --warm-up-time 1 --measurement-time 3 2>&1 | grep -E '^[a-z_ ()]+/|time:'

bench-js: build $(BENCH_LAMBDA) budget-builds
	$(call step,bench: warm latency / cold start / sizes / memory → docs/bench-report.md and docs/bench-latency.svg)
	NODE16=$(NODE16) node tools/bench/bench.mjs

## bundle-budget: where the Lambda bundle's gzip bytes go, against its size target and a measured floor
bundle-budget: lambda-example budget-builds
	$(call step,bundle-budget: the Lambda bundle against its target and the floor (tools/bench/budget.mjs))
	node tools/bench/budget.mjs

# The floor crate and the package's .wasm with its function names, both built as make build's.
budget-builds: build
	$(call step,the floor crate (tools/bench/floor → target/floor) and the named .wasm (target/twiggy))
	node tools/build/build.mjs floor wasm-names

test-bench: build
	$(call step,bench inputs: each contender accepts every signed body and refuses it tampered)
	node tools/bench/bench.mjs --smoke

twiggy: setup
	@if [ "$$(twiggy --version 2>/dev/null | awk '{print $$2}')" != "$(TWIGGY_VERSION)" ]; then \
	  printf '\033[1m==> cargo install twiggy $(TWIGGY_VERSION)\033[0m\n'; \
	  cargo install --locked twiggy --version $(TWIGGY_VERSION); fi
	$(call step,twiggy: the .wasm built as by make build with its function names (target/twiggy/))
	node tools/build/build.mjs wasm-names
	twiggy top -n 25 target/twiggy/qstash_verifier_bg.wasm
	twiggy dominators -d 2 -r 25 target/twiggy/qstash_verifier_bg.wasm

# The floor is a real MAC check (tools/bench/budget.mjs --check), and the budget reads the bundle as built.
test-budget: bundle-budget
	$(call step,tools/bench/floor against the real QStash tokens of tests/vectors.json)
	node tools/bench/budget.mjs --check

EXTRA_TESTS += test-bench test-budget

# `make cold-profile`: where a cold start of the Lambda example goes, phase by phase, on Node 16
# (the guide's runtime) and on this machine's Node (tools/bench/cold-profile.mjs, tools/bench/cold-profile.cjs).
cold-profile: lambda-example
	$(call step,cold profile of examples/aws-lambda/dist/index.js on Node 16 and on $(shell node --version))
	node tools/bench/cold-profile.mjs $(NODE16)
	node tools/bench/cold-profile.mjs $$(command -v node)

# Two samples each, so that the profile's harness is known to run on the bundle as built.
test-cold-profile: lambda-example
	$(call step,cold profile: the harness on the Lambda bundle, two samples on Node 16)
	COLD_PROFILE_RUNS=2 node tools/bench/cold-profile.mjs $(NODE16)

EXTRA_TESTS += test-cold-profile
