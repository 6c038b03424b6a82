// The guide's build command for a Lambda handler, shared by `make bench`, `make lambda-size` and
// tools/bench/budget.mjs.
// Apart from tools/bench/lib.mjs so that what only needs the inputs (tools/bench/memory.mjs) does not load
// esbuild.
import { build } from "esbuild";

/** The guide's flags that shape the code: `esbuild --bundle --minify --platform=node --target=es2020`. */
export const GUIDE_OPTIONS = { bundle: true, minify: true, platform: "node", target: "es2020" };

/**
 * Bundles a Lambda handler as the guide builds its function (its flags and `--sourcemap`), for
 * the bench and `make lambda-size`.
 */
export async function guideBundle(entry, outfile, plugins = []) {
  await build({ ...GUIDE_OPTIONS, entryPoints: [entry], outfile, sourcemap: true, logLevel: "error", plugins });
  return outfile;
}
