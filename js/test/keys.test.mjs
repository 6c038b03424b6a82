// Key resolution, as @upstash/qstash 2.12.0's Receiver does it: every case of the table in
// keys-table.mjs decided by our Receiver and by the real SDK (tools/testing/keys-parity.mjs prints the
// table), plus the edges the table does not show. Run on Node 16, 20 and 22.
import assert from "node:assert/strict";
import test from "node:test";
import { Receiver, SignatureError } from "../dist/node.mjs";
import { DEV_SIGNING_KEYS, normalizeRegion, REGIONS, resolveKeys } from "../src/keys.js";
import { CASES, decide, ENV_NAMES } from "./keys-table.mjs";
import { qstashToken } from "../../tools/testing/qstash-token.mjs";

const rows = await decide();
for (const row of rows) {
  test(`table: ${row.c.name}`, () => {
    assert.deepEqual(row.problems, []);
  });
}

test("the table covers every source and both kinds of deliberate difference", () => {
  assert.equal(rows.length, CASES.length);
  assert.ok(CASES.length >= 30);
  const why = new Set(CASES.filter((c) => c.sdk !== undefined).map((c) => c.why));
  assert.equal(why.size, 3);
  assert.ok(CASES.some((c) => c.env?.QSTASH_REGION && c.region));
  assert.ok(CASES.some((c) => c.config?.devMode));
});

test("the dev keys are the ones the SDK publishes", async () => {
  const sdkSource = await import("node:fs").then((fs) =>
    fs.readFileSync(new URL("../../node_modules/@upstash/qstash/index.js", import.meta.url), "utf8"),
  );
  assert.ok(sdkSource.includes(`currentSigningKey: "${DEV_SIGNING_KEYS.currentSigningKey}"`));
  assert.ok(sdkSource.includes(`nextSigningKey: "${DEV_SIGNING_KEYS.nextSigningKey}"`));
  assert.ok(sdkSource.includes('VALID_REGIONS = ["EU_CENTRAL_1", "US_EAST_1"]'));
  assert.deepEqual([...REGIONS].sort(), ["EU_CENTRAL_1", "US_EAST_1"]);
});

test("normalizeRegion: - to _, upper case, known regions only", () => {
  const cases = [
    ["us-east-1", "US_EAST_1"],
    ["EU-CENTRAL-1", "EU_CENTRAL_1"],
    ["eu_central_1", "EU_CENTRAL_1"],
    ["us-east-2", undefined],
    ["", undefined],
    [undefined, undefined],
    [" us-east-1", undefined],
    [42, undefined],
  ];
  for (const [input, want] of cases) assert.equal(normalizeRegion(input), want, String(input));
});

const url = "https://example.com/r";
const now = 1_700_000_000;
const tokenBy = (key) => qstashToken({ key, url, body: "b", iat: now });
const accepts = (r, key, upstashRegion) =>
  r.verifySync({ signature: tokenBy(key), body: "b", url, now, upstashRegion }).key;

function captureWarnings(fn) {
  const warn = console.warn;
  const got = [];
  console.warn = (...args) => got.push(args.join(" "));
  try {
    fn();
  } finally {
    console.warn = warn;
  }
  return got;
}

test("a region fallback warns once per process, not per request or per receiver", () => {
  const env = {
    QSTASH_REGION: "us-east-1",
    QSTASH_CURRENT_SIGNING_KEY: "c",
    US_EAST_1_QSTASH_CURRENT_SIGNING_KEY: "u",
  };
  const warnings = captureWarnings(() => {
    // As an adapter does: a Receiver per request.
    for (let i = 0; i < 5; i++) assert.equal(accepts(new Receiver({ env }), "c", "eu-central-1"), "current");
    const r = new Receiver({ env });
    assert.equal(accepts(r, "u", "us-east-1"), "current");
    assert.throws(
      () => accepts(r, "u", "eu-central-1"),
      (e) => e.code === "invalid_signature",
    );
  });
  assert.equal(warnings.length, 1, warnings.join("\n"));
  assert.match(warnings[0], /EU_CENTRAL_1_QSTASH_CURRENT_SIGNING_KEY is not set/);
});

test("a sender's upstash-region values cannot grow the warnings or the memory", () => {
  const env = {
    QSTASH_REGION: "us-east-1",
    QSTASH_CURRENT_SIGNING_KEY: "c",
    US_EAST_1_QSTASH_CURRENT_SIGNING_KEY: "u",
  };
  const r = new Receiver({ env });
  const warnings = captureWarnings(() => {
    for (let i = 0; i < 20_000; i++) assert.equal(accepts(r, "c", `x-${i}-${"y".repeat(64)}`), "current");
  });
  assert.equal(warnings.length, 1, warnings.slice(0, 3).join("\n"));
  assert.doesNotMatch(warnings[0], /x-0/);
  const before = process.memoryUsage().heapUsed;
  captureWarnings(() => {
    for (let i = 0; i < 20_000; i++) accepts(r, "c", `z-${i}-${"y".repeat(4096)}`);
  });
  globalThis.gc?.();
  // What 20,000 kept values of 4 KiB would hold; nothing a request sends is kept.
  assert.ok(process.memoryUsage().heapUsed - before < 20_000 * 4096, "heap grew with the region values");
});

