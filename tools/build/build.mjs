// The package's build, by named steps, run in order from the repository's root:
//   node tools/build/build.mjs STEP...
//     wasm              the Rust core → js/wasm/ (what `make build` ships)
//     wasm-tools        the same crate with the `tools` feature → js/wasm-tools/ (sign() and the command)
//     js                the npm package → js/dist/ (./js.mjs)
//     all               wasm, wasm-tools and js
//     wasm-names        the wasm step's build with its function names → target/twiggy/ (make twiggy)
//     wasm-tools-names  the same for wasm-tools → target/twiggy-tools/
//     floor             tools/bench/floor, built as the package's .wasm → target/floor/ (make bundle-budget)
import { execFileSync } from "node:child_process";
import { appendFileSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
process.chdir(root);
process.env.PATH = `${root}/node_modules/.bin:${process.env.HOME}/.cargo/bin:${process.env.PATH}`;

// Node.js 16 cannot compile modules that use reference types (externref), which Rust's
// precompiled std turns on, so the .wasm is built for the MVP CPU plus the features that std
// already uses (bulk memory, sign extension, saturating float-to-int, mutable globals) and SIMD,
// which sha2 uses for SHA-256's message schedule.
const CPU_FEATURES = "+bulk-memory,+sign-ext,+nontrapping-fptoint,+mutable-globals,+simd128";
const WASM_OPT_FEATURES = [
  "--enable-bulk-memory",
  "--enable-nontrapping-float-to-int",
  "--enable-sign-ext",
  "--enable-mutable-globals",
  "--enable-simd",
];

// A new instance of the same compiled module, for js/src/core.js to use after a call into wasm was
// abandoned (a JS exception through it, or a trap): everything such a call left in wasm memory
// (the shadow stack, the allocator's lock, half-written heap) goes with the old instance.
const REINSTANTIATE = `
/** Appended by tools/build/build.mjs: a new instance of the module, replacing the current one. */
export function reinstantiate() {
    return __wbg_finalize_init(new WebAssembly.Instance(wasmModule, __wbg_get_imports()), wasmModule);
}
`;

const CRATE = ["--manifest-path", "Cargo.toml"];

const run = (command, args, env = {}) =>
  execFileSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });

/**
 * One .wasm and its wasm-bindgen glue: cargo for wasm32, wasm-bindgen's `web` glue (the one glue
 * every runtime can load), then wasm-opt from npm's binaryen. `target` is cargo's target dir and
 * `out` the glue's folder; `name` the files' stem; `crate` the manifest and `lib` its library's
 * name; `names` keeps the function names (for twiggy and the budget).
 */
function wasm({ target, out, name = "qstash_verifier", features = [], crate = CRATE, lib = "qstash_verifier", names }) {
  const keep = names ? ["-g"] : [];
  // Without the default `std` feature, so that the crate is `no_std` on wasm (Cargo.toml).
  const cargo = ["build", "--quiet", "--release", "--lib", "--target", "wasm32-unknown-unknown"];
  run("cargo", [...cargo, "--no-default-features", ...features, ...crate], {
    RUSTFLAGS: `-C target-cpu=mvp -C target-feature=${CPU_FEATURES}`,
    CARGO_TARGET_DIR: target,
    ...(names ? { CARGO_PROFILE_RELEASE_STRIP: "false" } : {}),
  });
  // wasm-bindgen reads the target_features section (std's "reference-types") to decide on
  // externref glue: stripped first (with Cargo.toml's per-package opt-levels, cargo leaves it in).
  const linked = `${target}/qstash_verifier.wasm`;
  run("wasm-opt", [
    "--strip-target-features",
    ...keep,
    ...WASM_OPT_FEATURES,
    `${target}/wasm32-unknown-unknown/release/${lib}.wasm`,
    "-o",
    linked,
  ]);
  const outName = name === "qstash_verifier" ? [] : ["--out-name", name];
  run("wasm-bindgen", ["--target", "web", "--omit-default-module-path", ...outName, "--out-dir", out, linked]);
  const optimised = `${out}/${name}_bg.wasm`;
  run("wasm-opt", [
    "-Oz",
    "--converge",
    "--strip-producers",
    ...keep,
    ...WASM_OPT_FEATURES,
    optimised,
    "-o",
    optimised,
  ]);
  appendFileSync(`${out}/${name}.js`, REINSTANTIATE);
}

// The `tools` feature adds the `sign` and `diagnose` exports (src/wasm/tools.rs), with std and
// serde-wasm-bindgen, into a second .wasm that only sign() and the command load; its own target
// dir keeps the two builds from overwriting each other.
const tools = { name: "qstash_verifier_tools", features: ["--features", "tools"] };
const floorCrate = "tools/bench/floor";

const STEPS = {
  wasm: () => wasm({ target: "target", out: "js/wasm" }),
  "wasm-tools": () => wasm({ ...tools, target: "target/wasm-tools", out: "js/wasm-tools" }),
  js: () => import("./js.mjs"),
  "wasm-names": () => wasm({ target: "target/twiggy", out: "target/twiggy", names: true }),
  "wasm-tools-names": () => wasm({ ...tools, target: "target/twiggy-tools", out: "target/twiggy-tools", names: true }),
  // The floor's .wasm is target/floor/qstash_verifier_bg.wasm, named like the package's.
  floor: () =>
    wasm({
      target: `${root}/target/floor`,
      out: "target/floor",
      crate: ["--manifest-path", `${floorCrate}/Cargo.toml`, "--locked"],
      lib: /^name = "(.*)"/m.exec(readFileSync(`${floorCrate}/Cargo.toml`, "utf8"))[1].replaceAll("-", "_"),
    }),
};
STEPS.all = async () => {
  for (const step of ["wasm", "wasm-tools", "js"]) await STEPS[step]();
};

const steps = process.argv.slice(2);
const unknown = steps.filter((s) => !Object.hasOwn(STEPS, s));
if (steps.length === 0 || unknown.length > 0) {
  console.error(`usage: node tools/build/build.mjs STEP... (steps: ${Object.keys(STEPS).join(", ")})`);
  process.exit(2);
}
for (const step of steps) await STEPS[step]();
