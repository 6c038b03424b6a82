// `qstash-verifier/wasm`: the same API, with the wasm loaded by hand, for runtimes and toolchains
// the automatic entries do not fit (no top-level await, a .wasm served from elsewhere, a custom
// bundler rule). Call initWasm (or initWasmSync) once, before the first `new Receiver`.
// The .wasm file itself is `qstash-verifier/qstash_verifier_bg.wasm`.
import init, { initSync } from "../wasm/qstash_verifier.js";
import { Receiver as CoreReceiver } from "./core.js";

/** @import { ReceiverConfig } from "./core.js" */

/**
 * The wasm: a compiled `WebAssembly.Module`, its bytes (`ArrayBuffer`, `Uint8Array`), a fetch
 * `Response`, or a URL (string or `URL`) to fetch.
 * @typedef {object | string} WasmSource
 */

let ready = false;

/**
 * Loads the wasm; call it once, before the first `new Receiver` (which throws until then).
 * Safe to call more than once.
 * @param {WasmSource | Promise<WasmSource>} input
 * @returns {Promise<void>}
 */
export async function initWasm(input) {
  if (input === undefined || input === null) {
    throw new TypeError("initWasm needs the wasm: a WebAssembly.Module, bytes, a Response or a URL");
  }
  // The glue checks what it is given at run time; the types above are the documented ones.
  await init({ module_or_path: /** @type {any} */ (await input) });
  ready = true;
}

/**
 * Loads the wasm synchronously from a `WebAssembly.Module` or its bytes.
 * @param {ArrayBuffer | ArrayBufferView | object} input
 * @returns {void}
 */
export function initWasmSync(input) {
  if (input === undefined || input === null) {
    throw new TypeError("initWasmSync needs the wasm: a WebAssembly.Module or its bytes");
  }
  initSync({ module: /** @type {any} */ (input) });
  ready = true;
}

/** The shape of `@upstash/qstash`'s `Receiver`; `initWasm` or `initWasmSync` must have loaded the wasm first. */
export class Receiver extends CoreReceiver {
  /**
   * @param {ReceiverConfig} [config]
   * @throws Error until the wasm is loaded; SignatureError `missing_signing_key` when no key is
   *   found (see `ReceiverConfig`).
   */
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

/**
 * Loads the tools wasm (`qstash-verifier/qstash_verifier_tools_bg.wasm`), which only `sign()`
 * needs: call it once, before the first `sign()` (which throws until then). Takes what
 * `initWasm` takes. Safe to call more than once.
 * @param {WasmSource | Promise<WasmSource>} input
 * @returns {Promise<void>}
 */
export async function initToolsWasm(input) {
  if (input === undefined || input === null) {
    throw new TypeError("initToolsWasm needs the tools wasm: a WebAssembly.Module, bytes, a Response or a URL");
  }
  await initTools(/** @type {any} */ (await input));
}

/**
 * Loads the tools wasm (for `sign()`) synchronously from a `WebAssembly.Module` or its bytes.
 * @param {ArrayBuffer | ArrayBufferView | object} input
 * @returns {void}
 */
export function initToolsWasmSync(input) {
  if (input === undefined || input === null) {
    throw new TypeError("initToolsWasmSync needs the tools wasm: a WebAssembly.Module or its bytes");
  }
  initToolsSync(/** @type {any} */ (input));
}

useTools(
  toolsFrom(() => {
    throw new Error("qstash-verifier/wasm: call initToolsWasm() or initToolsWasmSync() before sign()");
  }),
);

// (end of sign()'s block)

// Everything else of the public API, and its types; this file's own Receiver wins over public.js's.
export * from "./public.js";
