// The fixture's Next.js config: no lint during `next build` (no ESLint is installed), no telemetry
// prompt (test.mjs sets NEXT_TELEMETRY_DISABLED).
export default {
  eslint: { ignoreDuringBuilds: true },
};
