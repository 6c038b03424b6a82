#!/usr/bin/env bash
# Builds examples/aws-lambda as Upstash's guide does: `npm run build`, i.e. the guide's own esbuild
# command (no loader options; tools/lambda/guide-build.test.mjs checks the script still spells
# it) and `cd dist && zip -r index.zip index.js*`.
# Installs the example's packages from its lockfile first (skipped when already done), and
# type-checks the handler against @types/aws-lambda. Needs js/dist (make build).
set -euo pipefail
cd "$(dirname "$0")/../../examples/aws-lambda"

if ! command -v zip >/dev/null || ! command -v unzip >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "==> apt-get install zip unzip (the guide zips the bundle)"
    apt-get install -y -qq zip unzip >/dev/null || { apt-get update -qq && apt-get install -y -qq zip unzip >/dev/null; }
  else
    echo "zip and unzip are needed (the guide zips the bundle): install them" >&2
    exit 1
  fi
fi

stamp=node_modules/.ci-stamp
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  echo "==> npm ci in examples/aws-lambda"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi

npm run --silent typecheck
npm run --silent build >/dev/null 2>build.log || { cat build.log >&2; rm -f build.log; exit 1; }
rm -f build.log
echo "examples/aws-lambda: type-checked; built dist/index.js ($(wc -c <dist/index.js) bytes) and dist/index.zip ($(wc -c <dist/index.zip) bytes) with the guide's command"
