// `make bundle-budget`: where the Lambda bundle's gzip bytes go, against the size target
// and against a measured floor. Prints:
//   1. the bundle (examples/aws-lambda/dist/index.js, the guide's esbuild build): whole, the
//      .wasm inside it (as hex) alone, and the JS with the hex taken out;
//   2. the floor (tools/bench/floor, built as the package's .wasm by tools/build/build.mjs): HMAC-SHA256
//      checked by `verify_slice`, the body's SHA-256, the allocator and wasm-bindgen's glue, which
//      any core built on the crates the project mandates carries;
//   3. what the target leaves for everything else (token, base64url, JSON, claims, messages, the
//      shim, key resolution, the Lambda adapter), against what that takes now;
//   4. the .wasm function by function (the names build of `make twiggy`), each body gzipped alone,
//      and the JS module by module (minified bytes, from an esbuild metafile of the same entries).
// A body gzipped alone is an upper bound of what it adds to the whole: the parts sum to more.
//
// `make bench` puts the same text in docs/bench-report.md (bundleBudget()).
//
//   node tools/bench/budget.mjs   (after make lambda-example and the two builds of `make bundle-budget`)
import { build } from "esbuild";
import { copyFileSync, existsSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { GUIDE_OPTIONS } from "../lambda/guide-build.mjs";
import { gzipSize as gz } from "./gzip-size.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
// The size target, in KB of 1000 bytes as tools/bench/report.mjs judges it.
const TARGET = 16 * 1000;
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.includes("--check")) console.log(await checkFloor());
  else console.log((await bundleBudget()).join("\n"));
}

/**
 * `--check` (`make test`): the floor is a real MAC check, not a stand-in. Every real QStash token
 * of tests/vectors.json verifies under its current key through the floor's `mac_ok`, and not with
 * its signature's last byte changed or under its next key (when it has one); `body_sha256` of its body is the
 * token's `body` claim.
 */
export async function checkFloor() {
  // The glue is an ES module in a .js file outside any "type": "module" package: imported as .mjs.
  const gluePath = join(root, "target/floor/glue.mjs");
  copyFileSync(join(root, "target/floor/qstash_verifier.js"), gluePath);
  const glue = await import(pathToFileURL(gluePath).href);
  glue.initSync({ module: readFileSync(join(root, "target/floor/qstash_verifier_bg.wasm")) });
  const { vectors } = JSON.parse(readFileSync(join(root, "tests/vectors.json"), "utf8"));
  const real = vectors.filter((v) => v.signer === "qstash" && v.expect.ok && v.expect.key === "current");
  if (real.length === 0) throw new Error("tests/vectors.json has no real QStash token verified by its current key");
  const utf8 = (text) => new TextEncoder().encode(text);
  for (const v of real) {
    const dot = v.token.lastIndexOf(".");
    const input = utf8(v.token.slice(0, dot));
    const signature = Buffer.from(v.token.slice(dot + 1), "base64url");
    const tampered = Uint8Array.from(signature);
    tampered[tampered.length - 1] ^= 1;
    const digest = new Uint8Array(32);
    glue.body_sha256(utf8(v.body), digest);
    const checks = {
      "current key": glue.mac_ok(utf8(v.currentSigningKey), input, signature) === true,
      "tampered signature refused": glue.mac_ok(utf8(v.currentSigningKey), input, tampered) === false,
      "next key refused": !v.nextSigningKey || glue.mac_ok(utf8(v.nextSigningKey), input, signature) === false,
      "body claim": Buffer.from(digest).toString("base64url") === v.expect.claims.body.replace(/=+$/, ""),
    };
    for (const [what, ok] of Object.entries(checks)) {
      if (!ok) throw new Error(`tools/bench/floor fails on ${v.id}: ${what}`);
    }
  }
  return `tools/bench/floor: the MAC and the body's SHA-256 agree with ${real.length} real QStash tokens (tests/vectors.json)`;
}

