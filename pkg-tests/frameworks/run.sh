#!/usr/bin/env bash
# The framework adapters in their real frameworks: `npm pack ./js` once, then each fixture of
# pkg-tests/frameworks/ is installed from its committed lockfile (`npm ci`, into
# target/frameworks/pkg-tests/frameworks/<fixture>, kept between runs, beside a copy of
# tools/testing/qstash-token.mjs at the same relative path), the tarball is installed over it, and its
# test.mjs serves real routes on loopback and sends them the deliveries of cases.mjs, beside the
# SDK's own wrappers where the SDK has one. Prints each fixture's counts and time; writes what
# every route answered to target/frameworks/results/<fixture>.json (table.mjs reads them).
#
# A fixture folder may hold variants/<variant>/package.json + package-lock.json (the same sources
# against other versions, e.g. the next major): the fixture then also runs once per variant as
# <fixture>-<variant>, in its own cache folder, with the variant's package.json and lockfile copied
# over the fixture's files; its test.mjs names its results after its folder.
#
#   pkg-tests/frameworks/run.sh [fixture ...]      (default: every fixture)
#
# A fixture argument runs the fixture and all its variants (`nextjs`: nextjs, nextjs-next16);
# `<fixture>-<variant>` runs that variant alone.
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
export NODE22=$root/tools/setup/runtimes/node22/node_modules/node/bin/node
export NODE24=$root/tools/setup/runtimes/node24/node_modules/node/bin/node
export BUN=$root/tools/setup/runtimes/bun/node_modules/.bin/bun
export WORKERD=$root/tools/setup/runtimes/workerd/node_modules/.bin/workerd
while read -r var; do unset "$var"; done < <(compgen -e | grep 'QSTASH')
cache=$root/target/frameworks
export RESULTS=$cache/results
mkdir -p "$cache" "$RESULTS"

args=("$@")
if [ ${#args[@]} -eq 0 ]; then
  rm -rf "$RESULTS" && mkdir -p "$RESULTS" # every fixture runs: no answers left from an older run
  for d in pkg-tests/frameworks/*/; do args+=("$(basename "$d")"); done
fi
# Each run as "<name> <fixture> <variant>" (variant "" for the fixture's own package.json).
runs=()
for arg in "${args[@]}"; do
  if [ -d "pkg-tests/frameworks/$arg" ]; then
    runs+=("$arg $arg ")
    for v in "pkg-tests/frameworks/$arg"/variants/*/; do
      [ -f "$v/package.json" ] && runs+=("$arg-$(basename "$v") $arg $(basename "$v")")
    done
  else
    found=
    for v in pkg-tests/frameworks/*/variants/*/; do
      f=$(basename "$(dirname "$(dirname "$v")")")
      [ "$f-$(basename "$v")" = "$arg" ] && found="$arg $f $(basename "$v")"
    done
    [ -n "$found" ] || { echo "no fixture or variant named $arg"; exit 1; }
    runs+=("$found")
  fi
done

tgz=$(npm pack ./js --pack-destination "$cache" --silent 2>/dev/null | tail -n 1)
[ -f "$cache/$tgz" ] || { echo "npm pack ./js failed"; exit 1; }
echo "packed $tgz; fixtures in $cache"

failed=0 passed=0
for r in "${runs[@]}"; do
  read -r name fixture variant <<<"$r"
  src=pkg-tests/frameworks/$fixture dir=$cache/pkg-tests/frameworks/$name start=$SECONDS
  pkg=$src${variant:+/variants/$variant}
  mkdir -p "$dir"
  # The fixture's files over the cached install (node_modules and build output stay), then the
  # variant's package.json and lockfile over them.
  (cd "$src" && tar -cf - --exclude=node_modules --exclude=./variants .) | (cd "$dir" && tar -xf -)
  cp "$pkg/package.json" "$pkg/package-lock.json" "$dir/"
  # Files an earlier copy left there that the fixture no longer has go (kit 3 refuses to build
  # beside a svelte.config.js, for one); .copied lists what the last copy brought.
  files=$(cd "$src" && find . \( -name node_modules -o -path ./variants \) -prune -o -type f -print | sort)
  if [ -f "$dir/.copied" ]; then comm -23 "$dir/.copied" <(echo "$files") | while read -r f; do rm -f "$dir/$f"; done; fi
  echo "$files" >"$dir/.copied"
  cp pkg-tests/frameworks/*.mjs "$cache/pkg-tests/frameworks/"
  mkdir -p "$cache/tools/testing" && cp tools/testing/qstash-token.mjs "$cache/tools/testing/"
  stamp=$(sha256sum "$pkg/package-lock.json" | cut -c1-16)
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
