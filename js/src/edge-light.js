// Vercel Edge (Next.js edge route handlers and middleware, Vercel Edge Functions), the
// `edge-light` condition. Like workerd, the edge runtime does not compile wasm from bytes; it
// takes a precompiled module imported with the `?module` suffix (Vercel's and Next.js' rule).
// The build keeps this import as `./qstash_verifier_bg.wasm?module`.
import { initSync } from "../wasm/qstash_verifier.js";
// @ts-expect-error tsc resolves no `?module` import: the edge runtime's bundler makes it a WebAssembly.Module.
import wasmModule from "../wasm/qstash_verifier_bg.wasm?module";

// `next dev` and `next start` run edge code in a node:vm context and hand it a WebAssembly.Module
// compiled in the host realm, which fails the glue's `instanceof WebAssembly.Module` (it would then
// try to compile the module as bytes, which the edge runtime refuses). The module is valid in any
// realm of the isolate; giving it this realm's prototype lets the glue instantiate it as it is.
// On Vercel itself the check passes and nothing changes.
if (!(wasmModule instanceof WebAssembly.Module)) {
  Object.setPrototypeOf(wasmModule, WebAssembly.Module.prototype);
}
initSync({ module: wasmModule });

// sign()'s block: the tools .wasm, imported with `?module` like the main one (the build keeps it as
// `./qstash_verifier_tools_bg.wasm?module`), and instantiated on the first sign() only; given
// this realm's prototype first, as the main one is above.
// @ts-expect-error tsc resolves no `?module` import: the edge runtime's bundler makes it a WebAssembly.Module.
import toolsWasm from "../wasm-tools/qstash_verifier_tools_bg.wasm?module";
import { useTools } from "./sign.js";
import { toolsFrom } from "./tools.js";

useTools(
  toolsFrom(() => {
    if (!(toolsWasm instanceof WebAssembly.Module)) Object.setPrototypeOf(toolsWasm, WebAssembly.Module.prototype);
    return toolsWasm;
  }),
);

// (end of sign()'s block)

export * from "./public.js";
