// Where a Receiver's signing keys come from: the same order as @upstash/qstash 2.12.0's Receiver
// (src/client/multi-region/incoming.ts, getReceiverSigningKeys), with two deliberate differences:
// one key suffices (the SDK wants both, else it silently moves on to the next source), and dev
// mode is refused when NODE_ENV is "production" (its keys are public).
//
//   1. dev mode (`devMode: true`, or QSTASH_DEV = "true" / "1" when `devMode` is not given):
//      the local QStash dev server's published keys, overriding everything else, with a warning;
//   2. the keys in the config (`currentSigningKey`, `nextSigningKey`);
//   3. the environment (an explicit `env` object, else `process.env` where it exists):
//      with QSTASH_REGION set to a known region, the request's `upstashRegion` selects
//      `${REGION}_QSTASH_CURRENT_SIGNING_KEY` / `${REGION}_QSTASH_NEXT_SIGNING_KEY`, falling back
//      to the plain keys; otherwise QSTASH_CURRENT_SIGNING_KEY / QSTASH_NEXT_SIGNING_KEY;
//   4. nothing → `missing_signing_key`.
//
// Runtime-neutral: no module import, `process` only through `globalThis`, every read guarded
// (Deno throws on an environment read without --allow-env).

/** @import { ReceiverConfig } from "./core.js" */

/**
 * A key pair as it crosses into wasm (core.js's `makeKeys`): each key's UTF-8 bytes.
 * @typedef {Readonly<{ current: Uint8Array, next: Uint8Array }>} KeyPair
 */

/**
 * One Receiver's keys: `keys` for every request, or, in a multi-region setup, `keys` undefined
 * and `select(upstashRegion)` the pair for a request's region.
 * @typedef {{ keys: KeyPair, select: undefined } | { keys: undefined, select(upstashRegion: unknown): KeyPair }} ResolvedKeys
 */

/** @typedef {(name: string) => string | undefined} EnvReader */

/** The keys the local QStash dev server signs with (published in @upstash/qstash's source). */
export const DEV_SIGNING_KEYS = Object.freeze({
  currentSigningKey: "sig_7kYjw48mhY7kAjqNGcy6cr29RJ6r",
  nextSigningKey: "sig_5ZB6DVzB1wjE8S6rZ7eenA8Pdnhs",
});

/** The regions QStash's multi-region setup knows, as the SDK spells them. */
export const REGIONS = Object.freeze(["US_EAST_1", "EU_CENTRAL_1"]);

const PREFIX = "[qstash-verifier]";
const CURRENT = "QSTASH_CURRENT_SIGNING_KEY";
const NEXT = "QSTASH_NEXT_SIGNING_KEY";

/**
 * `us-east-1` → `US_EAST_1`; undefined unless it is one of REGIONS.
 * @param {unknown} value
 */
export function normalizeRegion(value) {
  if (typeof value !== "string" || value === "") return undefined;
  const region = value.replace(/-/g, "_").toUpperCase();
  return REGIONS.includes(region) ? region : undefined;
}

