// A hostile or careless caller (pkg-tests/shared/hostile-callers.mjs has the cases), through the
// built package on this Node: the main entry (dist/node.mjs, bodies hashed by node:crypto) and
// qstash-verifier/wasm (dist/wasm.mjs, bodies hashed in wasm). Each case runs in a child process
// with a time limit, so a hang fails the test instead of stopping the run. The cases that need
// the module's own exports (the shadow-stack pointer, what crosses into `verify`) wrap
// `WebAssembly.Instance` before the package loads; Node 16's exit is checked on Node 16 itself.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import test from "node:test";

const dist = new URL("../dist/", import.meta.url);
const shared = new URL("../../pkg-tests/shared/", import.meta.url);
const NODE16 = fileURLToPath(new URL("../../tools/setup/runtimes/node16/node_modules/node/bin/node", import.meta.url));

/** The package as an entry loads it, in the child's source. */
const load = {
  node: `const pkg = await import(${JSON.stringify(new URL("node.mjs", dist).href)});`,
  wasm: `const pkg = await import(${JSON.stringify(new URL("wasm.mjs", dist).href)});
    pkg.initWasmSync((await import("node:fs")).readFileSync(new URL(${JSON.stringify(new URL("qstash_verifier_bg.wasm", dist).href)})));`,
};

/** Runs `source` (an ES module) in a child `node`; returns what it printed last, as JSON. */
function child(source, { node = process.execPath, timeout = 60_000, args = [] } = {}) {
  const run = spawnSync(node, [...args, "--input-type=module", "-e", source], { encoding: "utf8", timeout });
  assert.equal(run.signal, null, `killed after ${timeout / 1000} s (a hang): ${run.stderr.slice(-500)}`);
  assert.equal(run.status, 0, `exit ${run.status}: ${run.stderr.slice(-2000)}`);
  return JSON.parse(run.stdout.trim().split("\n").pop());
}

/** One group of the shared cases, through one entry; asserts each passed. */
function group(name, entry, options) {
  const result = child(
    `${load[entry]}
    const { hostileFixtures } = await import(${JSON.stringify(new URL("hostile-fixtures.mjs", shared).href)});
    const { runHostileCallers } = await import(${JSON.stringify(new URL("hostile-callers.mjs", shared).href)});
    console.log(JSON.stringify(await runHostileCallers(pkg, hostileFixtures(), { only: ${JSON.stringify(name)} })));`,
    options,
  );
  assert.deepEqual(result.failures, [], `${entry} entry: ${result.failures.join("; ")}`);
  assert.ok(result.passed > 0, `${entry} entry: no case ran`);
  return result;
}

/**
 * Child source that wraps `WebAssembly.Instance`, so that `instances` holds every instance the
 * glue makes (the latest last) and `calls` what each call of `verify` received.
 */
const INSTRUMENT = `
  const instances = [];
  const calls = [];
  const Instance = WebAssembly.Instance;
  function Wrapped(module, imports) {
    const real = new Instance(module, imports);
    const exports = { ...real.exports };
    for (const name of ["verify", "verify_digest"]) {
      if (typeof exports[name] !== "function") continue;
      const f = exports[name];
      // verify(input_ptr, input_len, ...); before it, verify_digest(retptr, keys, input_ptr, input_len, ...).
      exports[name] = (...a) => (calls.push({ name, inputLength: name === "verify" ? a[1] : a[3] }), f(...a));
    }
    const made = Object.create(Instance.prototype, { exports: { value: Object.freeze(exports) } });
    instances.push(made);
    return made;
  }
  Wrapped.prototype = Instance.prototype;
  WebAssembly.Instance = Wrapped;
`;

/** An instrumented child's start: the main entry, the fixtures `f` and a Receiver of them. */
const INSTRUMENTED = `${INSTRUMENT}
  ${load.node}
  const { hostileFixtures } = await import(${JSON.stringify(new URL("hostile-fixtures.mjs", shared).href)});
  const f = hostileFixtures();
  const receiver = new pkg.Receiver({ currentSigningKey: f.key });
`;

test("1. an exception through a wasm call leaves the module healthy (stack exhaustion, a url list past any string's length)", () => {
  for (const entry of ["node", "wasm"]) {
    group("stack", entry);
    group("urls", entry, { args: ["--max-old-space-size=2048"], timeout: 10_000 });
  }
});

