// The bundled function (dist/index.js) alone in an empty folder, required and invoked directly
// on the Node binary running this script, with every file-system read recorded: it must read
// no file but itself (the wasm is inside it). Also: without signing keys, a cold start logs
// missing_signing_key and every request is answered 500 with that code, never a stack trace.
//
//   cd EMPTY_DIR_WITH_INDEX_JS && node pkg-tests/lambda-bundle/direct.mjs EMPTY_DIR_WITH_INDEX_JS/index.js
import fs from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { HEADER, KEYS, lambdaCases, row } from "../../tools/testing/lambda-events.mjs";

const indexJs = resolve(process.argv[2] || "index.js");
const require = createRequire(indexJs);

// Record every path the function touches through node:fs from here on.
const touched = new Set();
const names = [
  "readFileSync",
  "readFile",
  "openSync",
  "open",
  "statSync",
  "stat",
  "lstatSync",
  "lstat",
  "existsSync",
  "exists",
  "readdirSync",
  "readdir",
  "createReadStream",
  "accessSync",
  "access",
  "realpathSync",
];
for (const name of names) {
  const original = fs[name];
  if (typeof original !== "function") continue;
  fs[name] = function (path, ...rest) {
    touched.add(String(path));
    return original.call(this, path, ...rest);
  };
  Object.assign(fs[name], original); // keep realpathSync.native and friends
}
for (const name of ["readFile", "open", "stat", "lstat", "readdir", "access"]) {
  const original = fs.promises[name];
  fs.promises[name] = function (path, ...rest) {
    touched.add(String(path));
    return original.call(this, path, ...rest);
  };
}

let passed = 0;
let failed = 0;
const check = (ok, what) => {
  if (ok) passed += 1;
  else {
    failed += 1;
    console.log(`✗ ${what}`);
  }
};

function load(env) {
  for (const key of Object.keys(KEYS)) delete process.env[key];
  Object.assign(process.env, env);
  delete require.cache[indexJs];
  return require(indexJs);
}
const context = { awsRequestId: "00000000-0000-4000-8000-000000000000", functionName: "qstash-webhook" };

const cases = lambdaCases();
const lines = [];
const withKeys = load(KEYS);
for (const c of cases.filter((x) => x.keys !== false)) {
  const r = row(c, await withKeys.handler(c.event, context));
  check(r.pass, r.line);
  lines.push(r.line);
}

// No keys: the cold start logs missing_signing_key once; requests get 500 with that code.
const logged = [];
const { error, log, warn } = console;
console.error = console.log = console.warn = (...args) => logged.push(args.join(" "));
let withoutKeys;
try {
  withoutKeys = load({});
} finally {
  Object.assign(console, { error, log, warn });
}
check(
  logged.length === 1 && logged[0].includes("missing_signing_key"),
  `cold start without keys logged ${JSON.stringify(logged)}`,
);
for (const c of cases.filter((x) => x.keys === false)) {
  const r = row(c, await withoutKeys.handler(c.event, context));
  check(r.pass, r.line);
  lines.push(r.line);
}

const others = [...touched].filter((p) => resolve(p) !== indexJs);
check(others.length === 0, `files read besides index.js: ${others.join(", ")}`);
check(touched.has(indexJs), "index.js itself was read through node:fs (the recorder works)");

console.log(`${HEADER}\n${lines.join("\n")}`);
console.log(`files read through node:fs: ${[...touched].join(", ")}`);
console.log(`single file on node ${process.version}: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
