// The key-resolution table: each case is decided by qstash-verifier's Receiver (once with the
// `env` option, once through process.env) and by the real @upstash/qstash 2.12.0 Receiver, by
// signing one token with every key in play and seeing which tokens each receiver accepts.
// Used by keys.test.mjs (assertions, Node 16/20/22) and tools/testing/keys-parity.mjs (prints it).
import { Receiver as SdkReceiver } from "@upstash/qstash";
import { Receiver, SignatureError } from "../dist/node.mjs";
import { qstashToken } from "../../tools/testing/qstash-token.mjs";

// Key names used in the table; the values are what the environment / config hold.
export const KEYS = {
  A: "sig_config_current_A",
  B: "sig_config_next_B",
  C: "sig_env_current_C",
  D: "sig_env_next_D",
  U1: "sig_us_east_1_current",
  U2: "sig_us_east_1_next",
  E1: "sig_eu_central_1_current",
  E2: "sig_eu_central_1_next",
  DEV1: "sig_7kYjw48mhY7kAjqNGcy6cr29RJ6r", // the local dev server's, as published by the SDK
  DEV2: "sig_5ZB6DVzB1wjE8S6rZ7eenA8Pdnhs",
};
const NAME_OF = new Map(Object.entries(KEYS).map(([k, v]) => [v, k]));

const PLAIN = { QSTASH_CURRENT_SIGNING_KEY: KEYS.C, QSTASH_NEXT_SIGNING_KEY: KEYS.D };
const US = { US_EAST_1_QSTASH_CURRENT_SIGNING_KEY: KEYS.U1, US_EAST_1_QSTASH_NEXT_SIGNING_KEY: KEYS.U2 };
const EU = { EU_CENTRAL_1_QSTASH_CURRENT_SIGNING_KEY: KEYS.E1, EU_CENTRAL_1_QSTASH_NEXT_SIGNING_KEY: KEYS.E2 };
const CFG = { currentSigningKey: KEYS.A, nextSigningKey: KEYS.B };

/** Every variable either receiver reads: cleared before each case. */
export const ENV_NAMES = [
  "QSTASH_DEV",
  "QSTASH_DEV_PORT",
  "NODE_ENV",
  "QSTASH_REGION",
  ...Object.keys(PLAIN),
  ...Object.keys(US),
  ...Object.keys(EU),
];

const ONE_KEY = "one key suffices (the SDK wants both, else it moves on to the next source)";
const PROD = "dev mode refused when NODE_ENV is production (the dev keys are public)";

