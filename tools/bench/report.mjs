// Turns target/bench-out/results.json into the printed table, docs/bench-report.md and
// docs/bench-latency.svg.
// `node tools/bench/report.mjs` re-renders the last run without measuring again.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { GUIDE_FLAGS } from "../lambda/guide-build.mjs";
import { NOTES } from "./notes.mjs";

const NAMES = {
  guide: "guide (node:crypto)",
  sdk: "@upstash/qstash",
  verifySync: "ours verifySync",
  verify: "ours verify",
};
const COLORS = { guide: "#6b7280", sdk: "#dc2626", verifySync: "#2563eb", verify: "#16a34a" };

const us = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const ratio = (x) => `${x >= 10 ? x.toFixed(1) : x.toFixed(2)}x`;
// For a target's verdict: enough digits that a ratio just over its limit does not print as it.
const ratio3 = (x) => `${x.toFixed(3)}x`;
// Sizes in KB of 1000 bytes, as the issue's own figures are.
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
const mb = (n) => `${(n / 1048576).toFixed(1)} MB`;

function cell(results, size, key, contender) {
  return results.latency.find((c) => c.size === size && c.key === key && c.contender === contender);
}

/** The issue's targets, each with its measured figure. */
export function targets(r) {
  const t = (size, key, a, b) => cell(r, size, key, a).median / cell(r, size, key, b).median;
  const rows = [];
  for (const key of ["current", "next"]) {
    for (const api of ["verifySync", "verify"]) {
      rows.push({
        id: "1kb-guide",
        what: `1 KB, ${key} key: ${api} / guide`,
        limit: "<= 1.0x",
        value: t("1 KB", key, api, "guide"),
        max: 1.0,
        fmt: ratio3,
      });
    }
  }
  for (const key of ["current", "next"]) {
    for (const api of ["verifySync", "verify"]) {
      rows.push({
        id: "1kb-sdk",
        what: `1 KB, ${key} key: ${api} / SDK`,
        limit: "<= 0.05x (1/20)",
        value: t("1 KB", key, api, "sdk"),
        max: 0.05,
        fmt: (x) => `${x.toFixed(3)}x (1/${(1 / x).toFixed(0)})`,
      });
    }
  }
  for (const key of ["current", "next"]) {
    for (const api of ["verifySync", "verify"]) {
      rows.push({
        id: "1mb-guide",
        what: `1 MB, ${key} key: ${api} / guide`,
        limit: "<= 1.2x",
        value: t("1 MB", key, api, "guide"),
        max: 1.2,
        fmt: ratio3,
      });
    }
  }
  const c = r.cold.oursOverSdk;
  rows.push({
    id: "cold",
    what: "cold start, Lambda bundle / SDK bundle (whole process)",
    limit: "<= 1.05x",
    value: c.median,
    max: 1.05,
    fmt: (x) => `${x.toFixed(3)}x (IQR ${c.q1.toFixed(3)}-${c.q3.toFixed(3)})`,
  });
  rows.push({
    id: "wasm",
    what: ".wasm raw",
    limit: "<= 40 KB",
    value: r.sizes.wasm.raw,
    max: 40 * 1000,
    fmt: (x) => `${x} B (${kb(x)})`,
  });
  rows.push({
    id: "bundle",
    what: "Lambda bundle gzip",
    limit: "<= 16 KB",
    value: r.sizes.ours.gzip,
    max: 16 * 1000,
    fmt: (x) => `${x} B (${kb(x)})`,
  });
  const s = r.memory.samples;
  const growth = s[s.length - 1].wasm - s[0].wasm;
  rows.push({
    id: "memory",
    what: `wasm memory growth over ${r.memory.calls.toLocaleString("en")} calls`,
    limit: "0 B",
    value: growth,
    max: 0,
    fmt: (x) => `${x} B`,
  });
  for (const row of rows) row.met = row.value <= row.max;
  return rows;
}

