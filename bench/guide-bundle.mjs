// The guide's build command for a Lambda handler, shared by `make bench` and `make lambda-size`.
// Apart from bench/lib.mjs so that what only needs the inputs (bench/memory.mjs) does not load
// esbuild.
import { build } from "esbuild";

/**
 * Bundles a Lambda handler as the guide builds its function (`esbuild --bundle --minify
 * --sourcemap --platform=node --target=es2020`), for the bench and `make lambda-size`.
 */
export async function guideBundle(entry, outfile, plugins = []) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    minify: true,
    sourcemap: true,
    platform: "node",
    target: "es2020",
    logLevel: "error",
    plugins,
  });
  return outfile;
}