test("1. the shadow-stack pointer is where it was after 1,000 exceptions through wasm", () => {
  const got = child(`${INSTRUMENTED}
    const request = { signature: f.genuine, body: "outer body", url: f.outerUrl, now: f.now };
    // stack_pointer: an export kept for this test; __wbindgen_add_to_stack_pointer(0) before it.
    const pointer = () => {
      const e = instances[instances.length - 1].exports;
      return typeof e.stack_pointer === "function" ? e.stack_pointer() : e.__wbindgen_add_to_stack_pointer(0);
    };
    receiver.verifySync(request);
    const before = pointer();
    const made = instances.length;
    const { exhaustStack } = await import(${JSON.stringify(new URL("hostile-callers.mjs", shared).href)});
    const { rangeErrors, other } = exhaustStack(() => receiver.verifySync(request), 1000);
    const otherError = other === undefined ? undefined : String(other);
    const key = receiver.verifySync(request).key;
    console.log(JSON.stringify({ before, after: pointer(), rangeErrors, otherError, key, abandoned: instances.length - made }));`);
  assert.equal(got.otherError, undefined);
  assert.ok(got.rangeErrors >= 1000, `${got.rangeErrors} RangeErrors`);
  assert.ok(got.abandoned > 0, "no exception passed through a wasm call: the test proves nothing");
  assert.equal(got.key, "current");
  assert.equal(got.after, got.before, `the shadow-stack pointer moved from ${got.before} to ${got.after}`);
});

test("2. re-entrant getters, Proxies, warnings and typed-array subclasses cannot make a forged token pass", () => {
  for (const entry of ["node", "wasm"]) for (const name of ["getter", "proxy", "warn", "subclass"]) group(name, entry);
});

test("3. a Node 16 process using qstash-verifier/wasm or the inline entry exits, with an exit handler that allocates", () => {
  const inline = new URL("inline.mjs", dist).href;
  for (let run = 0; run < 2; run++) {
    const got = child(
      `${load.wasm}
      const inline = await import(${JSON.stringify(inline)});
      for (let i = 0; i < 2000; i++) {
        for (const m of [pkg, inline]) {
          const r = new m.Receiver({ currentSigningKey: "sig_exit_" + (i % 7), nextSigningKey: i % 2 ? "sig_n" : undefined });
          try { r.verifySync({ signature: "a.b.c", body: "x" }); } catch (e) { if (e.code !== "malformed_token") throw e; }
        }
      }
      globalThis.gc();
      process.on("exit", () => { const junk = []; for (let i = 0; i < 100000; i++) junk.push({ i }); globalThis.gc(); });
      console.log(JSON.stringify({ done: true }));`,
      { node: NODE16, timeout: 20_000, args: ["--expose-gc"] },
    );
    assert.equal(got.done, true);
  }
});

test("4. two key pairs never share a handle", () => {
  for (const entry of ["node", "wasm"]) group("pairs", entry);
});

test("5. a view out of its resized buffer's bounds, or on a detached buffer, is a TypeError", (t) => {
  if (typeof ArrayBuffer.prototype.resize !== "function") {
    t.skip(`no resizable ArrayBuffer on ${process.version}`);
    return;
  }
  for (const entry of ["node", "wasm"]) group("views", entry);
});

test("6. a long non-ASCII token is refused without being copied into wasm", () => {
  const got = child(`${INSTRUMENTED}
    const outcome = (signature) => {
      try { receiver.verifySync({ signature, body: "", url: f.outerUrl, now: f.now }); return { ok: true }; }
      catch (e) { return { code: e.code, message: e.message }; }
    };
    const long = outcome("é".repeat(16384));
    const longInputs = calls.map((c) => c.inputLength);
    calls.length = 0;
    const ascii = outcome("a".repeat(16384));
    console.log(JSON.stringify({ long, longInputs, ascii, asciiCalls: calls.length }));`);
  assert.equal(got.long.code, "token_too_large");
  assert.match(got.long.message, /32768 bytes/);
  assert.ok(
    got.longInputs.every((n) => n < 16384 + 4096),
    `verify received ${got.longInputs} bytes`,
  );
  assert.equal(got.ascii.code, "malformed_token", "a 16384-byte token is within the limit and reaches the core");
  assert.ok(got.asciiCalls > 0, "the instrumented export saw no call: the test proves nothing");
});
