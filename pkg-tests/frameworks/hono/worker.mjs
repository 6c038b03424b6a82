// The Hono app as a Cloudflare Worker, bundled by test.mjs as wrangler bundles it (the keys are
// cases.mjs's, put in by the bundler's `define`).
import { makeApp } from "./app.mjs";

export default makeApp(__QSTASH_TEST_KEYS__);
