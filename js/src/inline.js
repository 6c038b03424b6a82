// Deno and Bun (the `deno` and `bun` conditions): ES modules with the wasm inlined by the build
// (esbuild's binary loader), compiled from bytes at import. Nothing is read from disk or fetched,
// so Deno needs no --allow-read or --allow-net for it.
import { initSync } from "../wasm/qstash_verifier.js";
import wasmBytes from "../wasm/qstash_verifier_bg.wasm";

initSync({ module: wasmBytes });

// sign()'s block: the tools .wasm, inlined too, as a base64 string (tools/build/js.mjs), which is
// decoded and instantiated on the first sign() only.
import toolsBase64 from "../wasm-tools/qstash_verifier_tools_bg.wasm";
import { useTools } from "./sign.js";
import { toolsFrom } from "./tools.js";

// The build's base64 loader makes the import a string (tsc types it by wasm-bindgen's .wasm.d.ts).
useTools(toolsFrom(() => Uint8Array.from(atob(/** @type {any} */ (toolsBase64)), (c) => c.charCodeAt(0))));

// (end of sign()'s block)

export * from "./public.js";
