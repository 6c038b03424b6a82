// Types of `qstash-verifier/wasm`: the main API, with the wasm loaded by hand.
export * from "./index.js";

/**
 * The wasm: a compiled `WebAssembly.Module`, its bytes (`ArrayBuffer`, `Uint8Array`), a fetch
 * `Response`, or a URL (string or `URL`) to fetch.
 */
export type WasmSource = object | string;

/**
 * Loads the wasm; call it once, before the first `new Receiver` (which throws until then).
 * Safe to call more than once.
 */
export declare function initWasm(input: WasmSource | Promise<WasmSource>): Promise<void>;

/** Loads the wasm synchronously from a `WebAssembly.Module` or its bytes. */
export declare function initWasmSync(input: ArrayBuffer | ArrayBufferView | object): void;

/**
 * Loads the tools wasm (`qstash-verifier/qstash_verifier_tools_bg.wasm`), which only `sign()`
 * needs: call it once, before the first `sign()` (which throws until then). Takes what
 * `initWasm` takes. Safe to call more than once.
 */
export declare function initToolsWasm(input: WasmSource | Promise<WasmSource>): Promise<void>;

/** Loads the tools wasm (for `sign()`) synchronously from a `WebAssembly.Module` or its bytes. */
export declare function initToolsWasmSync(input: ArrayBuffer | ArrayBufferView | object): void;
