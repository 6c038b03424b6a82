// Builds the npm package in js/ from the wasm-bindgen output in js/wasm/:
//   js/dist/node.cjs   the Node.js entry, one file with the wasm inlined (as hex)
//   js/dist/node.mjs   the ESM face of the same module (no second copy of the wasm)
//   js/dist/index.d.ts, index.d.cts   the types, for import and for require, emitted from the
//                      JSDoc of js/src (as each adapter's and qstash-verifier/wasm's: the end of this file)
//   js/README.md       the repository README, which npm shows
//   js/LICENSE-*       the licence texts (package.json's "MIT OR Apache-2.0"), which npm packs
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync, cpSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const js = join(root, "js");
const dist = join(js, "dist");
mkdirSync(dist, { recursive: true });

// The .wasm goes into node.cjs as hex, not base64 (esbuild's binary loader): a Lambda bundle is
// judged gzipped, and hex keeps the .wasm's bytes aligned, so gzip finds its repetitions, where
// base64 shifts them. It is plain ASCII, so V8 scans it as fast, and Buffer's native hex decoder
// makes the bytes (docs/bench-report.md: no measurable cold-start cost).
const wasmAsHex = {
  name: "wasm-as-hex",
  setup(b) {
    b.onLoad({ filter: /\.wasm$/ }, (args) => ({
      contents: `export default Buffer.from("${readFileSync(args.path).toString("hex")}", "hex");`,
      loader: "js",
    }));
  },
};
await build({
  entryPoints: [join(js, "src/node.js")],
  outfile: join(dist, "node.cjs"),
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node16",
  plugins: [wasmAsHex],
  legalComments: "none",
  logLevel: "warning",
});

const names = ["Receiver", "SignatureError", "ERROR_CODES", "MAX_TOKEN_LENGTH", "sign", "verifyRequest"];
writeFileSync(
  join(dist, "node.mjs"),
  `// ESM face of node.cjs, so that import and require share one module (and one SignatureError).\n` +
    `import cjs from "./node.cjs";\n\n` +
    names.map((n) => `export const ${n} = cjs.${n};\n`).join(""),
);

copyFileSync(join(root, "README.md"), join(js, "README.md"));
// The docs the README links to, relatively: they ship beside it, so the links work on npm too.
// The folder is emptied first, so that a page removed from docs/ is not shipped.
rmSync(join(js, "docs"), { recursive: true, force: true });
cpSync(join(root, "docs"), join(js, "docs"), { recursive: true });
for (const license of ["LICENSE-MIT", "LICENSE-APACHE"]) copyFileSync(join(root, license), join(js, license));

// The adapters, qstash-verifier/aws-lambda and the frameworks' (ADAPTERS: source → subpath):
// each dist/<source>.cjs and .mjs imports the package itself ("qstash-verifier", a self-reference)
// instead of bundling core.js and the wasm a second time, so an adapter gets the same entry (and
// SignatureError) as the user's own import, whatever the runtime's conditions (node, workerd,
// edge-light, bun, deno...).
const ADAPTERS = {
  "aws-lambda": "./aws-lambda",
  nextjs: "./nextjs",
  h3: "./h3",
  nuxt: "./nuxt",
  svelte: "./svelte",
  solidjs: "./solidjs",
  express: "./express",
  fastify: "./fastify",
  hono: "./hono",
  "node-http": "./node",
};
for (const source of Object.keys(ADAPTERS)) {
  for (const [format, ext] of [
    ["cjs", "cjs"],
    ["esm", "mjs"],
  ]) {
    await build({
      entryPoints: [join(js, `src/${source}.js`)],
      outfile: join(dist, `${source}.${ext}`),
      bundle: true,
      format,
      platform: "node",
      target: "node16",
      legalComments: "none",
      logLevel: "warning",
      plugins: [
        {
          name: "core-is-the-package",
          setup(b) {
            b.onResolve({ filter: /^\.\/core\.js$/ }, () => ({ path: "qstash-verifier", external: true }));
          },
        },
      ],
    });
  }
}

