#!/usr/bin/env bash
# The guide's own bundling command, word for word (no loader options), as
# tools/lambda/guide-build.mjs holds it: one file, dist/index.js.
set -euo pipefail
read -ra guide < <(node ../../tools/lambda/guide-build.mjs)
"$ESBUILD/bin/esbuild" "${guide[@]}" --log-level=warning
