# The `qstash-verifier` command (js/src/cli.js, dist/cli.cjs), as npm installs it.
#   make test-cli          the command from the packed tarball (npx), and docs/cli.md's session is what it prints
#   make cli-session       rewrite docs/cli.md's CLI session from a fresh run
.PHONY: test-cli cli-session

EXTRA_TESTS += test-cli

test-cli: build
	$(call step,qstash-verifier from the packed tarball: npx on Node 20 and the .bin link on Node 16 / 22)
	bash tools/testing/cli-pack-test.sh
	$(call step,docs/cli.md's qstash-verifier session against a fresh run)
	bash tools/testing/cli-session.sh --check

cli-session: build
	bash tools/testing/cli-session.sh --write