/** @returns {Readonly<Record<string, unknown>> | undefined} */
function processEnv() {
  try {
    const proc = globalThis.process;
    return proc && typeof proc.env === "object" && proc.env !== null ? proc.env : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A reader of one environment: a string value, or undefined for absent / empty / unreadable.
 * @param {Readonly<Record<string, unknown>> | undefined} env
 * @returns {EnvReader}
 */
function reader(env) {
  if (env === undefined) return () => undefined;
  return (name) => {
    let value;
    try {
      value = env[name];
    } catch {
      return undefined; // e.g. Deno without --allow-env
    }
    return typeof value === "string" && value !== "" ? value : undefined;
  };
}

/**
 * @param {unknown} value
 * @param {string} name
 */
function optionalKey(value, name) {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string") throw new TypeError(`${name} must be a string`);
  return value;
}

/**
 * QSTASH_DEV as the SDK reads it: "", "false", "0" off; "true", "1" on; anything else an error.
 * @param {string | undefined} value
 */
function devFromEnv(value) {
  if (value === undefined || value === "false" || value === "0") return false;
  if (value === "true" || value === "1") return true;
  throw new TypeError(`QSTASH_DEV must be "true", "1", "false" or "0", not ${JSON.stringify(value)}`);
}

/**
 * Resolves the keys of one Receiver. `makeKeys(current, next)` prepares a key pair (their bytes),
 * `fail(code, message)` builds the error to throw, `warn(message)` reports (console.warn).
 * Returns `{ keys, select }`: `keys` the pair for every request, or, in a multi-region setup,
 * `keys` undefined and `select(upstashRegion)` the pair for a request's region. No wasm is touched here.
 * @param {ReceiverConfig | null | undefined} config
 * @param {(current: string | undefined, next: string | undefined) => KeyPair} makeKeys
 * @param {(code: "missing_signing_key", message: string) => Error} fail
 * @param {(message: string) => void} warn
 * @returns {ResolvedKeys}
 */
export function resolveKeys(config, makeKeys, fail, warn) {
  if (config === undefined || config === null) config = {};
  if (typeof config !== "object") {
    throw new TypeError("Receiver takes { currentSigningKey?, nextSigningKey?, devMode?, env? } or nothing");
  }
  const current = optionalKey(config.currentSigningKey, "currentSigningKey");
  const next = optionalKey(config.nextSigningKey, "nextSigningKey");
  const { devMode, env } = config;
  if (devMode !== undefined && typeof devMode !== "boolean") throw new TypeError("devMode must be a boolean");
  if (env !== undefined && (env === null || typeof env !== "object")) {
    throw new TypeError("env must be an object of environment variables (e.g. a Worker's env, process.env)");
  }
  const read = reader(env !== undefined ? env : processEnv());

  // 1. Dev mode.
  if (devMode ?? devFromEnv(read("QSTASH_DEV"))) return devKeys(devMode, read, current || next, makeKeys, fail, warn);

  // 2. The config.
  if (current !== undefined) return fixed(makeKeys(current, next));
  if (next !== undefined) {
    throw fail("missing_signing_key", "nextSigningKey is given without currentSigningKey");
  }

  // 3. The environment.
  const plain = read(CURRENT);
  const fallback = plain === undefined ? undefined : makeKeys(plain, read(NEXT));
  const regionSetting = read("QSTASH_REGION");
  const regional = normalizeRegion(regionSetting);
  if (regionSetting !== undefined && regional === undefined) {
    warn(`${PREFIX} QSTASH_REGION=${JSON.stringify(regionSetting)} is not one of ${REGIONS.join(", ")}: ignored.`);
  }
  if (regional === undefined) {
    if (fallback !== undefined) return fixed(fallback);
    throw fail(
      "missing_signing_key",
      read(NEXT) !== undefined
        ? `${NEXT} is set without ${CURRENT}`
        : `no signing key: give currentSigningKey (and nextSigningKey while rolling), or set ${CURRENT}` +
            ` (and ${NEXT})`,
    );
  }

  /** @type {Map<string, KeyPair>} */
  const byRegion = new Map();
  for (const region of REGIONS) {
    const c = read(`${region}_${CURRENT}`);
    if (c !== undefined) byRegion.set(region, makeKeys(c, read(`${region}_${NEXT}`)));
  }
  if (byRegion.size === 0 && fallback === undefined) {
    throw fail(
      "missing_signing_key",
      `no signing key: QSTASH_REGION is set but neither ${REGIONS.map((r) => `${r}_${CURRENT}`).join(" nor ")}` +
        ` nor ${CURRENT} is`,
    );
  }
  return {
    keys: undefined,
    select(upstashRegion) {
      if (upstashRegion !== undefined && upstashRegion !== null && typeof upstashRegion !== "string") {
        throw new TypeError("upstashRegion must be a string (the upstash-region header)");
      }
      const region = normalizeRegion(upstashRegion);
      const keys = region === undefined ? undefined : byRegion.get(region);
      if (keys !== undefined) return keys;
      // The sender's header value is never repeated: the reasons (and so the warnings, once
      // each per process) are a fixed set, whatever a request sends.
      const reason =
        region !== undefined
          ? `${region}_${CURRENT} is not set`
          : upstashRegion
            ? `the request's upstash-region is not one of ${REGIONS.join(", ")}`
            : "the request has no upstash-region";
      if (fallback === undefined)
        throw fail("missing_signing_key", `no signing key: ${reason}, and ${CURRENT} is not set`);
      warnOnce(warn, `${PREFIX} ${reason}: verifying with ${CURRENT}.`);
      return fallback;
    },
  };
}

/**
 * The local QStash dev server's public keys, refused when NODE_ENV is "production".
 * @param {boolean | undefined} devMode
 * @param {(name: string) => string | undefined} read
 * @param {string | undefined} given a key given in the config, which dev mode ignores
 * @param {(current: string | undefined, next: string | undefined) => KeyPair} makeKeys
 * @param {(code: "missing_signing_key", message: string) => Error} fail
 * @param {(message: string) => void} warn
 * @returns {ResolvedKeys}
 */
function devKeys(devMode, read, given, makeKeys, fail, warn) {
  const why = devMode ? "devMode: true" : `QSTASH_DEV=${read("QSTASH_DEV")}`;
  if (read("NODE_ENV") === "production" || reader(processEnv())("NODE_ENV") === "production") {
    throw fail(
      "missing_signing_key",
      `dev mode (${why}) is refused when NODE_ENV is "production": the local QStash dev server's ` +
        "signing keys are public, so anyone could sign requests. Remove it, or give the real keys",
    );
  }
  warn(
    `${PREFIX} dev mode (${why}): verifying with the local QStash dev server's PUBLIC signing keys; ` +
      (given ? "the keys given in the config are ignored; " : "") +
      "anyone can sign for them. Never enable this in production.",
  );
  return fixed(makeKeys(DEV_SIGNING_KEYS.currentSigningKey, DEV_SIGNING_KEYS.nextSigningKey));
}

/**
 * The fallback warnings already given, at most one per reason (a fixed set): per process, as
 * adapters make a Receiver per request; kept per `console.warn` function, so that a logger put in
 * its place later (as tests do) is told too.
 */
/** @type {WeakMap<object, Set<string>>} */
const warned = new WeakMap();

/**
 * @param {(message: string) => void} warn
 * @param {string} message
 */
function warnOnce(warn, message) {
  const sink = globalThis.console?.warn;
  const key = typeof sink === "function" ? sink : warnOnce;
  let given = warned.get(key);
  // biome-ignore lint/suspicious/noAssignInExpressions: the new set is kept and used at once.
  if (given === undefined) warned.set(key, (given = new Set()));
  if (!given.has(message)) {
    given.add(message);
    warn(message);
  }
}

/**
 * @param {KeyPair} keys
 * @returns {ResolvedKeys}
 */
function fixed(keys) {
  return { keys, select: undefined };
}
