#!/usr/bin/env bash
# The guide's own bundling command, word for word (no loader options): one file, dist/index.js.
set -euo pipefail
"$ESBUILD/bin/esbuild" index.ts --bundle --minify --sourcemap --platform=node --target=es2020 \
  --outfile=dist/index.js --log-level=warning
