#!/usr/bin/env bash
# The single-file test: dist/index.js copied ALONE into an empty temporary folder, then
#  1. invoked through the Lambda emulation (@vercel/fun) on the given Node binary, and
#  2. required and invoked directly on that binary with every node:fs read recorded (direct.mjs);
#  3. the same handler (examples/aws-lambda/index.ts) bundled by the guide's exact esbuild command
#     against the packed tarball (npm pack ./js) installed as a user installs it, and run as in 2.
#
#   bash pkg-tests/lambda-bundle/run.sh NODE_BINARY path/to/dist/index.js
set -euo pipefail
node_bin=$(realpath "${1:?usage: run.sh NODE_BINARY INDEX_JS}")
index_js=$(realpath "${2:?usage: run.sh NODE_BINARY INDEX_JS}")
cd "$(dirname "$0")/../.."
root=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir "$work/alone"
cp "$index_js" "$work/alone/index.js"
node tools/lambda/invoke.mjs --dir "$work/alone" --node "$node_bin"
(cd "$work/alone" && "$node_bin" "$root/pkg-tests/lambda-bundle/direct.mjs" "$work/alone/index.js")

echo
tgz=$(npm pack ./js --pack-destination "$work" --silent | tail -n 1)
read -ra guide < <(node tools/lambda/guide-build.mjs)
mkdir "$work/app"
cp examples/aws-lambda/index.ts "$work/app/"
(cd "$work/app" && echo '{"private":true}' >package.json &&
  npm install --no-audit --no-fund --loglevel=error "$work/$tgz" >/dev/null &&
  "$root/examples/aws-lambda/node_modules/.bin/esbuild" "${guide[@]}" --log-level=warning)
echo "bundled against the packed $tgz: dist/index.js $(wc -c <"$work/app/dist/index.js") bytes"
mkdir "$work/alone2"
cp "$work/app/dist/index.js" "$work/alone2/index.js"
(cd "$work/alone2" && "$node_bin" "$root/pkg-tests/lambda-bundle/direct.mjs" "$work/alone2/index.js")