test("messages name variables, never keys", () => {
  const secret = "sig_secret_value_123";
  const configs = [
    { env: { QSTASH_NEXT_SIGNING_KEY: secret } },
    { nextSigningKey: secret, env: {} },
    { devMode: true, currentSigningKey: secret, env: { NODE_ENV: "production" } },
    { env: { QSTASH_REGION: "us-east-1", US_EAST_1_QSTASH_NEXT_SIGNING_KEY: secret } },
  ];
  for (const config of configs) {
    assert.throws(
      () => new Receiver(config),
      (e) => e instanceof SignatureError && e.code === "missing_signing_key" && !e.message.includes(secret),
      JSON.stringify(config),
    );
  }
  const r = new Receiver({ env: { QSTASH_REGION: "us-east-1", US_EAST_1_QSTASH_CURRENT_SIGNING_KEY: secret } });
  assert.throws(
    () => accepts(r, secret, "eu-central-1"),
    (e) => e.code === "missing_signing_key" && /EU_CENTRAL_1/.test(e.message) && !e.message.includes(secret),
  );
  const warnings = captureWarnings(() => new Receiver({ devMode: true, currentSigningKey: secret, env: {} }));
  assert.equal(warnings.length, 1);
  assert.ok(!warnings[0].includes(secret) && /PUBLIC/.test(warnings[0]));
});

test("dev mode in production is refused even when only process.env says production", () => {
  const saved = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    assert.throws(
      () => new Receiver({ devMode: true, env: {} }),
      (e) => e.code === "missing_signing_key",
    );
    assert.throws(
      () => new Receiver({ env: { QSTASH_DEV: "1" } }),
      (e) => e.code === "missing_signing_key",
    );
  } finally {
    if (saved === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = saved;
  }
});

test("arguments of the wrong type are TypeErrors", () => {
  const bad = [
    "key",
    42,
    { devMode: "true", currentSigningKey: "k" },
    { devMode: 1 },
    { env: null },
    { env: "QSTASH=1" },
    { currentSigningKey: 42 },
    { currentSigningKey: "k", nextSigningKey: 1 },
    { env: { QSTASH_DEV: "yes" } },
  ];
  for (const config of bad) assert.throws(() => new Receiver(config), TypeError, JSON.stringify(config));
  const r = new Receiver({ env: { QSTASH_REGION: "us-east-1", QSTASH_CURRENT_SIGNING_KEY: "c" } });
  assert.throws(() => accepts(r, "c", 1), TypeError);
  assert.throws(() => accepts(r, "c", ["us-east-1"]), TypeError);
  // Outside a multi-region setup the region is not read, as in the SDK.
  assert.equal(accepts(new Receiver({ currentSigningKey: "c" }), "c", 1), "current");
});

test("env values that are not strings, or that throw when read, count as absent", () => {
  const env = {
    QSTASH_CURRENT_SIGNING_KEY: "c",
    get QSTASH_DEV() {
      throw new Error("PermissionDenied: Requires env access"); // as Deno without --allow-env
    },
    QSTASH_NEXT_SIGNING_KEY: { kv: true }, // a Workers binding
  };
  const r = new Receiver({ env });
  assert.equal(accepts(r, "c"), "current");
  assert.throws(
    () => accepts(r, "[object Object]"),
    (e) => e.code === "invalid_signature",
  );
});

test("without a global process (Workers, browsers) only config and env are read", () => {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, "process");
  assert.ok(descriptor?.configurable);
  const saved = ENV_NAMES.map((n) => [n, process.env[n]]);
  process.env.QSTASH_CURRENT_SIGNING_KEY = "from_process";
  const make = (config) =>
    resolveKeys(
      config,
      (current, next) => ({ current, next }),
      (code, message) => Object.assign(new Error(message), { code }),
      () => {},
    );
  try {
    assert.equal(make({}).keys.current, "from_process");
    Object.defineProperty(globalThis, "process", { value: undefined, configurable: true, writable: true });
    assert.throws(
      () => make({}),
      (e) => e.code === "missing_signing_key",
    );
    assert.equal(make({ env: { QSTASH_CURRENT_SIGNING_KEY: "from_env" } }).keys.current, "from_env");
    assert.equal(make({ currentSigningKey: "k" }).keys.current, "k");
  } finally {
    Object.defineProperty(globalThis, "process", descriptor);
    for (const [n, v] of saved) {
      if (v === undefined) delete process.env[n];
      else process.env[n] = v;
    }
  }
});
