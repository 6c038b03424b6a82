#!/usr/bin/env bash
# `npm pack ./js`, install the tarball into an empty folder, and verify the real QStash tokens
# with require and with import under Node 16, 20 and 22.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

tgz=$(npm pack ./js --pack-destination "$work" --silent | tail -n 1)
echo "packed $tgz ($(wc -c <"$work/$tgz") bytes)"
mkdir "$work/app"
cp pkg-tests/node/verify-real.cjs pkg-tests/node/verify-real.mjs "$work/app/"
(cd "$work/app" && echo '{"private":true}' >package.json &&
  npm install --no-audit --no-fund --loglevel=error "$work/$tgz" >/dev/null)
for node in "$root/scripts/runtimes/node16/node_modules/node/bin/node" "$(command -v node)" \
  "$root/scripts/runtimes/node22/node_modules/node/bin/node"; do
  for script in verify-real.cjs verify-real.mjs; do
    (cd "$work/app" && "$node" "$script" "$root/tests/real-qstash-tokens.json") ||
      { echo "FAILED: $script under $node"; exit 1; }
  done
done