// expect: ours, as { current, next? } key names, or an error ("missing_signing_key", "TypeError").
// sdk: only where the SDK differs on purpose, with `why`: the key names it accepts, or "error".
// warns: whether ours warns (console.warn).
export const CASES = [
  { name: "config: both keys", config: CFG, expect: { current: "A", next: "B" } },
  {
    name: "config: current only",
    config: { currentSigningKey: KEYS.A },
    expect: { current: "A" },
    sdk: "error",
    why: ONE_KEY,
  },
  {
    name: "config: current only, env has both",
    config: { currentSigningKey: KEYS.A },
    env: PLAIN,
    expect: { current: "A" },
    sdk: ["C", "D"],
    why: ONE_KEY,
  },
  { name: "config: next only", config: { nextSigningKey: KEYS.B }, expect: "missing_signing_key" },
  {
    name: "config: next only, env has both",
    config: { nextSigningKey: KEYS.B },
    env: PLAIN,
    expect: "missing_signing_key",
    sdk: ["C", "D"],
    why: "a config with a next key but no current key is an error, not silently replaced",
  },
  {
    name: "config: empty strings, env has both",
    config: { currentSigningKey: "", nextSigningKey: "" },
    env: PLAIN,
    expect: { current: "C", next: "D" },
  },
  { name: "config: both keys, env has both", config: CFG, env: PLAIN, expect: { current: "A", next: "B" } },
  { name: "new Receiver(), env has both", config: undefined, env: PLAIN, expect: { current: "C", next: "D" } },
  { name: "{}, env has both", config: {}, env: PLAIN, expect: { current: "C", next: "D" } },
  {
    name: "env: current only",
    config: {},
    env: { QSTASH_CURRENT_SIGNING_KEY: KEYS.C },
    expect: { current: "C" },
    sdk: "error",
    why: ONE_KEY,
  },
  { name: "env: next only", config: {}, env: { QSTASH_NEXT_SIGNING_KEY: KEYS.D }, expect: "missing_signing_key" },
  { name: "nothing anywhere", config: undefined, expect: "missing_signing_key" },
  {
    name: "region: us-east-1 header",
    config: {},
    env: { QSTASH_REGION: "us-east-1", ...PLAIN, ...US, ...EU },
    region: "us-east-1",
    expect: { current: "U1", next: "U2" },
  },
  {
    name: "region: EU_CENTRAL_1 header",
    config: {},
    env: { QSTASH_REGION: "us-east-1", ...PLAIN, ...US, ...EU },
    region: "EU_CENTRAL_1",
    expect: { current: "E1", next: "E2" },
  },
  {
    name: "region: eu-central-1 header, QSTASH_REGION=eu-central-1",
    config: {},
    env: { QSTASH_REGION: "eu-central-1", ...PLAIN, ...US, ...EU },
    region: "eu-central-1",
    expect: { current: "E1", next: "E2" },
  },
  {
    name: "region: QSTASH_REGION lower case, header mixed case",
    config: {},
    env: { QSTASH_REGION: "Us-East-1", ...PLAIN, ...US },
    region: "uS-eAsT-1",
    expect: { current: "U1", next: "U2" },
  },
  {
    name: "region: header's region has no keys → plain keys",
    config: {},
    env: { QSTASH_REGION: "us-east-1", ...PLAIN, ...US },
    region: "eu-central-1",
    expect: { current: "C", next: "D" },
    warns: true,
  },
  {
    name: "region: no header → plain keys",
    config: {},
    env: { QSTASH_REGION: "us-east-1", ...PLAIN, ...US },
    expect: { current: "C", next: "D" },
    warns: true,
  },
  {
    name: "region: unknown header → plain keys",
    config: {},
    env: { QSTASH_REGION: "us-east-1", ...PLAIN, ...US },
    region: "ap-south-1",
    expect: { current: "C", next: "D" },
    warns: true,
  },
  {
    name: "region: header but QSTASH_REGION unset → plain keys",
    config: {},
    env: { ...PLAIN, ...US },
    region: "us-east-1",
    expect: { current: "C", next: "D" },
  },
  {
    name: "region: QSTASH_REGION unknown → plain keys",
    config: {},
    env: { QSTASH_REGION: "mars", ...PLAIN, ...US },
    region: "us-east-1",
    expect: { current: "C", next: "D" },
    warns: true,
  },
  {
    name: "region: header's region has only a current key",
    config: {},
    env: { QSTASH_REGION: "us-east-1", ...PLAIN, US_EAST_1_QSTASH_CURRENT_SIGNING_KEY: KEYS.U1 },
    region: "us-east-1",
    expect: { current: "U1" },
    sdk: ["C", "D"],
    why: ONE_KEY,
  },
  {
    name: "region: no plain keys, header's region has keys",
    config: {},
    env: { QSTASH_REGION: "us-east-1", ...US },
    region: "us-east-1",
    expect: { current: "U1", next: "U2" },
  },
  {
    name: "region: no plain keys, header's region has none",
    config: {},
    env: { QSTASH_REGION: "us-east-1", ...US },
    region: "eu-central-1",
    expect: "missing_signing_key",
  },
  {
    name: "region: config keys win",
    config: CFG,
    env: { QSTASH_REGION: "us-east-1", ...PLAIN, ...US },
    region: "us-east-1",
    expect: { current: "A", next: "B" },
  },
  { name: "dev: devMode true", config: { devMode: true }, expect: { current: "DEV1", next: "DEV2" }, warns: true },
  {
    name: "dev: devMode true overrides config keys",
    config: { ...CFG, devMode: true },
    env: PLAIN,
    expect: { current: "DEV1", next: "DEV2" },
    warns: true,
  },
  {
    name: "dev: QSTASH_DEV=true overrides env keys",
    config: {},
    env: { QSTASH_DEV: "true", ...PLAIN },
    expect: { current: "DEV1", next: "DEV2" },
    warns: true,
  },
  {
    name: "dev: QSTASH_DEV=1 overrides config keys",
    config: CFG,
    env: { QSTASH_DEV: "1" },
    expect: { current: "DEV1", next: "DEV2" },
    warns: true,
  },
  {
    name: "dev: QSTASH_DEV=false",
    config: {},
    env: { QSTASH_DEV: "false", ...PLAIN },
    expect: { current: "C", next: "D" },
  },
  { name: "dev: QSTASH_DEV=0", config: CFG, env: { QSTASH_DEV: "0" }, expect: { current: "A", next: "B" } },
  { name: "dev: QSTASH_DEV empty", config: CFG, env: { QSTASH_DEV: "" }, expect: { current: "A", next: "B" } },
  {
    name: "dev: devMode false beats QSTASH_DEV=true",
    config: { ...CFG, devMode: false },
    env: { QSTASH_DEV: "true" },
    expect: { current: "A", next: "B" },
  },
  { name: "dev: QSTASH_DEV=yes", config: CFG, env: { QSTASH_DEV: "yes" }, expect: "TypeError" },
  {
    name: "dev: devMode true, NODE_ENV=production",
    config: { devMode: true },
    env: { NODE_ENV: "production" },
    expect: "missing_signing_key",
    sdk: ["DEV1", "DEV2"],
    why: PROD,
  },
  {
    name: "dev: QSTASH_DEV=true, NODE_ENV=production",
    config: CFG,
    env: { QSTASH_DEV: "true", NODE_ENV: "production", ...PLAIN },
    expect: "missing_signing_key",
    sdk: ["DEV1", "DEV2"],
    why: PROD,
  },
  {
    name: "NODE_ENV=production without dev mode",
    config: CFG,
    env: { NODE_ENV: "production" },
    expect: { current: "A", next: "B" },
  },
];

