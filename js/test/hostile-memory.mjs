// Wasm memory stays bounded across 1,000,000 hostile calls (hostile-inputs.mjs, seeded): the
// shared core (js/src/core.js) on the generated glue, initialised by hand so that the wasm memory
// can be read, as memory.test.mjs does. Run once, on Node 20, by `make test` (mk/conformance.mk):
//
//   node js/test/hostile-memory.mjs [CALLS]
//
// First every huge value goes once into every field and key (a url or a key is the application's
// own value, copied into wasm whole: the memory's high-water mark follows the largest one seen;
// what an attacker sends cannot move it: the token is at most 16 KiB, and the body crosses in
// 64 KiB chunks: core.js without the Node entry hashes bodies with the wasm hasher). Then the
// seeded calls: after the first tenth of them the memory must not grow at all.
// Closing line: N passed, M failed.
import { readFileSync } from "node:fs";
import { rng } from "../../tools/testing/rng.mjs";
import { initSync } from "../wasm/qstash_verifier.js";
import { Receiver, SignatureError } from "../src/core.js";
import { HUGE_STRINGS, KEY, NEXT_KEY, goodRequest, hostileConfig, hostileRequest } from "./hostile-inputs.mjs";

const CALLS = Number(process.argv[2] ?? 1000000);
Error.stackTraceLimit = 0; // most calls throw: stack traces are most of their cost, and no help here
for (const k of Object.keys(process.env)) if (k.includes("QSTASH")) delete process.env[k];
const exports = initSync({ module: readFileSync(new URL("../wasm/qstash_verifier_bg.wasm", import.meta.url)) });
const pages = () => exports.memory.buffer.byteLength / 65536;

const r = rng("qstash-hostile-memory-1");
const receiver = new Receiver({ currentSigningKey: KEY, nextSigningKey: NEXT_KEY });
const started = Date.now();
const checkpoints = [];
let passed = 0;
let failed = 0;
const fail = (message) => {
  failed++;
  console.log(`FAIL ${message}`);
};
let bad = 0;
const start = pages();
const quiet = (f) => {
  try {
    f();
  } catch (e) {
    if (!(e instanceof SignatureError || e instanceof TypeError) && bad++ < 5)
      fail(`warm-up: ${e?.name}: ${e?.message}`);
  }
};
// What an attacker sends: the token and the body.
for (const v of [...HUGE_STRINGS, new Uint8Array(3 << 20)]) {
  for (const field of ["signature", "body"]) quiet(() => receiver.verifySync({ ...goodRequest(), [field]: v }));
}
const afterAttacker = pages();
// The application's own values: url(s), keys, region.
for (const v of HUGE_STRINGS) {
  for (const field of ["url", "upstashRegion"]) {
    quiet(() => receiver.verifySync({ ...goodRequest(), [field]: v }));
    quiet(() => receiver.verifySync({ ...goodRequest(), [field]: [v, v] }));
  }
  quiet(() => new Receiver({ currentSigningKey: v, nextSigningKey: v }).verifySync(goodRequest()));
}
const afterHuge = pages();
for (let i = 1; i <= CALLS; i++) {
  let target = receiver;
  if (r.chance(0.01)) {
    try {
      target = new Receiver(hostileConfig(r));
    } catch {
      continue;
    }
  }
  try {
    target.verifySync(hostileRequest(r));
  } catch (e) {
    if (!(e instanceof SignatureError || e instanceof TypeError)) {
      if (bad++ < 5) fail(`call ${i}: ${e?.name}: ${e?.message}`);
    }
  }
  if (i % (CALLS / 10) === 0) checkpoints.push(pages());
}
const seconds = (Date.now() - started) / 1000;
const warm = checkpoints[0];
const end = checkpoints[checkpoints.length - 1];
console.log(
  `hostile-memory: ${CALLS} calls in ${seconds.toFixed(1)} s; wasm memory ${start} pages at the start, ` +
    `${afterAttacker} after huge tokens and bodies, ${afterHuge} after huge urls and keys, ${warm} after ${CALLS / 10} calls, ${end} at the end (each tenth: ${checkpoints.join(" ")})`,
);
if (bad === 0) passed++;
else fail(`${bad} calls threw something else than SignatureError / TypeError`);
if (end === warm) passed++;
else fail(`wasm memory grew from ${warm} to ${end} pages after the warm-up`);
// The largest token (16 KiB, as UTF-8 up to 48 KiB) and one 64 KiB body chunk: a few pages.
if (afterAttacker - start <= 4) passed++;
else fail(`huge tokens and bodies grew wasm memory from ${start} to ${afterAttacker} pages`);
if (end === afterHuge) passed++;
else fail(`the seeded calls grew wasm memory from ${afterHuge} to ${end} pages`);
try {
  if (receiver.verifySync(goodRequest()).key === "current") passed++;
  else fail("the good request did not verify with the current key");
} catch (e) {
  fail(`the good request: ${e.code ?? e.message}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
