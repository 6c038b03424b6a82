// The build command of Upstash's AWS Lambda guide, word for word, and the one place the tools
// take its esbuild flags from: examples/aws-lambda's `npm run build` runs it (./example.sh), the
// bench bundles its handlers with it (tools/bench/guide-bundle.mjs), and pkg-tests/lambda-bundle
// builds with it. ./guide-build.test.mjs (make test-tools) checks the example's script is still
// this command.
//   node tools/lambda/guide-build.mjs   prints the command's arguments after `esbuild`, for a shell
import { fileURLToPath } from "node:url";

export const GUIDE_COMMAND =
  "esbuild index.ts --bundle --minify --sourcemap --platform=node --target=es2020 --outfile=dist/index.js";

/** The command's flags, but where the output goes. */
export const GUIDE_FLAGS = GUIDE_COMMAND.split(" ").filter((w) => w.startsWith("--") && !w.startsWith("--outfile="));

/** The same flags as options of esbuild's `build()`, which spells them alike: `--target=es2020` is `target: "es2020"`. */
export const GUIDE_OPTIONS = Object.fromEntries(
  GUIDE_FLAGS.map((flag) => {
    const [name, value] = flag.slice(2).split("=");
    return [name, value ?? true];
  }),
);

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(GUIDE_COMMAND.split(" ").slice(1).join(" "));
}
