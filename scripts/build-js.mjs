// Builds the npm package in js/ from the wasm-bindgen output in js/wasm/:
//   js/dist/node.cjs   the Node.js entry, one file with the wasm inlined (esbuild binary loader)
//   js/dist/node.mjs   the ESM face of the same module (no second copy of the wasm)
//   js/dist/index.d.ts, index.d.cts   the types, for import and for require
//   js/README.md       the repository README, which npm shows
import { build } from "esbuild";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const js = join(root, "js");
const dist = join(js, "dist");
mkdirSync(dist, { recursive: true });

await build({
  entryPoints: [join(js, "src/node.js")],
  outfile: join(dist, "node.cjs"),
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node16",
  loader: { ".wasm": "binary" },
  legalComments: "none",
  logLevel: "warning",
});

const names = ["Receiver", "SignatureError", "ERROR_CODES", "MAX_TOKEN_LENGTH"];
writeFileSync(
  join(dist, "node.mjs"),
  `// ESM face of node.cjs, so that import and require share one module (and one SignatureError).\n` +
    `import cjs from "./node.cjs";\n\n` +
    names.map((n) => `export const ${n} = cjs.${n};\n`).join(""),
);

copyFileSync(join(js, "src/index.d.ts"), join(dist, "index.d.ts"));
copyFileSync(join(js, "src/index.d.ts"), join(dist, "index.d.cts"));
copyFileSync(join(root, "README.md"), join(js, "README.md"));