// Per-runtime entries, ES modules sharing one chunk (core, glue, verifyRequest):
//   dist/workerd.mjs     imports ./qstash_verifier_bg.wasm as a module (Cloudflare Workers)
//   dist/edge-light.mjs  imports ./qstash_verifier_bg.wasm?module (Vercel Edge, Next.js)
//   dist/inline.mjs      the wasm inlined, compiled from bytes (Deno, Bun)
//   dist/browser.mjs     fetches ./qstash_verifier_bg.wasm with top-level await (browsers, default)
//   dist/wasm.mjs, wasm.cjs   qstash-verifier/wasm: initWasm / initWasmSync by hand
//   dist/qstash_verifier_bg.wasm   the module itself (also qstash-verifier/qstash_verifier_bg.wasm)
import { readdirSync as listDist, rmSync as removeStale } from "node:fs";
import { basename as baseOf } from "node:path";
for (const f of listDist(dist)) if (/^shared-.*\.mjs$/.test(f)) removeStale(join(dist, f));
// sign()'s tools .wasm in inline.mjs (Deno, Bun): a base64 string, which inline.js decodes on the
// first sign() only (esbuild's binary loader would decode it on every import).
const toolsAsBase64 = {
  name: "tools-wasm-as-base64",
  setup(b) {
    b.onResolve({ filter: /qstash_verifier_tools_bg\.wasm$/ }, (args) =>
      baseOf(args.importer) === "inline.js"
        ? { path: join(args.resolveDir, args.path), namespace: "tools-base64" }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "tools-base64" }, (args) => ({
      contents: readFileSync(args.path),
      loader: "base64",
    }));
  },
};
const wasmBeside = {
  name: "wasm-beside-the-entry",
  setup(b) {
    // inline.js takes the bytes (binary loader); every other entry imports the file beside it.
    b.onResolve({ filter: /\.wasm(\?module)?$/ }, (args) =>
      baseOf(args.importer) === "inline.js" ? undefined : { path: `./${baseOf(args.path)}`, external: true },
    );
  },
};
await build({
  entryPoints: ["workerd", "edge-light", "inline", "browser", "wasm"].map((n) => join(js, `src/${n}.js`)),
  outdir: dist,
  outExtension: { ".js": ".mjs" },
  chunkNames: "shared-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  loader: { ".wasm": "binary" },
  plugins: [toolsAsBase64, wasmBeside],
  legalComments: "none",
  logLevel: "warning",
});
await build({
  entryPoints: [join(js, "src/wasm.js")],
  outfile: join(dist, "wasm.cjs"),
  bundle: true,
  format: "cjs",
  platform: "neutral",
  target: "node16",
  legalComments: "none",
  logLevel: "warning",
});
copyFileSync(join(js, "wasm/qstash_verifier_bg.wasm"), join(dist, "qstash_verifier_bg.wasm"));

// The `qstash-verifier` command: dist/cli.cjs, `bin` in js/package.json. It requires
// ./node.cjs instead of bundling the wasm a second time.
import { chmodSync as makeExecutable } from "node:fs";
await build({
  entryPoints: [join(js, "src/cli.js")],
  outfile: join(dist, "cli.cjs"),
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node16",
  banner: { js: "#!/usr/bin/env node" },
  legalComments: "none",
  logLevel: "warning",
  plugins: [
    {
      name: "cli-uses-the-main-entry",
      setup(b) {
        b.onResolve({ filter: /^\.\/node\.js$/ }, () => ({ path: "./node.cjs", external: true }));
        b.onResolve({ filter: /^\.\/tools-node\.js$/ }, () => ({ path: "./tools.cjs", external: true }));
      },
    },
  ],
});
makeExecutable(join(dist, "cli.cjs"), 0o755);

// sign()'s tools .wasm (src/wasm/tools.rs, js/wasm-tools/, built by the `wasm-tools` step of
// tools/build/build.mjs): dist/qstash_verifier_tools_bg.wasm, which the ES module entries import
// or fetch beside them (or inline: inline.mjs) and qstash-verifier/wasm takes by hand; and
// dist/tools.cjs, its glue for Node.js, which node.cjs requires on the first sign() only (by a
// path esbuild does not follow: js/src/tools-require.js) and cli.cjs for `inspect`. So node.cjs,
// and a Lambda bundle made from it, carry neither.
await build({
  entryPoints: [join(js, "src/tools-node.js")],
  outfile: join(dist, "tools.cjs"),
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node16",
  legalComments: "none",
  logLevel: "warning",
});
copyFileSync(join(js, "wasm-tools/qstash_verifier_tools_bg.wasm"), join(dist, "qstash_verifier_tools_bg.wasm"));

// The types: tsc checks js/src against its JSDoc (js/tsconfig.json; an error fails the build) and
// emits the declarations, put together per published file (tools/build/types.mjs): index.d.ts
// holds the API that public.js lists (its modules' declarations), qstash-verifier/wasm's and each
// adapter's import it from there, and the adapters' shared types are adapters.d.ts (js/src/adapters.js).
import { buildTypes } from "./types.mjs";
// JSDoc cannot augment a global: `req.qstash` on Express's own Request type, as express.js sets it.
const EXPRESS_REQUEST = `
declare global {
  namespace Express {
    interface Request {
      /** Set by qstash-verifier/express once the delivery is verified. */
      qstash?: import("./adapters.js").QStashDelivery;
    }
  }
}`;
buildTypes({
  tsconfig: join(js, "tsconfig.json"),
  dist,
  homes: {
    index: { entry: "public", owns: ["core", "sign", "fetch", "boundary.generated"] },
    wasm: { entry: "wasm" },
    adapters: { entry: "adapters" },
    ...Object.fromEntries(Object.keys(ADAPTERS).map((source) => [source, { entry: source }])),
    express: { entry: "express", append: EXPRESS_REQUEST },
  },
});
