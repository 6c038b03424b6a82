// Wasm memory does not grow with the size of the bodies seen: the shared core (js/src/core.js)
// on the generated glue, initialised here by hand so the test can read the wasm memory.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import test from "node:test";
import { initSync } from "../wasm/qstash_verifier.js";
import { Receiver } from "../src/core.js";
import { qstashToken } from "../../tools/testing/qstash-token.mjs";

const exports = initSync({ module: readFileSync(new URL("../wasm/qstash_verifier_bg.wasm", import.meta.url)) });
const pages = () => exports.memory.buffer.byteLength / 65536;

test("wasm memory stays at its high-water mark whatever the body size", () => {
  const key = "sig_memory_key";
  const url = "https://example.com/memory";
  const now = 1767225600;
  const r = new Receiver({ currentSigningKey: key });
  const verify = (size) => {
    const body = new Uint8Array(size).fill(7);
    assert.equal(r.verifySync({ signature: qstashToken({ key, url, body, iat: now }), body, url, now }).key, "current");
  };
  verify(64 * 1024 + 1); // one full chunk: the largest thing that ever enters wasm memory
  const mark = pages();
  for (const mb of [1, 8, 32]) {
    verify(mb * 1024 * 1024);
    assert.equal(pages(), mark, `after a ${mb} MB body`);
  }
  assert.ok(mark < 64, `wasm memory is ${mark} pages`);
});
