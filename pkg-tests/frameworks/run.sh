#!/usr/bin/env bash
# The framework adapters in their real frameworks: `npm pack ./js` once, then each fixture of
# pkg-tests/frameworks/ is installed from its committed lockfile (`npm ci`, into
# target/frameworks/frameworks/<fixture>, kept between runs, beside a copy of ../shared), the tarball is installed over it, and its
# test.mjs serves real routes on loopback and sends them the deliveries of cases.mjs, beside the
# SDK's own wrappers where the SDK has one. Prints each fixture's counts and time; writes what
# every route answered to target/frameworks/results/<fixture>.json (table.mjs reads them).
#
#   pkg-tests/frameworks/run.sh [fixture ...]      (default: every fixture)
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
export NODE22=$root/scripts/runtimes/node22/node_modules/node/bin/node
export NODE24=$root/scripts/runtimes/node24/node_modules/node/bin/node
export BUN=$root/scripts/runtimes/bun/node_modules/.bin/bun
export WORKERD=$root/scripts/runtimes/workerd/node_modules/.bin/workerd
while read -r var; do unset "$var"; done < <(compgen -e | grep 'QSTASH')
cache=$root/target/frameworks
export RESULTS=$cache/results
mkdir -p "$cache" "$RESULTS"

fixtures=("$@")
if [ ${#fixtures[@]} -eq 0 ]; then
  rm -rf "$RESULTS" && mkdir -p "$RESULTS" # every fixture runs: no answers left from an older run
  for d in pkg-tests/frameworks/*/; do fixtures+=("$(basename "$d")"); done
fi

tgz=$(npm pack ./js --pack-destination "$cache" --silent 2>/dev/null | tail -n 1)
[ -f "$cache/$tgz" ] || { echo "npm pack ./js failed"; exit 1; }
echo "packed $tgz; fixtures in $cache"

failed=0 passed=0
for name in "${fixtures[@]}"; do
  src=pkg-tests/frameworks/$name dir=$cache/frameworks/$name start=$SECONDS
  mkdir -p "$dir"
  # The fixture's files over the cached install (node_modules and build output stay).
  (cd "$src" && tar -cf - --exclude=node_modules .) | (cd "$dir" && tar -xf -)
  cp pkg-tests/frameworks/*.mjs "$cache/frameworks/"
  mkdir -p "$cache/shared" && cp pkg-tests/shared/qstash-token.mjs "$cache/shared/"
  stamp=$(sha256sum "$src/package-lock.json" | cut -c1-16)
  if [ "$(cat "$dir/.installed" 2>/dev/null)" != "$stamp" ]; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || { echo "$name: npm ci failed"; failed=$((failed + 1)); continue; }
    echo "$stamp" >"$dir/.installed"
  fi
  (cd "$dir" && npm install --no-save --no-package-lock --no-audit --no-fund --loglevel=error "$cache/$tgz" >/dev/null) ||
    { echo "$name: installing the tarball failed"; failed=$((failed + 1)); continue; }
  if (cd "$dir" && timeout 900 node test.mjs); then passed=$((passed + 1)); else failed=$((failed + 1)); fi
  echo "$name: $((SECONDS - start)) s"
done
echo "frameworks: $passed fixtures passed, $failed failed"
[ "$failed" -eq 0 ]
