#!/usr/bin/env node
// The differential suite: qstash-verifier (the built package, js/dist/node.mjs) against the real
// @upstash/qstash 2.12.0 Receiver, on seeded generated cases. Both decide each case at the same
// instant: the SDK reads the global clock (jose's `new Date()`), so the clock is faked for both
// (our side gets `now` explicitly in most cases, and reads the same faked Date.now() in the rest).
//
//   node tools/conformance/run.mjs [--cases N] [--seed S] [--show K] [--case I]
//
// Prints: cases, agreements, the count for each deliberate difference (tools/conformance/classify.mjs,
// explained in docs/conformance.md), and undocumented differences. Exits non-zero when an undocumented
// difference occurs, when a listed difference never occurs (the list would be stale or the
// generator would have lost a family), or when the SDK is not the pinned version.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Receiver as SdkReceiver } from "@upstash/qstash";
import { Receiver, SignatureError, ERROR_CODES } from "../../js/dist/node.mjs";
import { DIFFERENCES, agree, classify } from "./classify.mjs";
import { caseAt } from "./generate.mjs";
import { inspectToken } from "./inspect.mjs";

const SDK_VERSION = "2.12.0";
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const CASES = Number(opt("cases", 10000));
const SEED = opt("seed", "qstash-conformance-1");
const SHOW = Number(opt("show", 0));
const ONLY = opt("case", undefined);

const sdkMain = createRequire(import.meta.url).resolve("@upstash/qstash");
const sdkPkg = JSON.parse(readFileSync(new URL("package.json", pathToFileURL(sdkMain)), "utf8"));
if (sdkPkg.version !== SDK_VERSION) {
  console.error(`@upstash/qstash is ${sdkPkg.version}, the suite is pinned to ${SDK_VERSION}`);
  process.exit(2);
}

// Neither verifier may find keys or dev mode in the environment.
for (const k of Object.keys(process.env)) if (k.includes("QSTASH")) delete process.env[k];

// The one clock of both verifiers.
const RealDate = Date;
let fakeMs = 0;
class FakeDate extends RealDate {
  constructor(...a) {
    if (a.length === 0) super(fakeMs);
    else super(...a);
  }
  static now() {
    return fakeMs;
  }
}
globalThis.Date = FakeDate;

function describeError(e) {
  return { name: e?.name ?? typeof e, message: String(e?.message ?? e) };
}

async function ours(c) {
  let receiver;
  try {
    receiver = new Receiver({ ...c.ours.keys, devMode: false });
  } catch (e) {
    if (e instanceof SignatureError) return { kind: "refuse", code: e.code, message: e.message };
    return { kind: "error", ...describeError(e) };
  }
  let sync;
  try {
    const claims = receiver.verifySync(c.ours.request);
    sync = { kind: "accept", key: claims.key };
  } catch (e) {
    sync =
      e instanceof SignatureError
        ? { kind: "refuse", code: e.code, message: e.message }
        : { kind: "error", ...describeError(e) };
  }
  if (sync.kind === "refuse" && !ERROR_CODES.includes(sync.code))
    return { kind: "error", name: "UnknownCode", message: sync.code };
  // The async face must decide the same.
  let async;
  try {
    async = (await receiver.verify(c.ours.request)) === true ? "accept" : "not-true";
  } catch (e) {
    async = e instanceof SignatureError && e.code === sync.code ? "refuse" : "error";
  }
  if (async !== sync.kind)
    return { kind: "error", name: "Inconsistent", message: `verifySync ${sync.kind}, verify ${async}` };
  return sync;
}

async function sdk(c) {
  try {
    const receiver = new SdkReceiver({ ...c.sdk.keys, devMode: false });
    const ok = await receiver.verify(c.sdk.request);
    return ok === true ? { kind: "accept" } : { kind: "error", name: "NotTrue", message: String(ok) };
  } catch (e) {
    return e?.name === "SignatureError"
      ? { kind: "refuse", message: e.message }
      : { kind: "error", ...describeError(e) };
  }
}