const URL_ = "https://example.com/api/qstash";
const BODY = '{"hello":"world"}';
const NOW = Math.floor(Date.now() / 1000);
const TOKENS = Object.entries(KEYS).map(([name, key]) => [name, qstashToken({ key, url: URL_, body: BODY, iat: NOW })]);

/** Runs `fn` with process.env holding exactly `env` among ENV_NAMES, and console.warn captured. */
async function withEnv(env, fn) {
  const saved = {};
  for (const n of ENV_NAMES) {
    saved[n] = process.env[n];
    delete process.env[n];
  }
  Object.assign(process.env, env);
  const warn = console.warn;
  const warnings = [];
  console.warn = (...args) => warnings.push(args.join(" "));
  try {
    return { result: await fn(), warnings };
  } finally {
    console.warn = warn;
    for (const n of ENV_NAMES) {
      if (saved[n] === undefined) delete process.env[n];
      else process.env[n] = saved[n];
    }
  }
}

function errorName(e) {
  if (e instanceof SignatureError) return e.code;
  if (e instanceof TypeError) return "TypeError";
  throw e;
}

/** Ours: `{ current, next? }` key names, or an error name. */
function ours(c, viaEnvOption) {
  const config = viaEnvOption ? { ...(c.config ?? {}), env: c.env ?? {} } : c.config;
  let receiver;
  try {
    receiver = new Receiver(config);
  } catch (e) {
    return errorName(e);
  }
  const got = {};
  for (const [name, signature] of TOKENS) {
    try {
      const claims = receiver.verifySync({ signature, body: BODY, url: URL_, upstashRegion: c.region, now: NOW });
      got[claims.key] = name;
    } catch (e) {
      const code = errorName(e);
      if (code !== "invalid_signature") return code;
    }
  }
  return got;
}

