# Performance (issue 6). `make bench`: the Criterion benchmarks of the Rust core (natively), then
# bench/bench.mjs: qstash-verifier against the guide's node:crypto code and @upstash/qstash, side
# by side on the same inputs (warm latency, cold start, sizes, memory), which prints a table and
# writes bench/report.md and bench/latency.svg. Not part of `make test`: there, test-bench only
# checks that every contender accepts the benchmark's inputs and refuses them tampered (no timing).
# `make twiggy`: what takes the space in the .wasm (twiggy from crates.io, pinned, installed once).
.PHONY: bench bench-rust bench-js test-bench twiggy

TWIGGY_VERSION := 0.8.0
# The cold start and the bundle size use the Lambda example's own build when there is one.
BENCH_LAMBDA := $(if $(wildcard mk/lambda.mk),lambda-example)

bench: bench-rust bench-js

bench-rust: setup
	$(call step,bench: Criterion on the Rust core natively (target/criterion))
	cargo bench --quiet --bench verify -- --warm-up-time 1 --measurement-time 3 2>&1 | grep -E '^[a-z_ ()]+/|time:'

bench-js: build $(BENCH_LAMBDA)
	$(call step,bench: warm latency / cold start / sizes / memory → bench/report.md and bench/latency.svg)
	node bench/bench.mjs

test-bench: build
	$(call step,bench inputs: each contender accepts every signed body and refuses it tampered)
	node bench/bench.mjs --smoke

twiggy: setup
	@if [ "$$(twiggy --version 2>/dev/null | awk '{print $$2}')" != "$(TWIGGY_VERSION)" ]; then \
	  printf '\033[1m==> cargo install twiggy $(TWIGGY_VERSION)\033[0m\n'; \
	  cargo install --locked twiggy --version $(TWIGGY_VERSION); fi
	$(call step,twiggy: the .wasm built as by make build with its function names (target/twiggy/))
	WASM_KEEP_NAMES=1 bash scripts/build-wasm.sh
	twiggy top -n 25 target/twiggy/qstash_verifier_bg.wasm
	twiggy dominators -d 2 -r 25 target/twiggy/qstash_verifier_bg.wasm

EXTRA_TESTS += test-bench