/** The budget, as lines of text. */
export async function bundleBudget() {
  const lines = [];
  const row = (name, raw, gzip) =>
    lines.push(`  ${name.padEnd(58)} ${String(raw ?? "").padStart(7)} ${String(gzip ?? "").padStart(7)}`.trimEnd());
  const say = (line) => lines.push(line);

  const needs = {
    "examples/aws-lambda/dist/index.js": "make lambda-example",
    "target/floor/qstash_verifier_bg.wasm": "node tools/build/build.mjs floor",
    "target/twiggy/qstash_verifier_bg.wasm": "node tools/build/build.mjs wasm-names",
  };
  for (const [file, how] of Object.entries(needs)) {
    if (!existsSync(join(root, file)))
      throw new Error(`tools/bench/budget.mjs needs ${file}: make bundle-budget builds it (${how})`);
  }

  // 1. The bundle.
  const bundle = readFileSync(join(root, "examples/aws-lambda/dist/index.js"), "latin1");
  const hexes = bundle.match(/[0-9a-f]{10000,}/g) ?? [];
  if (hexes.length !== 1) throw new Error(`expected one inlined .wasm (hex) in the bundle, found ${hexes.length}`);
  const [hex] = hexes;
  const wasmInBundle = Buffer.from(hex, "hex");
  const packageWasm = readFileSync(join(root, "js/wasm/qstash_verifier_bg.wasm"));
  if (!wasmInBundle.equals(packageWasm))
    throw new Error("the bundle's .wasm is not js/wasm's: run make lambda-example");
  const whole = gz(Buffer.from(bundle, "latin1"));
  const hexGz = gz(Buffer.from(`"${hex}"`));
  const jsGz = gz(Buffer.from(bundle.replace(hex, ""), "latin1"));
  say(`Lambda bundle, target at most ${TARGET} B gzip                        bytes    gzip`);
  row("examples/aws-lambda/dist/index.js", bundle.length, whole);
  row("  the .wasm inside it, as hex, alone", hex.length, hexGz);
  row("  the JS, with the hex taken out", bundle.length - hex.length, jsGz);

  // 2. The floor.
  const floorWasm = readFileSync(join(root, "target/floor/qstash_verifier_bg.wasm"));
  const floorGlue = await minified(join(root, "target/floor/qstash_verifier.js"));
  const floorHexGz = gz(Buffer.from(`"${floorWasm.toString("hex")}"`));
  const floorGlueGz = gz(Buffer.from(floorGlue.text));
  say("\nThe floor (tools/bench/floor: the MAC and the body's SHA-256 on hmac and sha2, lol_alloc, wasm-bindgen)");
  row(".wasm (gzip: as hex)", floorWasm.length, floorHexGz);
  row("its wasm-bindgen glue, minified", floorGlue.text.length, floorGlueGz);

  // 3. The budget.
  const left = TARGET - floorHexGz - floorGlueGz;
  const now = whole - floorHexGz - floorGlueGz;
  say("\nEverything else (token, base64url, JSON, claims, messages, shim, keys, Lambda adapter)");
  row("what the target leaves for it (gzip)", "", left);
  row("what it takes now (the bundle less the floor, gzip)", "", now);
  say(`  so the target asks for it at ${((left / now) * 100).toFixed(0)} % of its size now (${kb(now - left)} less)`);

  // 4a. The .wasm by function.
  const named = readFileSync(join(root, "target/twiggy/qstash_verifier_bg.wasm"));
  const parts = wasmParts(named).sort((a, b) => b.gzip - a.gzip);
  say(`\nThe .wasm by function (make twiggy's build; ${named.length} B with its names), each gzipped alone`);
  let rest = { raw: 0, gzip: 0, n: 0 };
  for (const [i, p] of parts.entries()) {
    if (i < 16) row(p.name.slice(0, 58), p.raw, p.gzip);
    else rest = { raw: rest.raw + p.raw, gzip: rest.gzip + p.gzip, n: rest.n + 1 };
  }
  row(`${rest.n} more`, rest.raw, rest.gzip);

  // 4b. The JS by module: the Node entry and the Lambda adapter, from source, as the guide bundles
  // them (minified, platform node), the .wasm left out.
  const js = await minified(join(root, "js/src/node.js"), join(root, "js/src/aws-lambda.js"));
  say(`\nThe JS by module (minified, from source; the whole: ${js.text.length} B, gzip ${gz(Buffer.from(js.text))})`);
  for (const [path, bytes] of js.modules.sort((a, b) => b[1] - a[1])) row(path, bytes, "");
  return lines;
}

