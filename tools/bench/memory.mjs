// `node --expose-gc memory.mjs N`: N verifications (1 KB body, verifySync) with the built
// package (js/dist/node.cjs); prints RSS and wasm memory as JSON, after a warm-up and every N/4.
// The wasm instance is caught as the package creates it, so the figure is the package's own.
import { createRequire } from "node:module";
import { qstashToken } from "../testing/qstash-token.mjs";
import { KEYS, TOKEN_TTL, URL, jsonBody } from "./lib.mjs";

let instance;
const Instance = WebAssembly.Instance;
// biome-ignore lint/complexity/useArrowFunction: the package calls it with `new`, which an arrow function refuses
WebAssembly.Instance = function (module, imports) {
  instance = new Instance(module, imports);
  return instance;
};
const { Receiver } = createRequire(import.meta.url)("../../js/dist/node.cjs");
WebAssembly.Instance = Instance;

const n = Number(process.argv[2] ?? 1_000_000);
const body = jsonBody(1024);
const signature = qstashToken({ key: KEYS.currentSigningKey, url: URL, body, ttl: TOKEN_TTL });
const receiver = new Receiver(KEYS);
const sample = (calls) => {
  global.gc();
  return { calls, rss: process.memoryUsage().rss, wasm: instance.exports.memory.buffer.byteLength };
};

for (let i = 0; i < 10_000; i++) receiver.verifySync({ signature, body, url: URL });
const samples = [sample(0)];
const step = n / 4;
for (let done = 0; done < n; ) {
  for (let i = 0; i < step; i++) receiver.verifySync({ signature, body, url: URL });
  done += step;
  samples.push(sample(done));
}
process.stdout.write(JSON.stringify({ calls: n, samples }));
