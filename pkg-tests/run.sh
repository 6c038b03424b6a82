#!/usr/bin/env bash
# The packed package, installed as a user installs it, in every runtime it supports.
#
#   pkg-tests/run.sh [fixture ...]     (default: every fixture)
#
# `npm pack ./js` once; then each fixture is copied into a scratch folder, the tarball is
# `npm install`ed into it, and it runs on its real runtime, printing its own counts. A runtime
# that is not installed (tools/setup/setup.sh installs them from tools/setup/runtimes/) fails the run:
# nothing is skipped. Closing line: "pkg-tests: N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
rt=$root/tools/setup/runtimes
NODE16=$rt/node16/node_modules/node/bin/node
NODE20=$(command -v node)
NODE22=$rt/node22/node_modules/node/bin/node
WORKERD=$rt/workerd/node_modules/.bin/workerd
DENO=$rt/deno/node_modules/.bin/deno
BUN=$rt/bun/node_modules/.bin/bun
EDGE_RUNTIME=$rt/edge-runtime/node_modules/edge-runtime
TSC=$root/node_modules/.bin/tsc
CHROMIUM=$(command -v chromium-headless-shell || echo /usr/bin/chromium-headless-shell)
# The vectors configure their own keys; a Receiver without any reads the environment, which must
# then have none (QSTASH_CURRENT_SIGNING_KEY, QSTASH_DEV, US_EAST_1_QSTASH_..., ...).
while read -r var; do unset "$var"; done < <(compgen -e | grep 'QSTASH')
export ESBUILD=$root/node_modules/esbuild VECTORS=$root/tests/vectors.json WORKERD EDGE_RUNTIME CHROMIUM

all=(node16-cjs node16-esm node20-cjs node20-esm node22-cjs node22-esm lambda-bundle workerd
  edge-runtime deno bun browser typescript)
fixtures=("$@")
[ ${#fixtures[@]} -eq 0 ] && fixtures=("${all[@]}")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tgz=$(npm pack ./js --pack-destination "$work" --silent 2>/dev/null | tail -n 1)
if [ -z "$tgz" ] || [ ! -f "$work/$tgz" ]; then echo "npm pack ./js failed"; exit 1; fi
echo "packed $tgz ($(wc -c <"$work/$tgz") bytes); fixtures in $work/pkg-tests"
# What npm users must find in it besides the code: the README and both licence texts.
# (The listing is read once: `tar | grep -q` under pipefail fails when grep stops reading early.)
listing=$(tar -tzf "$work/$tgz")
for f in package/README.md package/LICENSE-MIT package/LICENSE-APACHE package/dist/node.cjs; do
  grep -qx "$f" <<<"$listing" || { echo "the tarball has no $f"; exit 1; }
done
# The fixtures import their helpers by relative path (../shared/, ../../tools/testing/): the
# scratch folder keeps the repository's layout for them.
mkdir -p "$work/pkg-tests" "$work/tools/testing" "$work/tools/lambda"
cp -r pkg-tests/shared "$work/pkg-tests/shared"
cp tools/testing/qstash-token.mjs tools/testing/vectors.mjs tools/testing/lambda-events.mjs "$work/tools/testing/"
cp tools/lambda/guide-build.mjs "$work/tools/lambda/"

# fixture_dir NAME SOURCE: a scratch copy of pkg-tests/SOURCE with the tarball installed.
fixture_dir() {
  local dir=$work/pkg-tests/$1
  cp -r "pkg-tests/$2" "$dir"
  (cd "$dir" && npm install --no-audit --no-fund --no-package-lock --loglevel=error "$work/$tgz" >/dev/null) ||
    { echo "npm install of the tarball failed in $1"; return 1; }
  echo "$dir"
}

# need BINARY...: every runtime binary must be there and run.
need() {
  local b
  for b in "$@"; do
    if [ ! -x "$b" ]; then
      echo "runtime missing: $b (run tools/setup/setup.sh; it installs tools/setup/runtimes/*)"
      return 1
    fi
  done
}

run_fixture() { # name
  local name=$1 dir
  case $name in
    node16-cjs | node20-cjs | node22-cjs | node16-esm | node20-esm | node22-esm)
      local ver=${name:4:2} kind=${name#*-} bin
      bin=NODE$ver
      need "${!bin}" || return 1
      dir=$(fixture_dir "$name" "node-$kind") || return 1
      (cd "$dir" && "${!bin}" "test.$([ "$kind" = cjs ] && echo cjs || echo mjs)" "$name" "$VECTORS")
      ;;
    lambda-bundle)
      need "$NODE16" || return 1
      dir=$(fixture_dir "$name" lambda-bundle) || return 1
      (cd "$dir" && bash build.sh && mkdir alone && cp dist/index.js alone/ &&
        "$NODE16" test.cjs "$dir/alone/index.js" "$VECTORS")
      ;;
    workerd)
      need "$WORKERD" "$NODE22" || return 1
      dir=$(fixture_dir "$name" workerd) || return 1
      (cd "$dir" && "$NODE22" test.mjs)
      ;;
    edge-runtime)
      need "$NODE22" || return 1
      [ -f "$EDGE_RUNTIME/package.json" ] || { echo "runtime missing: $EDGE_RUNTIME"; return 1; }
      dir=$(fixture_dir "$name" edge-runtime) || return 1
      (cd "$dir" && "$NODE22" test.mjs)
      ;;
    deno)
      need "$DENO" || return 1
      dir=$(fixture_dir "$name" deno) || return 1
      (cd "$dir" && DENO_NO_UPDATE_CHECK=1 DENO_DIR="$work/.deno" "$DENO" run --no-prompt \
        --allow-net=127.0.0.1 --allow-read="$VECTORS,$dir/node_modules/qstash-verifier/dist/qstash_verifier_bg.wasm" \
        test.ts "$VECTORS")
      ;;
    bun)
      need "$BUN" || return 1
      dir=$(fixture_dir "$name" bun) || return 1
      (cd "$dir" && BUN_INSTALL_CACHE_DIR="$work/.bun" "$BUN" run test.ts "$VECTORS")
      ;;
    browser)
      need "$CHROMIUM" "$NODE22" || return 1
      dir=$(fixture_dir "$name" browser) || return 1
      (cd "$dir" && "$NODE22" test.mjs)
      ;;
    typescript)
      need "$TSC" || return 1
      dir=$(fixture_dir "$name" typescript) || return 1
      (cd "$dir" && bash check.sh "$TSC")
      ;;
    *)
      echo "unknown fixture $name (known: ${all[*]})"
      return 1
      ;;
  esac
}

total_pass=0 total_fail=0 summary=()
for name in "${fixtures[@]}"; do
  printf '\n\033[1m--- %s\033[0m\n' "$name"
  out=$(run_fixture "$name" 2>&1)
  status=$?
  echo "$out"
  last=$(grep -E '[0-9]+ passed, [0-9]+ failed' <<<"$out" | tail -n 1)
  p=$(sed -E 's/.* ([0-9]+) passed, ([0-9]+) failed.*/\1/' <<<"$last")
  f=$(sed -E 's/.* ([0-9]+) passed, ([0-9]+) failed.*/\2/' <<<"$last")
  p=${p:-0} f=${f:-0}
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi # a crash, or a runtime that is missing
  summary+=("$(printf '  %-14s %4d passed, %d failed' "$name" "$p" "$f")")
  total_pass=$((total_pass + p)) total_fail=$((total_fail + f))
done

printf '\n\033[1m--- summary\033[0m\n'
printf '%s\n' "${summary[@]}"
echo "pkg-tests: $total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
