// The tools module: the package's second .wasm (src/wasm/tools.rs, built with the `tools` cargo
// feature into js/wasm-tools/; dist/qstash_verifier_tools_bg.wasm), which only sign() and the
// command's `inspect` use. The Rust core mints the token (src/sign.rs) and makes the diagnosis
// (src/diagnose.rs); this file only loads the module and passes arguments through.
//
// Loaded on the first call, not before: each entry says where its .wasm comes from with
// useToolsWasm (a module imported beside the entry, bytes inlined, a file read beside
// dist/tools.cjs...), or initialises it by hand (qstash-verifier/wasm). Nothing here imports
// core.js: dist/tools.cjs, which Node's entry requires on the first sign(), carries no second copy
// of the verifier (nor of SignatureError).
import init, * as glue from "../wasm-tools/qstash_verifier_tools.js";
import { guardWasm } from "./abandon.js";

/**
 * The tools .wasm as an entry hands it over: a compiled module or its bytes.
 * @typedef {import("../wasm-tools/qstash_verifier_tools.js").SyncInitInput} ToolsWasm
 */

/**
 * What `diagnose` takes besides the token.
 * @typedef {object} DiagnoseInputs
 * @property {Uint8Array | undefined} [body]
 * @property {string[] | undefined} [urls]
 * @property {string | undefined} [currentKey]
 * @property {string | undefined} [nextKey]
 * @property {number} now
 * @property {number} clockTolerance
 */

/**
 * One member of a decoded header or claims object (src/diagnose.rs `Member`).
 * @typedef {{ name: string, json: string, string?: string, integer?: number }} DecodedMember
 */

/**
 * A decoded header or claims object, trusting nothing (src/diagnose.rs `Decoded`).
 * @typedef {{ members: DecodedMember[], error?: string, text?: string }} Decoded
 */

/**
 * One check's outcome (src/diagnose.rs `Check`): `code` and `message` when it failed, `reason`
 * when it did not run.
 * @typedef {object} CheckOutcome
 * @property {string} check
 * @property {"passed" | "failed" | "not_run"} status
 * @property {string} [code]
 * @property {string} [message]
 * @property {string} [reason]
 */

/**
 * src/diagnose.rs's `Diagnosis`, as serde-wasm-bindgen hands it over.
 * @typedef {object} Diagnosis
 * @property {number} tokenLength
 * @property {number} segments
 * @property {Decoded} header
 * @property {Decoded} claims
 * @property {{ length: number, sha256: string }} [body]
 * @property {CheckOutcome[]} checks
 * @property {{ valid: boolean, key?: "current" | "next", code?: string, message?: string }} verdict
 */

/**
 * This module's API, as sign.js and the command take it.
 * @typedef {{ signToken: typeof signToken, diagnose: typeof diagnose }} ToolsApi
 */

/**
 * The glue with the `reinstantiate` that tools/build/build.mjs appends to it (its .d.ts is wasm-bindgen's).
 * @typedef {typeof glue & { reinstantiate(): unknown }} Glue
 */

/** @type {(() => ToolsWasm) | undefined} */
let source; // () => a WebAssembly.Module or its bytes, called once, on the first call
let state = "unloaded"; // "ready" once instantiated

/**
 * For entries: `load()` returns the tools .wasm (a WebAssembly.Module or its bytes).
 * @param {() => ToolsWasm} load
 */
export function useToolsWasm(load) {
  source = load;
}

/**
 * For entries: useToolsWasm(load), and the getter of this module's API that sign.js takes.
 * @param {() => ToolsWasm} load
 * @returns {() => ToolsApi}
 */
export function toolsFrom(load) {
  useToolsWasm(load);
  return () => api;
}

/** Whether the module is instantiated. */
export function toolsReady() {
  return state !== "unloaded";
}

/**
 * Instantiates the module from a Module, bytes, a Response or a URL (qstash-verifier/wasm).
 * @param {import("../wasm-tools/qstash_verifier_tools.js").InitInput} input
 */
export async function initTools(input) {
  await init({ module_or_path: input });
  state = "ready";
}

/**
 * Instantiates the module synchronously from a WebAssembly.Module or its bytes.
 * @param {ToolsWasm} input
 */
export function initToolsSync(input) {
  glue.initSync({ module: input });
  state = "ready";
}

// A call abandoned half-way gets a new instance before the next one (abandon.js, as core.js).
const intoTools = guardWasm(() => /** @type {Glue} */ (glue).reinstantiate());

/**
 * @template T
 * @param {() => T} f
 */
function call(f) {
  if (state === "unloaded") {
    if (source === undefined) throw new Error("qstash-verifier: this entry has no tools .wasm (sign() needs it)");
    initToolsSync(source());
  }
  return intoTools(f);
}

/**
 * The token src/sign.rs mints: `body` a Uint8Array (hashed in Rust), `now` and `ttl` safe
 * integers. Throws the error's code (a string) for an empty key.
 * @param {string} signingKey
 * @param {string} url
 * @param {Uint8Array} body
 * @param {number} now
 * @param {number} ttl
 * @param {string} jti
 * @returns {string}
 */
export function signToken(signingKey, url, body, now, ttl, jti) {
  return call(() => glue.sign(signingKey, url, body, now, ttl, jti));
}

/**
 * src/diagnose.rs's diagnosis of `token`, as a plain object: `body` a Uint8Array or undefined,
 * `urls` an array of strings or undefined, keys strings or undefined, `now` and
 * `clockTolerance` safe integers. It holds no key.
 * @param {string} token
 * @param {DiagnoseInputs} inputs
 * @returns {Diagnosis}
 */
export function diagnose(token, { body, urls, currentKey, nextKey, now, clockTolerance }) {
  return call(() => glue.diagnose(token, body, urls, currentKey, nextKey, now, clockTolerance));
}

const api = { signToken, diagnose };
