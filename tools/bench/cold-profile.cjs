// One profiled cold start: `node cold-profile.cjs <bundle.js> <event.json>` loads a bundled Lambda
// handler phase by phase and prints one JSON line of milliseconds: `boot` (process start to this
// script), `parse` (the bundle's source compiled by V8), `hex` (the inlined .wasm decoded),
// `compile` (WebAssembly.Module: on Node 16 every function through Liftoff), `instantiate`,
// `glue` (the rest of the bundle's evaluation), `first` (one event verified), and the process's
// CPU time so far. The wrappers only time the calls they wrap; they change nothing they return.
const { performance } = require("node:perf_hooks");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const Module = require("node:module");

const [bundle, eventFile] = process.argv.slice(2);
const boot = performance.now();
const spent = { hex: 0, compile: 0, instantiate: 0 };
const timed = (key, f) => {
  const t = performance.now();
  try {
    return f();
  } finally {
    spent[key] += performance.now() - t;
  }
};

const from = Buffer.from;
Buffer.from = function (value, encoding, ...rest) {
  if (encoding === "hex") return timed("hex", () => from.call(this, value, encoding, ...rest));
  return from.call(this, value, encoding, ...rest);
};
for (const [name, key] of [
  ["Module", "compile"],
  ["Instance", "instantiate"],
]) {
  const Original = WebAssembly[name];
  // biome-ignore lint/complexity/useArrowFunction: the bundle calls it with `new`, which an arrow function refuses
  const Wrapped = function (...args) {
    return timed(key, () => new Original(...args));
  };
  Wrapped.prototype = Original.prototype;
  Object.setPrototypeOf(Wrapped, Original);
  WebAssembly[name] = Wrapped;
}

const source = fs.readFileSync(bundle, "utf8");
const event = JSON.parse(fs.readFileSync(eventFile, "utf8"));
let t = performance.now();
const script = new vm.Script(Module.wrap(source), { filename: bundle });
const parse = performance.now() - t;
t = performance.now();
const loaded = { exports: {} };
const localRequire = Module.createRequire(path.resolve(bundle));
script.runInThisContext().call(loaded.exports, loaded.exports, localRequire, loaded, bundle, path.dirname(bundle));
const evaluation = performance.now() - t;
t = performance.now();
loaded.exports.handler(event, { awsRequestId: "cold" }).then((res) => {
  const first = performance.now() - t;
  if (res.statusCode !== 200) {
    console.error(`${bundle}: ${res.statusCode} ${res.body}`);
    process.exitCode = 1;
  }
  const cpu = process.cpuUsage();
  const glue = evaluation - spent.hex - spent.compile - spent.instantiate;
  console.log(JSON.stringify({ boot, parse, ...spent, glue, first, cpu: (cpu.user + cpu.system) / 1000 }));
});
