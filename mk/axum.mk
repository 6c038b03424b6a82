# The axum extractor (the `axum` feature, src/axum.rs): a real axum server on 127.0.0.1 sent
# hand-written requests (tests/axum.rs), and clippy with the feature on, which `make lint` leaves off.
.PHONY: test-axum

## test-axum: the axum extractor's tests (tests/axum.rs) and clippy with the `axum` feature
test-axum: setup
	$(call step,axum: cargo test --features axum --test axum)
	cargo test --features axum --test axum 2>&1
	$(call step,axum: cargo clippy --features axum --all-targets)
	cargo clippy --quiet --features axum --all-targets -- -D warnings

EXTRA_TESTS += test-axum
