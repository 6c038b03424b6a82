#!/usr/bin/env bash
# tsc --noEmit on consumer.ts against the installed package's types, once per resolution mode;
# prints the declaration files each mode used. Usage: check.sh path/to/tsc
set -uo pipefail
tsc=${1:?usage: check.sh TSC}
mkdir -p esm cjs
cp consumer.ts esm/consumer.mts
cp consumer.ts cjs/consumer.cts
pass=0 fail=0
# mode config  the package declarations this mode must use
for spec in "ESM, module nodenext:tsconfig.nodenext.json:index.d.ts wasm.d.ts" \
  "CJS, module node16:tsconfig.node16-cjs.json:index.d.cts wasm.d.cts" \
  "moduleResolution bundler (+DOM Request, the adapters):tsconfig.bundler.json:index.d.ts wasm.d.ts adapters.d.ts express.d.ts fastify.d.ts h3.d.ts hono.d.ts nextjs.d.ts node-http.d.ts nuxt.d.ts solidjs.d.ts svelte.d.ts"; do
  IFS=: read -r mode config want <<<"$spec"
  out=$("$tsc" -p "$config" --listFiles 2>&1)
  status=$?
  used=$(grep -o 'node_modules/qstash-verifier/dist/[^ ]*' <<<"$out" | sed 's|.*/||' | sort | tr '\n' ' ')
  if [ "$status" -eq 0 ] && [ "${used% }" = "$(tr ' ' '\n' <<<"$want" | sort | tr '\n' ' ' | sed 's/ $//')" ]; then
    pass=$((pass + 1))
    echo "  tsc --noEmit, $mode: ok (types: ${used% })"
  else
    fail=$((fail + 1))
    echo "  FAILED tsc --noEmit, $mode (types: ${used% }, want $want):"
    grep -v '^/' <<<"$out" | sed 's/^/    /'
  fi
done
echo "typescript (tsc $("$tsc" --version | awk '{print $2}')): $pass passed, $fail failed"
[ "$fail" -eq 0 ]
