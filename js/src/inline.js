// Deno and Bun (the `deno` and `bun` conditions): ES modules with the wasm inlined by the build
// (esbuild's binary loader), compiled from bytes at import. Nothing is read from disk or fetched,
// so Deno needs no --allow-read or --allow-net for it.
import { initSync } from "../wasm/qstash_verifier.js";
import wasmBytes from "../wasm/qstash_verifier_bg.wasm";

initSync({ module: wasmBytes });

export * from "./public.js";