const counts = { cases: 0, bothAccept: 0, bothRefuse: 0, undocumented: 0 };
const perDifference = Object.fromEntries(DIFFERENCES.map((d) => [d.name, 0]));
const examples = Object.fromEntries(DIFFERENCES.map((d) => [d.name, []]));
const undocumented = [];
const families = {};

const started = RealDate.now();
const indices = ONLY !== undefined ? [Number(ONLY)] : Array.from({ length: CASES }, (_, i) => i);
for (const i of indices) {
  const c = caseAt(SEED, i);
  fakeMs = c.nowMs;
  const o = await ours(c);
  fakeMs = c.nowMs; // unchanged, but say it: the SDK decides at the same instant
  const s = await sdk(c);
  counts.cases++;
  families[c.family] ??= { cases: 0, agree: 0, deliberate: 0, undocumented: 0 };
  const f = families[c.family];
  f.cases++;
  if (ONLY !== undefined)
    console.log(
      JSON.stringify(
        { case: c, ours: o, sdk: s },
        (_k, v) => (v instanceof Uint8Array || v instanceof ArrayBuffer ? `<${v.byteLength} bytes>` : v),
        2,
      ),
    );
  if (agree(o, s)) {
    f.agree++;
    if (o.kind === "accept") counts.bothAccept++;
    else counts.bothRefuse++;
    continue;
  }
  const name = classify(c, o, s, inspectToken(c.token));
  if (name) {
    f.deliberate++;
    perDifference[name]++;
    if (examples[name].length < SHOW) examples[name].push({ i, mutation: c.mutation, ours: o, sdk: s });
  } else {
    f.undocumented++;
    counts.undocumented++;
    if (undocumented.length < 20)
      undocumented.push({ i, family: c.family, mutation: c.mutation, token: c.token.slice(0, 300), ours: o, sdk: s });
  }
}
const seconds = (RealDate.now() - started) / 1000;

const agreements = counts.bothAccept + counts.bothRefuse;
const deliberate = Object.values(perDifference).reduce((a, b) => a + b, 0);
const pad = (s, n) => String(s).padEnd(n);
const num = (n) => String(n).padStart(7);
console.log(
  `qstash-verifier (js/dist/node.mjs) vs @upstash/qstash ${sdkPkg.version} Receiver: seed "${SEED}", ${seconds.toFixed(1)} s`,
);
console.log(`  ${pad("cases", 34)}${num(counts.cases)}`);
console.log(
  `  ${pad("agreements", 34)}${num(agreements)}   (both accept ${counts.bothAccept}, both refuse ${counts.bothRefuse})`,
);
console.log(`  ${pad("deliberate differences", 34)}${num(deliberate)}`);
for (const d of DIFFERENCES) console.log(`    ${pad(d.name, 32)}${num(perDifference[d.name])}`);
console.log(`  ${pad("undocumented differences", 34)}${num(counts.undocumented)}`);
console.log(
  `  by family: ${Object.entries(families)
    .sort()
    .map(([k, v]) => `${k} ${v.cases}`)
    .join(", ")}`,
);
for (const d of DIFFERENCES) {
  for (const ex of examples[d.name])
    console.log(
      `  e.g. ${d.name}: case ${ex.i} (${ex.mutation}): ours ${ex.ours.kind} ${ex.ours.code ?? ""}, sdk ${ex.sdk.kind} ${ex.sdk.message ?? ""}`,
    );
}
for (const u of undocumented) console.error("UNDOCUMENTED", JSON.stringify(u));

let failed = counts.undocumented > 0;
if (ONLY === undefined) {
  const unseen = DIFFERENCES.filter((d) => perDifference[d.name] === 0).map((d) => d.name);
  if (unseen.length) {
    console.error(`never seen (the list or the generator is stale): ${unseen.join(", ")}`);
    failed = true;
  }
  if (counts.bothAccept === 0 || counts.bothRefuse === 0) {
    console.error("no agreement of one kind: the run proves nothing");
    failed = true;
  }
}
console.log(failed ? "conformance: FAILED" : `conformance: ${counts.cases} cases, 0 undocumented differences`);
process.exit(failed ? 1 : 0);
