// Bundles a Lambda handler as the guide builds its function (tools/lambda/guide-build.mjs: its
// esbuild command's flags), for `make bench` and `make lambda-size`. Apart from tools/bench/lib.mjs
// so that what only needs the inputs (tools/bench/memory.mjs) does not load esbuild.
import { build } from "esbuild";
import { GUIDE_OPTIONS } from "../lambda/guide-build.mjs";

/** `entry` bundled into `outfile` (and its source map) by the guide's command. */
export async function guideBundle(entry, outfile, plugins = []) {
  await build({ ...GUIDE_OPTIONS, entryPoints: [entry], outfile, logLevel: "error", plugins });
  return outfile;
}
