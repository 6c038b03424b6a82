// `qstash-verifier/wasm`: the same API, with the wasm loaded by hand, for runtimes and toolchains
// the automatic entries do not fit (no top-level await, a .wasm served from elsewhere, a custom
// bundler rule). Call initWasm (or initWasmSync) once, before the first `new Receiver`.
// The .wasm file itself is `qstash-verifier/qstash_verifier_bg.wasm`.
import init, { initSync } from "../wasm/qstash_verifier.js";
import { Receiver as CoreReceiver } from "./core.js";

let ready = false;

/**
 * Loads the wasm from a WebAssembly.Module, its bytes, a fetch Response, or a URL (string or
 * URL) to fetch; or a promise of any of them. Safe to call more than once.
 */
export async function initWasm(input) {
  if (input === undefined || input === null) {
    throw new TypeError("initWasm needs the wasm: a WebAssembly.Module, bytes, a Response or a URL");
  }
  await init({ module_or_path: await input });
  ready = true;
}

/** Loads the wasm synchronously from a WebAssembly.Module or its bytes. */
export function initWasmSync(input) {
  if (input === undefined || input === null) {
    throw new TypeError("initWasmSync needs the wasm: a WebAssembly.Module or its bytes");
  }
  initSync({ module: input });
  ready = true;
}

export class Receiver extends CoreReceiver {
  constructor(config) {
    if (!ready) {
      throw new Error("qstash-verifier/wasm: call initWasm() or initWasmSync() before new Receiver()");
    }
    super(config);
  }
}

// sign()'s block: the tools .wasm (`qstash-verifier/qstash_verifier_tools_bg.wasm`), which only
// sign() needs, loaded by hand too: initToolsWasm (or initToolsWasmSync) once, before the first
// sign(). Neither Receiver nor verifyRequest needs it.
import { useTools } from "./sign.js";
import { initTools, initToolsSync, toolsFrom } from "./tools.js";

/** Loads the tools .wasm (for sign()) as initWasm loads the main one; safe to call more than once. */
export async function initToolsWasm(input) {
  if (input === undefined || input === null) {
    throw new TypeError("initToolsWasm needs the tools wasm: a WebAssembly.Module, bytes, a Response or a URL");
  }
  await initTools(await input);
}

/** Loads the tools .wasm (for sign()) synchronously from a WebAssembly.Module or its bytes. */
export function initToolsWasmSync(input) {
  if (input === undefined || input === null) {
    throw new TypeError("initToolsWasmSync needs the tools wasm: a WebAssembly.Module or its bytes");
  }
  initToolsSync(input);
}

useTools(
  toolsFrom(() => {
    throw new Error("qstash-verifier/wasm: call initToolsWasm() or initToolsWasmSync() before sign()");
  }),
);
// (end of sign()'s block)

export { SignatureError, ERROR_CODES, MAX_TOKEN_LENGTH } from "./core.js";
export { sign } from "./sign.js";
export { verifyRequest } from "./fetch.js";
