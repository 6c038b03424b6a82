// The one gzip size of the tools: level 9 by Node's zlib, as every size in the bench report,
// `make lambda-size` and `make sizes` is judged (the gzip command's own deflate finds other matches).
//   node tools/bench/gzip-size.mjs FILE   prints FILE's gzipped size in bytes
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

/** The size in bytes of `bytes` (a Buffer, a Uint8Array or a string) gzipped at level 9. */
export const gzipSize = (bytes) => gzipSync(bytes, { level: 9 }).length;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(String(gzipSize(readFileSync(process.argv[2]))));
}
