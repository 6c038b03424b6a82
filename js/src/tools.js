// The tools module: the package's second .wasm (src/wasm/tools.rs, built with the `tools` cargo
// feature into js/wasm-tools/; dist/qstash_verifier_tools_bg.wasm), which only sign() and the
// command's `inspect` use. The Rust core mints the token (src/sign.rs) and makes the diagnosis
// (src/diagnose.rs); this file only loads the module and passes arguments through.
//
// Loaded on the first call, not before: each entry says where its .wasm comes from with
// useToolsWasm (a module imported beside the entry, bytes inlined, a file read beside
// dist/tools.cjs...), or initialises it by hand (qstash-verifier/wasm). Nothing here imports
// core.js: dist/tools.cjs, which Node's entry requires on the first sign(), carries no second copy
// of the verifier (nor of SignatureError).
import init, * as glue from "../wasm-tools/qstash_verifier_tools.js";
import { guardWasm } from "./abandon.js";

let source; // () => a WebAssembly.Module or its bytes, called once, on the first call
let state = "unloaded"; // "ready" once instantiated

/** For entries: `load()` returns the tools .wasm (a WebAssembly.Module or its bytes). */
export function useToolsWasm(load) {
  source = load;
}

/** For entries: useToolsWasm(load), and the getter of this module's API that sign.js takes. */
export function toolsFrom(load) {
  useToolsWasm(load);
  return () => api;
}

/** Whether the module is instantiated. */
export function toolsReady() {
  return state !== "unloaded";
}

/** Instantiates the module from a Module, bytes, a Response or a URL (qstash-verifier/wasm). */
export async function initTools(input) {
  await init({ module_or_path: input });
  state = "ready";
}

/** Instantiates the module synchronously from a WebAssembly.Module or its bytes. */
export function initToolsSync(input) {
  glue.initSync({ module: input });
  state = "ready";
}

// A call abandoned half-way gets a new instance before the next one (abandon.js, as core.js).
const intoTools = guardWasm(() => glue.reinstantiate());

function call(f) {
  if (state === "unloaded") {
    if (source === undefined) throw new Error("qstash-verifier: this entry has no tools .wasm (sign() needs it)");
    initToolsSync(source());
  }
  return intoTools(f);
}

/**
 * The token src/sign.rs mints: `body` a Uint8Array (hashed in Rust), `now` and `ttl` safe
 * integers. Throws the error's code (a string) for an empty key.
 */
export function signToken(signingKey, url, body, now, ttl, jti) {
  return call(() => glue.sign(signingKey, url, body, now, ttl, jti));
}

/**
 * src/diagnose.rs's diagnosis of `token`, as a plain object: `body` a Uint8Array or undefined,
 * `urls` an array of strings or undefined, keys strings or undefined, `now` and
 * `clockTolerance` safe integers. It holds no key.
 */
export function diagnose(token, { body, urls, currentKey, nextKey, now, clockTolerance }) {
  return call(() => glue.diagnose(token, body, urls, currentKey, nextKey, now, clockTolerance));
}

const api = { signToken, diagnose };