/** Minifies `entries` into one module as the guide's esbuild command would; the .wasm stubbed. */
async function minified(...entries) {
  const source = entries.map((e, i) => `export * as m${i} from ${JSON.stringify(e)};`).join("\n");
  // The guide's flags but --sourcemap, which needs a file to point to: the code is the same.
  const { sourcemap: _, ...codeOptions } = GUIDE_OPTIONS;
  const out = await build({
    ...codeOptions,
    stdin: { contents: source, resolveDir: root, loader: "js" },
    write: false,
    metafile: true,
    logLevel: "error",
    plugins: [
      {
        name: "no-wasm",
        setup(b) {
          b.onLoad({ filter: /\.wasm$/ }, () => ({ contents: "export default new Uint8Array();", loader: "js" }));
        },
      },
    ],
  });
  const [output] = Object.values(out.metafile.outputs);
  const modules = Object.entries(output.inputs)
    .filter(([path]) => !path.endsWith(".wasm") && path !== "<stdin>")
    .map(([path, { bytesInOutput }]) => [relative(root, join(root, path)), bytesInOutput]);
  return { text: out.outputFiles[0].text, modules };
}

// A .wasm being read: its bytes and the reader's position `at`.
function leb(w) {
  let value = 0;
  for (let shift = 0; ; shift += 7) {
    const b = w.bytes[w.at++];
    if (b === undefined) throw new Error("tools/bench/budget.mjs: the .wasm ends inside a number");
    value += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return value;
  }
}

function sectionsOf(w) {
  const sections = [];
  while (w.at < w.bytes.length) {
    const id = w.bytes[w.at++];
    const size = leb(w);
    sections.push({ id, start: w.at, size });
    w.at += size;
  }
  return sections;
}

/** How many functions the import section brings: they come first in the function index space. */
function importedFunctions(w, imports) {
  // A table's or a memory's limits: a flag, the minimum, and the maximum when the flag says so.
  const limits = () => {
    if (w.bytes[w.at++] & 1) leb(w);
    leb(w);
  };
  let imported = 0;
  w.at = imports.start;
  for (let n = leb(w); n > 0; n--) {
    for (const _name of ["module", "field"]) {
      const length = leb(w); // (not `w.at += leb(w)`: that adds to `w.at` as it was before leb moved it)
      w.at += length;
    }
    const kind = w.bytes[w.at++];
    if (kind === 0) {
      leb(w);
      imported++;
    } else if (kind === 1) {
      w.at++;
      limits();
    } else if (kind === 2) limits();
    else if (kind === 3) w.at += 2;
  }
  return imported;
}

/** The functions' names from the "name" custom section, by function index. */
function functionNames(w, sections) {
  const { bytes } = w;
  const names = new Map();
  for (const s of sections.filter((s) => s.id === 0)) {
    w.at = s.start;
    const len = leb(w);
    if (bytes.toString("latin1", w.at, w.at + len) !== "name") continue;
    w.at += len;
    while (w.at < s.start + s.size) {
      const kind = bytes[w.at++];
      const size = leb(w);
      const end = w.at + size;
      if (kind === 1) {
        for (let n = leb(w); n > 0; n--) {
          const index = leb(w);
          const l = leb(w);
          names.set(index, bytes.toString("utf8", w.at, w.at + l).replace(/::h[0-9a-f]{16}$/, ""));
          w.at += l;
        }
      }
      w.at = end;
    }
  }
  return names;
}

/** The function bodies (with their names from the name section) and the data of a .wasm. */
function wasmParts(bytes) {
  const w = { bytes, at: 8 };
  const sections = sectionsOf(w);
  const imports = sections.find((s) => s.id === 2);
  const imported = imports ? importedFunctions(w, imports) : 0;
  const names = functionNames(w, sections);
  const parts = [];
  const code = sections.find((s) => s.id === 10);
  w.at = code.start;
  for (let n = leb(w), i = 0; i < n; i++) {
    const size = leb(w);
    const body = bytes.subarray(w.at, w.at + size);
    parts.push({ name: names.get(imported + i) ?? `function ${imported + i}`, raw: size, gzip: gz(body) });
    w.at += size;
  }
  const data = sections.find((s) => s.id === 11);
  if (data) {
    const body = bytes.subarray(data.start, data.start + data.size);
    parts.push({ name: "data (messages, tables)", raw: data.size, gzip: gz(body) });
  }
  return parts;
}
