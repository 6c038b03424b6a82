# The framework adapters (qstash-verifier/nextjs, /h3, /express, ...) in their real frameworks,
# from the packed tarball, over HTTP on loopback (pkg-tests/frameworks/run.sh), beside the SDK's
# own wrappers; and the table of what each answered, in docs/frameworks.md.
#
# `make frameworks-compare` runs every fixture and rewrites the table from their answers;
# `make test-frameworks` runs every fixture and then checks the docs' copy is current.
.PHONY: test-frameworks frameworks-compare
EXTRA_TESTS += test-frameworks

test-frameworks: build
	$(call step,frameworks: each adapter in its framework, from the tarball, over loopback HTTP)
	@start=$$(date +%s); bash pkg-tests/frameworks/run.sh; \
	  echo "frameworks stage: $$(( $$(date +%s) - start )) s"
	$(call step,frameworks: docs/frameworks.md's table is what the fixtures answered)
	node pkg-tests/frameworks/table.mjs --check

frameworks-compare: build
	bash pkg-tests/frameworks/run.sh
	node pkg-tests/frameworks/table.mjs
