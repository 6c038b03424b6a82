// A process that used Receivers exits, even when the garbage collector runs as it exits. Node 16
// hung for ever there whenever a FinalizationRegistry cleanup was pending (wasm-bindgen's, for
// exported classes, or ours): src/wasm.rs exports no class, and the Node entry turns our
// finalizer off on Node 16 (js/src/core.js, makeKeys). The timeout only detects a hang.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import test from "node:test";

const entry = new URL("../dist/node.mjs", import.meta.url).href;
const script = `
import { Receiver } from ${JSON.stringify(entry)};
for (let i = 0; i < 2000; i++) {
  const r = new Receiver({ currentSigningKey: "sig_exit_" + (i % 7), nextSigningKey: i % 2 ? "sig_n" : undefined });
  try { r.verifySync({ signature: "a.b.c", body: "x" }); } catch (e) { if (e.code !== "malformed_token") throw e; }
}
globalThis.gc();
process.on("exit", () => globalThis.gc());
console.log("done");
`;

test("a process exits after dropping Receivers, with a collection during exit", () => {
  const run = spawnSync(process.execPath, ["--expose-gc", "--input-type=module", "-e", script], {
    encoding: "utf8",
    timeout: 60_000,
  });
  assert.equal(run.signal, null, `killed after 60 s: hung at exit (${process.version})`);
  assert.equal(run.stderr, "");
  assert.equal(run.status, 0);
  assert.equal(run.stdout.trim(), "done");
});
