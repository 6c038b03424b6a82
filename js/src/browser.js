// Browsers and any other runtime (the `browser` and `default` conditions): fetches the .wasm
// beside this file with top-level await. `new URL("./x.wasm", import.meta.url)` is the pattern
// webpack 5, Vite, Parcel and Rollup recognise to emit the file with the bundle; the path is the
// one in dist/ (this file is built to dist/browser.mjs, next to dist/qstash_verifier_bg.wasm).
// A toolchain without top-level await: `qstash-verifier/wasm`, which takes the wasm by hand.
import init from "../wasm/qstash_verifier.js";

await init({ module_or_path: new URL("./qstash_verifier_bg.wasm", import.meta.url) });

// sign()'s block: the tools .wasm beside this file (dist/qstash_verifier_tools_bg.wasm), fetched
// and compiled while the main one loads (js/src/browser-tools.js), and instantiated on the first
// sign() only. When it cannot be loaded, only sign() fails, with the reason.
import { toolsWasm } from "./browser-tools.js";
import { useTools } from "./sign.js";
import { toolsFrom } from "./tools.js";

const toolsModule = await toolsWasm;
useTools(
  toolsFrom(() => {
    if (toolsModule instanceof Error) throw toolsModule;
    return toolsModule;
  }),
);

// (end of sign()'s block)

export * from "./public.js";
