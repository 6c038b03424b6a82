// The fixture's Next.js config: no lint during `next build` (no ESLint is installed), no telemetry
// prompt (test.mjs sets NEXT_TELEMETRY_DISABLED).
import { createRequire } from "node:module";

const major = Number(createRequire(import.meta.url)("next/package.json").version.split(".")[0]);

export default {
  // Next 16 no longer lints in `next build` and warns that the `eslint` key is unrecognized.
  ...(major < 16 ? { eslint: { ignoreDuringBuilds: true } } : {}),
};
