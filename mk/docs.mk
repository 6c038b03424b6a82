# The documentation (README.md and docs/*.md), checked where it is read (tools/docs/):
#   make docs                rewrite the generated blocks (figures) from docs/bench-report.md
#   make test-docs           those blocks are current and no figure stands outside them; every
#                            relative link resolves in the repository, the npm tarball and the crate
#   make test-docs-examples  every ts / js block type-checked against the packed package in its
#                            fixture's environment; every rust block is a doctest
# The README's error-code table is checked by `cargo test --test generated`, the command's session
# by test-cli (tools/testing/cli-session.sh), the keys table by test-parity, the frameworks table
# by test-frameworks.
.PHONY: docs test-docs test-docs-examples
EXTRA_TESTS += test-docs test-docs-examples

docs:
	$(call step,docs: the generated blocks of README.md and docs/ from docs/bench-report.md)
	node tools/docs/blocks.mjs --write

test-docs: build
	$(call step,docs: the generated blocks are docs/bench-report.md's figures and none stands outside them)
	node tools/docs/blocks.mjs --check
	$(call step,docs: every relative link resolves in the repository / the npm tarball / the crate)
	node tools/docs/links.mjs

# Under `make test` the framework fixtures are installed by test-frameworks first; run alone, the
# tool installs only the fixtures its blocks name.
test-docs-examples: build $(if $(filter test test-all,$(MAKECMDGOALS)),test-frameworks)
	$(call step,docs: every ts / js block type-checked in its environment; rust blocks are doctests)
	node tools/docs/examples.mjs