/** The SDK: the key names whose tokens it accepts, or "error" (it threw something else). */
async function sdk(c) {
  const receiver = new SdkReceiver(c.config);
  const accepted = [];
  for (const [name, signature] of TOKENS) {
    try {
      await receiver.verify({ signature, body: BODY, url: URL_, upstashRegion: c.region });
      accepted.push(name);
    } catch (e) {
      if (e.name !== "SignatureError") return "error";
    }
  }
  return accepted.sort();
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const namesOf = (o) => (typeof o === "string" ? "error" : Object.values(o).sort());

/** Decides every case both ways. Each row: the case, what each side did, and the problems. */
export async function decide() {
  const rows = [];
  for (const c of CASES) {
    const viaOption = await withEnv({}, () => ours(c, true));
    const viaProcess = await withEnv(c.env ?? {}, () => ours(c, false));
    const theirs = await withEnv(c.env ?? {}, () => sdk(c));
    const problems = [];
    if (!same(viaOption.result, c.expect)) problems.push(`ours (env option): ${JSON.stringify(viaOption.result)}`);
    if (!same(viaProcess.result, c.expect)) problems.push(`ours (process.env): ${JSON.stringify(viaProcess.result)}`);
    if (!same(viaOption.warnings, viaProcess.warnings))
      problems.push("warnings differ between env option and process.env");
    if (viaOption.warnings.length > 0 !== Boolean(c.warns))
      problems.push(`warnings: ${JSON.stringify(viaOption.warnings)}`);
    const wantSdk = c.sdk ?? namesOf(c.expect);
    if (!same(theirs.result, wantSdk))
      problems.push(`SDK: ${JSON.stringify(theirs.result)}, table says ${JSON.stringify(wantSdk)}`);
    if (c.sdk !== undefined && same(namesOf(c.expect), c.sdk)) problems.push("marked as a difference but the same");
    rows.push({ c, ours: viaOption.result, sdk: theirs.result, warnings: viaOption.warnings, problems });
  }
  return rows;
}

function describeEnv(env) {
  if (!env || Object.keys(env).length === 0) return "";
  const byValue = new Map(Object.entries(KEYS).map(([k, v]) => [v, k]));
  return Object.entries(env)
    .map(([k, v]) => `${k}=${byValue.get(v) ?? (v === "" ? '""' : v)}`)
    .join(" ")
    .replace(/QSTASH_CURRENT_SIGNING_KEY/g, "CURRENT")
    .replace(/QSTASH_NEXT_SIGNING_KEY/g, "NEXT");
}

function describeConfig(config) {
  if (config === undefined) return "(none)";
  const parts = Object.entries(config).map(
    ([k, v]) => `${k.replace("SigningKey", "")}: ${NAME_OF.get(v) ?? JSON.stringify(v)}`,
  );
  return `{ ${parts.join(", ")} }`.replace("{  }", "{}");
}

function describeOurs(o) {
  if (typeof o === "string") return o;
  return o.next ? `${o.current}, ${o.next}` : `${o.current} (one key)`;
}

/** The table in markdown; `onlyDifferences` keeps the rows where the SDK differs on purpose. */
export function markdown(rows, onlyDifferences = false) {
  const lines = [
    "| case | config | environment | upstash-region | qstash-verifier | @upstash/qstash 2.12.0 | why they differ |",
    "| --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const { c, ours: o, sdk: s, warnings } of rows) {
    if (onlyDifferences && c.sdk === undefined) continue;
    const theirs = typeof s === "string" ? "throws" : s.join(", ") || "none";
    const env = describeEnv(c.env);
    lines.push(
      `| ${c.name} | \`${describeConfig(c.config)}\` | ${env ? `\`${env}\`` : ""} | ${c.region ?? ""} | ` +
        `${describeOurs(o)}${warnings.length ? " (warns)" : ""} | ${theirs} | ${c.why ?? ""} |`,
    );
  }
  return lines.join("\n");
}
