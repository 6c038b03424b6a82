#!/usr/bin/env bash
# Runs the `qstash-verifier` session of docs/cli.md for real and prints it (markdown), or keeps
# docs/cli.md in step with it:
#   bash tools/testing/cli-session.sh           print the session
#   bash tools/testing/cli-session.sh --write   replace the block between the cli-session markers in docs/cli.md
#   bash tools/testing/cli-session.sh --check   fail if docs/cli.md's block differs from a fresh run
# The commands run in an empty folder, with `qstash-verifier` on PATH pointing at js/dist/cli.cjs
# (what `npx qstash-verifier` runs) and no QSTASH_* variable inherited. --now pins the clock.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
mode=${1:-print}

run_session() {
  local work
  work=$(mktemp -d)
  mkdir "$work/bin"
  ln -s "$root/js/dist/cli.cjs" "$work/bin/qstash-verifier"
  (
    cd "$work"
    for v in $(env | grep -o '^[A-Z0-9_]*QSTASH[A-Z0-9_]*' || true); do unset "$v"; done
    export PATH="$work/bin:$PATH"
    echo '```console'
    while IFS= read -r cmd; do
      printf '$ %s\n' "$cmd"
      eval "$cmd" 2>&1 || true
    done <<'COMMANDS'
export QSTASH_CURRENT_SIGNING_KEY=sig_readme_current_key_00000000 QSTASH_NEXT_SIGNING_KEY=sig_readme_next_key_000000000000
printf '{"hello":"world"}' > body.json
TOKEN=$(qstash-verifier sign --url https://example.com/api/webhook --body-file body.json --now 1700000000 --jti jwt_readme)
qstash-verifier verify --signature "$TOKEN" --body-file body.json --url https://example.com/api/webhook --now 1700000100; echo "exit $?"
qstash-verifier verify --signature "$TOKEN" --body-file body.json --url https://example.com/api/webhook/ --now 1700000100; echo "exit $?"
printf '{"hello":"world"}\n' > saved.json
qstash-verifier inspect "$TOKEN" --body-file saved.json --url https://example.com/api/webhook/ --now 1700000400; echo "exit $?"
COMMANDS
    echo '```'
  )
  rm -rf "$work"
}

case $mode in
  print) run_session ;;
  --write | --check)
    fresh=$(mktemp)
    trap 'rm -f "$fresh"' EXIT
    run_session >"$fresh"
    python3 - "$root/docs/cli.md" "$fresh" "$mode" <<'PY'
import re, sys
readme_path, fresh_path, mode = sys.argv[1:]
readme = open(readme_path, encoding="utf-8").read()
fresh = open(fresh_path, encoding="utf-8").read()
begin, end = "<!-- cli-session: begin (bash tools/testing/cli-session.sh --write) -->\n", "<!-- cli-session: end -->"
match = re.search(re.escape(begin) + r"(.*?)" + re.escape(end), readme, re.S)
if not match:
    sys.exit("docs/cli.md has no cli-session markers")
if mode == "--check":
    if match.group(1) != fresh:
        sys.exit("docs/cli.md's CLI session is stale: run bash tools/testing/cli-session.sh --write")
    print("docs/cli.md's CLI session matches a fresh run")
else:
    open(readme_path, "w", encoding="utf-8").write(readme[: match.start(1)] + fresh + readme[match.end(1):])
    print("docs/cli.md's CLI session rewritten")
PY
    ;;
  *) echo "usage: $0 [--write|--check]" >&2; exit 2 ;;
esac
