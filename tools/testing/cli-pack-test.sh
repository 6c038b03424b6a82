#!/usr/bin/env bash
# The `qstash-verifier` command as users get it: `npm pack ./js`, install the tarball into an
# empty folder, then run it through npx (Node 20) and through the .bin link under Node 16 and 22:
# sign a token, verify it (exit 0), verify a tampered body (exit 1).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tgz=$(npm pack ./js --pack-destination "$work" --silent | tail -n 1)
mkdir "$work/app"
cd "$work/app"
echo '{"private":true}' >package.json
npm install --no-audit --no-fund --loglevel=error "$work/$tgz" >/dev/null
printf 'hello' >body.txt
printf 'hellO' >tampered.txt
pass=0 fail=0
check() { # description, expected exit, command...
  local what=$1 want=$2 got=0
  shift 2
  "$@" >out.txt 2>&1 || got=$?
  if [ "$got" -eq "$want" ]; then pass=$((pass + 1)); else
    fail=$((fail + 1)); echo "FAILED: $what: exit $got, want $want"; cat out.txt
  fi
}
export QSTASH_CURRENT_SIGNING_KEY=sig_pack_test_key
for node in "$root/tools/setup/runtimes/node16/node_modules/node/bin/node" "$(command -v node)" \
  "$root/tools/setup/runtimes/node22/node_modules/node/bin/node"; do
  v=$("$node" --version)
  bin=(env PATH="$(dirname "$node"):$PATH" npx --no-install qstash-verifier)
  [ "$v" = "$(node --version)" ] || bin=("$node" node_modules/.bin/qstash-verifier)
  token=$("${bin[@]}" sign --url https://example.com/hook --body-file body.txt)
  check "$v sign" 0 "${bin[@]}" sign --url https://example.com/hook
  check "$v verify" 0 "${bin[@]}" verify --signature "$token" --body-file body.txt --url https://example.com/hook
  check "$v verify tampered" 1 "${bin[@]}" verify --signature "$token" --body-file tampered.txt --url https://example.com/hook
  check "$v inspect" 1 "${bin[@]}" inspect "$token" --body-file tampered.txt
  grep -q 'body *FAIL' out.txt || { fail=$((fail + 1)); echo "FAILED: $v inspect did not name the body"; }
  how="npx qstash-verifier"
  [ "${bin[0]}" = env ] || how="node_modules/.bin/qstash-verifier"
  echo "  node $v: qstash-verifier $("${bin[@]}" --version) from the tarball, run as $how"
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
