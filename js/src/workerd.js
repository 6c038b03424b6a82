// Cloudflare Workers (workerd), the `workerd` condition (wrangler resolves with it). workerd
// refuses to compile wasm from bytes during a request ("Wasm code generation disallowed by
// embedder"; it allows it while the Worker starts), and a package imported lazily starts during
// one. So the .wasm is imported as a module, which wrangler (and workerd's own `wasm = embed`
// modules) hand over as a compiled WebAssembly.Module. The build keeps this import as
// `./qstash_verifier_bg.wasm`, the file beside dist/workerd.mjs.
import { initSync } from "../wasm/qstash_verifier.js";
import wasmModule from "../wasm/qstash_verifier_bg.wasm";

initSync({ module: wasmModule });

// sign()'s block: the tools .wasm, imported as a module beside this file like the main one
// (dist/qstash_verifier_tools_bg.wasm), and instantiated on the first sign() only.
import toolsWasm from "../wasm-tools/qstash_verifier_tools_bg.wasm";
import { useTools } from "./sign.js";
import { toolsFrom } from "./tools.js";

useTools(toolsFrom(() => toolsWasm));

// (end of sign()'s block)

export * from "./public.js";
