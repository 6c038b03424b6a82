# Every runtime: the package's exports checked by publint and attw, then the packed
# tarball installed into each fixture of pkg-tests/ and run on its real runtime (Node 16 / 20 / 22
# with require and import, the esbuild Lambda bundle on Node 16, workerd serve, edge-runtime,
# Deno, Bun, headless Chromium, tsc). The JS runtimes come from tools/setup/runtimes/ (npm registry,
# installed by tools/setup/setup.sh); Chromium from Debian's packages (runtimes-browser below).
.PHONY: test-runtimes lint-package runtimes-browser
EXTRA_TESTS += test-runtimes

# attw: --profile node16 leaves out TypeScript's legacy `node10` resolution, which predates
# `exports` and so cannot see any subpath; the .wasm subpaths are binaries, not modules with types.
# (Both reasons are in the README.)
lint-package: build
	$(call step,publint and attw (are the types wrong) on the npm package)
	publint run js --strict
	attw --pack js --profile node16 --no-definitely-typed \
	  --exclude-entrypoints ./qstash_verifier_bg.wasm ./qstash_verifier_tools_bg.wasm

# Debian's chromium-headless-shell, once (a second run only checks it is there). Failing to
# install it fails the run, as for any other runtime.
SUDO := $(if $(filter 0,$(shell id -u)),,sudo -n)
runtimes-browser:
	@command -v chromium-headless-shell >/dev/null || { \
	  printf '\n\033[1m==> %s\033[0m\n' "apt-get install chromium-headless-shell (for pkg-tests/browser)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends chromium-headless-shell; }

test-runtimes: build lint-package runtimes-browser
	$(call step,pkg-tests: npm pack ./js → installed into each fixture → run on its runtime)
	bash pkg-tests/run.sh
