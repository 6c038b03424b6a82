#!/usr/bin/env bash
# `make demo-lambda`: the example function's zip (examples/aws-lambda/dist/index.zip, as the guide
# uploads it) unzipped into an empty folder and invoked through the Lambda emulation on the given
# Node binary (the guide's runtime is Node 16), printing the table event → expected → got.
#
#   bash tools/lambda/demo.sh NODE_BINARY
set -euo pipefail
node_bin=$(realpath "${1:?usage: demo.sh NODE_BINARY}")
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unzip -q examples/aws-lambda/dist/index.zip -d "$work/function"
node tools/lambda/invoke.mjs --dir "$work/function" --node "$node_bin"
