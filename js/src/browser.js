// Browsers and any other runtime (the `browser` and `default` conditions): fetches the .wasm
// beside this file with top-level await. `new URL("./x.wasm", import.meta.url)` is the pattern
// webpack 5, Vite, Parcel and Rollup recognise to emit the file with the bundle; the path is the
// one in dist/ (this file is built to dist/browser.mjs, next to dist/qstash_verifier_bg.wasm).
// A toolchain without top-level await: `qstash-verifier/wasm`, which takes the wasm by hand.
import init from "../wasm/qstash_verifier.js";

await init({ module_or_path: new URL("./qstash_verifier_bg.wasm", import.meta.url) });

export * from "./public.js";
