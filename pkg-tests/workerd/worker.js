// A Cloudflare Worker receiving QStash deliveries, as a user writes it: the package resolves to
// its `workerd` entry, which imports the .wasm as a module.
//
// The package is imported lazily, inside the first request (esbuild, as wrangler runs it, bundles
// the dynamic import and evaluates it then). That is the strict case: workerd compiles wasm from
// bytes while a Worker starts up, but refuses to during a request ("Wasm code generation
// disallowed by embedder"), so only an entry that imports the .wasm as a module works here.
import { makeHandler } from "../shared/handler.mjs";

const bytes = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]); // the smallest valid wasm module
let handle;

export default {
  async fetch(request, env) {
    if (new URL(request.url).pathname === "/codegen") {
      try {
        new WebAssembly.Module(bytes);
        return new Response("allowed");
      } catch {
        return new Response("refused");
      }
    }
    if (!handle) {
      const pkg = await import("qstash-verifier");
      handle = makeHandler(pkg, { current: env.QSTASH_CURRENT_SIGNING_KEY, next: env.QSTASH_NEXT_SIGNING_KEY });
    }
    return handle(request);
  },
};
