// Deno: the package installed with npm into node_modules and imported by its bare name (Deno 2
// resolves it from package.json / node_modules with the `deno` condition), run with no read, env
// or net permission beyond the vectors file and 127.0.0.1. Vectors in process, then a Deno.serve
// handler receiving real HTTP POSTs. Usage: deno run ... test.ts path/to/vectors.json
import * as pkg from "qstash-verifier";
import { fetchRequest, report, reportHostile, runVectors } from "../../tools/testing/vectors.mjs";
import { runHostileCallers } from "../shared/hostile-callers.mjs";
import { hostileFixtures } from "../shared/hostile-fixtures.mjs";
import { makeHandler } from "../shared/handler.mjs";
import { KEYS, runE2E } from "../shared/e2e.mjs";

const { vectors } = JSON.parse(await Deno.readTextFile(Deno.args[0]));
const v = report("deno", await runVectors(pkg, vectors, fetchRequest));
// The deno entry hashes bodies in wasm: the hostile callers' cases, typed-array subclasses too.
const h = reportHostile("deno", await runHostileCallers(pkg, hostileFixtures()));

const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, makeHandler(pkg, KEYS));
const e = await runE2E(`http://127.0.0.1:${server.addr.port}`);
await server.shutdown();

// The `browser` / `default` entry, which fetches the .wasm beside it with top-level await: Deno
// is the browser-like runtime here (fetch of a file: URL, import.meta.url), with read access to
// that one file only.
const browserEntry = await import("./node_modules/qstash-verifier/dist/browser.mjs");
const b = report("deno, browser.mjs", await runVectors(browserEntry, vectors, fetchRequest));

// The `npm:` specifier Deno users write resolves to the same installed module.
const npmSpecifier = await import("npm:qstash-verifier");
const same = npmSpecifier.Receiver === pkg.Receiver;
const n = { passed: same ? 1 : 0, failed: same ? 0 : 1 };
if (!same) b.lines.push("    FAILED npm:qstash-verifier is another module than qstash-verifier");

console.log([...v.lines, ...h.lines, ...e.lines, ...b.lines].join("\n"));
const passed = v.passed + h.passed + e.passed + b.passed + n.passed;
const failed = v.failed + h.failed + e.failed + b.failed + n.failed;
const resolved = import.meta.resolve("qstash-verifier").split("/").pop();
console.log(`deno (deno ${Deno.version.deno}, ${resolved}, Deno.serve): ${passed} passed, ${failed} failed`);
Deno.exitCode = failed === 0 ? 0 : 1;