function table(head, rows, align) {
  const md = [
    `| ${head.join(" | ")} |`,
    `| ${head.map((_, i) => (align[i] === "r" ? "---:" : "---")).join(" | ")} |`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const pad = (s, i) => (align[i] === "r" ? String(s).padStart(widths[i]) : String(s).padEnd(widths[i]));
  const text = [
    head.map(pad).join("  "),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...rows.map((r) => r.map(pad).join("  ")),
  ].join("\n");
  return { md, text };
}

/** The warm-latency table of one Node's cells (`results.latency`, or `results.node16.latency`). */
function latencyTable(latency) {
  const sizes = [...new Set(latency.map((c) => c.size))];
  const rows = [];
  for (const size of sizes) {
    for (const key of ["current", "next"]) {
      const m = (id) => cell({ latency }, size, key, id).median;
      rows.push([
        size,
        key,
        us(m("guide")),
        us(m("sdk")),
        us(m("verifySync")),
        us(m("verify")),
        ratio(m("verifySync") / m("guide")),
        ratio(m("verifySync") / m("sdk")),
        ratio(m("verify") / m("guide")),
        ratio(m("verify") / m("sdk")),
      ]);
    }
  }
  return table(
    [
      "body",
      "key",
      "guide µs",
      "SDK µs",
      "verifySync µs",
      "verify µs",
      "sync/guide",
      "sync/SDK",
      "verify/guide",
      "verify/SDK",
    ],
    rows,
    "llrrrrrrrr",
  );
}

/** The cold-start tables: each process's times, and the paired ratios. */
function coldTables(c) {
  const times = table(
    ["process", "median ms", "IQR ms"],
    [
      ["bare node", c.ms.bare.median.toFixed(1), `${c.ms.bare.q1.toFixed(1)}-${c.ms.bare.q3.toFixed(1)}`],
      [
        "guide handler (node:crypto)",
        c.ms.guide.median.toFixed(1),
        `${c.ms.guide.q1.toFixed(1)}-${c.ms.guide.q3.toFixed(1)}`,
      ],
      ["SDK handler bundle", c.ms.sdk.median.toFixed(1), `${c.ms.sdk.q1.toFixed(1)}-${c.ms.sdk.q3.toFixed(1)}`],
      ["our Lambda bundle", c.ms.ours.median.toFixed(1), `${c.ms.ours.q1.toFixed(1)}-${c.ms.ours.q3.toFixed(1)}`],
    ],
    "lrr",
  );
  const pr = (x) => `${x.median.toFixed(3)}x (IQR ${x.q1.toFixed(3)}-${x.q3.toFixed(3)})`;
  const ratios = table(
    ["paired ratio", "median (IQR)"],
    [
      ["ours / SDK", pr(c.oursOverSdk)],
      ["ours / bare node", pr(c.oursOverBare)],
      ["SDK / bare node", pr(c.sdkOverBare)],
      ["guide / bare node", pr(c.guideOverBare)],
    ],
    "lr",
  );
  return { times, ratios };
}

/** The sizes of the .wasm, the package's Node entry and the three Lambda bundles. */
function sizeTable(s) {
  return table(
    ["artifact", "bytes", "gzip -9"],
    [
      [".wasm (js/wasm/qstash_verifier_bg.wasm)", s.wasm.raw, s.wasm.gzip],
      ["js/dist/node.cjs (the package's Node entry)", s.nodeCjs.raw, s.nodeCjs.gzip],
      ["our Lambda bundle", s.ours.raw, s.ours.gzip],
      ["SDK Lambda bundle", s.sdk.raw, s.sdk.gzip],
      ["guide Lambda bundle (node:crypto)", s.guide.raw, s.guide.gzip],
      ["ours / SDK", ratio(s.ours.raw / s.sdk.raw), ratio(s.ours.gzip / s.sdk.gzip)],
    ],
    "lrr",
  );
}

/** RSS and wasm memory along the memory run. */
function memoryTable(samples) {
  return table(
    ["verifications", "RSS", "wasm memory"],
    samples.map((x) => [x.calls.toLocaleString("en"), mb(x.rss), `${x.wasm} B (${x.wasm / 65536} pages)`]),
    "lrr",
  );
}

/** The Criterion medians of the Rust core, when the run found any. */
function criterionTable(results) {
  if (!results?.length) return null;
  return table(
    ["benchmark (Rust core, native)", "median", "measured"],
    results.map((c) => [c.id, c.ns >= 1e6 ? `${(c.ns / 1e6).toFixed(2)} ms` : `${(c.ns / 1e3).toFixed(2)} µs`, c.at]),
    "lrl",
  );
}

/** A "Not met" section for each target the run missed: its figures, the notes, and for the bundle its budget. */
function missedNotes(r, tg) {
  const missed = [...new Set(tg.filter((t) => !t.met).map((t) => t.id))];
  return missed.map((id) => {
    const figures = tg
      .filter((t) => t.id === id)
      .map((t) => `${t.what}: ${t.fmt(t.value)}`)
      .join("; ");
    // The bundle's: where its bytes go, against the target and a measured floor (tools/bench/budget.mjs).
    const budget =
      id === "bundle" && r.budget
        ? `\n\nWhere the bytes go, in this run (\`make bundle-budget\` prints the same):\n\n\`\`\`\n${r.budget.join("\n")}\n\`\`\``
        : "";
    return `### Not met: ${NOTES[id]?.title ?? id}\n\nMeasured: ${figures}.\n\n${NOTES[id]?.text ?? ""}${budget}`;
  });
}

/** The report as markdown, from the run and its tables. */
function markdownOf(r, { lat, node16, coldT, coldRatios, sizeT, memT, crit, tgT, notes }) {
  const c = r.cold;
  const s = r.sizes;
  const e = r.env;
  return `# \`make bench\` report

Written by \`make bench\` (tools/bench/bench.mjs) on ${e.date}: Node ${e.node}, ${e.platform}, ${e.cpu}, ${e.cores} cores;
the run took ${r.seconds} s. Contenders: the guide's manual verification on \`node:crypto\`
(tools/bench/guide.mjs), \`@upstash/qstash\` 2.12.0's \`Receiver\`, and this package's \`verify\`
(async) and \`verifySync\` from \`js/dist/node.mjs\`. Bodies are JSON strings (as a Lambda event
carries them); every token is valid, so every call is a full, successful verification.

## Targets

${tgT.md}

## Warm latency

Median µs per call over interleaved batches (each batch about 3 ms; the contenders of one row run
next to each other, in an order balanced so that each follows every other equally often).
"current" tokens are signed by the current key, "next" ones by the next key (so every verifier
computes the MAC twice).

${lat.md}

![latency against body size](bench-latency.svg)
${node16}
## Cold start

Whole \`node\` processes (Node ${e.node}) that load a bundled Lambda handler and verify one 1 KB
request (tools/bench/cold-run.cjs), ${c.runs} runs of each, alternated. Our bundle: ${s.ours.source}.
Ratios are paired (run *i* of one against run *i* of the other, taken one after the other).

${coldT.md}

${coldRatios.md}

## Sizes

Lambda bundles are made with the guide's command (\`esbuild ${GUIDE_FLAGS.join(" ")}\`); the
figures are the \`.js\` file without its source map.

${sizeT.md}

## Memory

${r.memory.calls.toLocaleString("en")} calls of \`verifySync\` (1 KB body) in one process with the
built package, after 10,000 warm-up calls; RSS after a full GC.

${memT.md}
${crit ? `\n## The Rust core natively\n\n\`cargo bench --bench verify\` (Criterion, benches/verify.rs; run by \`make bench\` before the\nrest), the same tokens and bodies, without wasm or Node: the \`verify\` rows hash the body with\nthe \`sha2\` crate, \`verify_digest\` is given the body's SHA-256.\n\n${crit.md}\n` : ""}${notes.length ? `\n## Targets not met\n\n${notes.join("\n\n")}\n` : ""}
${NOTES.always ?? ""}
`;
}

export function renderReport(r) {
  const lat = latencyTable(r.latency);
  const lat16 = r.node16 ? latencyTable(r.node16.latency) : undefined;
  const node16 = lat16
    ? `\n### On Node ${r.node16.env.node}, the Node of the guide's Lambda

The same measurement, run by that Node in the same \`make bench\` (not a target: the issue's targets
are on this machine's Node ${r.env.node}).

${lat16.md}
`
    : "";

  const { times: coldT, ratios: coldRatios } = coldTables(r.cold);
  const sizeT = sizeTable(r.sizes);
  const memT = memoryTable(r.memory.samples);
  const crit = criterionTable(r.criterion);
  const tg = targets(r);
  const tgT = table(
    ["target", "limit", "measured", "met"],
    tg.map((t) => [t.what, t.limit, t.fmt(t.value), t.met ? "yes" : "**no**"]),
    "llrl",
  );

  const notes = missedNotes(r, tg);
  const markdown = markdownOf(r, { lat, node16, coldT, coldRatios, sizeT, memT, crit, tgT, notes });
  const text = [
    "warm latency, median µs per call",
    lat.text,
    ...(lat16 ? ["", `warm latency on Node ${r.node16.env.node}, median µs per call`, lat16.text] : []),
    "",
    "cold start (whole process)",
    coldT.text,
    coldRatios.text,
    "",
    "sizes (bytes)",
    sizeT.text,
    "",
    "memory",
    memT.text,
    "",
    "targets",
    tgT.text.replaceAll("**", ""),
  ].join("\n");
  return { text, markdown };
}

/** Latency against body size, log-log, current-key tokens. A hand-written SVG. */
export function renderSvg(r) {
  const W = 720;
  const H = 420;
  const L = 70;
  const R = 190;
  const T = 40;
  const B = 50;
  const pts = r.latency.filter((c) => c.key === "current");
  const xs = [...new Set(pts.map((c) => c.bytes))].sort((a, b) => a - b);
  const ys = pts.map((c) => c.median);
  const lx0 = Math.log10(xs[0]);
  const lx1 = Math.log10(xs[xs.length - 1]);
  const ly0 = Math.floor(Math.log10(Math.min(...ys)));
  const ly1 = Math.ceil(Math.log10(Math.max(...ys)));
  const X = (b) => L + ((Math.log10(b) - lx0) / (lx1 - lx0)) * (W - L - R);
  const Y = (v) => H - B - ((Math.log10(v) - ly0) / (ly1 - ly0)) * (H - T - B);
  const out = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`,
  );
  out.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  out.push(
    `<text x="${L}" y="22" font-size="14" font-weight="bold">Verify latency against body size (median µs per call, log-log, Node ${r.env.node})</text>`,
  );
  for (let e = ly0; e <= ly1; e++)
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** e;
      if (Math.log10(v) > ly1 + 1e-9) continue;
      const y = Y(v).toFixed(1);
      out.push(`<line x1="${L}" x2="${W - R}" y1="${y}" y2="${y}" stroke="${m === 1 ? "#d1d5db" : "#f3f4f6"}"/>`);
      if (m === 1 || ly1 - ly0 <= 3)
        out.push(
          `<text x="${L - 6}" y="${(+y + 4).toFixed(1)}" text-anchor="end" fill="#374151">${v >= 1 ? v : v.toFixed(1)}</text>`,
        );
    }
  const labels = Object.fromEntries(pts.map((c) => [c.bytes, c.size]));
  for (const b of xs) {
    const x = X(b).toFixed(1);
    out.push(`<line x1="${x}" x2="${x}" y1="${T}" y2="${H - B}" stroke="#e5e7eb"/>`);
    out.push(`<text x="${x}" y="${H - B + 18}" text-anchor="middle" fill="#374151">${labels[b]}</text>`);
  }
  out.push(`<text x="${(L + W - R) / 2}" y="${H - 12}" text-anchor="middle" fill="#374151">body size</text>`);
  out.push(
    `<text transform="translate(18 ${(T + H - B) / 2}) rotate(-90)" text-anchor="middle" fill="#374151">µs per verification</text>`,
  );
  out.push(`<rect x="${L}" y="${T}" width="${W - L - R}" height="${H - T - B}" fill="none" stroke="#9ca3af"/>`);
  let ly = T + 10;
  for (const id of ["sdk", "guide", "verify", "verifySync"]) {
    const line = xs.map((b) => pts.find((c) => c.bytes === b && c.contender === id));
    const d = line.map((c, i) => `${i ? "L" : "M"}${X(c.bytes).toFixed(1)} ${Y(c.median).toFixed(1)}`).join(" ");
    out.push(`<path d="${d}" fill="none" stroke="${COLORS[id]}" stroke-width="2"/>`);
    for (const c of line)
      out.push(`<circle cx="${X(c.bytes).toFixed(1)}" cy="${Y(c.median).toFixed(1)}" r="3" fill="${COLORS[id]}"/>`);
    out.push(
      `<line x1="${W - R + 16}" x2="${W - R + 36}" y1="${ly}" y2="${ly}" stroke="${COLORS[id]}" stroke-width="2"/>`,
    );
    out.push(`<text x="${W - R + 42}" y="${ly + 4}" fill="#111827">${NAMES[id]}</text>`);
    ly += 20;
  }
  out.push(`<text x="${W - R + 16}" y="${ly + 10}" fill="#6b7280">tokens signed by the</text>`);
  out.push(`<text x="${W - R + 16}" y="${ly + 26}" fill="#6b7280">current key; make bench</text>`);
  out.push("</svg>");
  return `${out.join("\n")}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
  const results = JSON.parse(readFileSync(join(root, "target/bench-out/results.json"), "utf8"));
  const { text, markdown } = renderReport(results);
  console.log(text);
  writeFileSync(join(root, "docs/bench-report.md"), markdown);
  writeFileSync(join(root, "docs/bench-latency.svg"), renderSvg(results));
}
