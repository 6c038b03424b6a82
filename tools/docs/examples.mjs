// The pages' code blocks are checked, not just shown. Each ```ts / ```js / ```tsx block in
// README.md and docs/*.md carries an annotation on the line before it:
//   <!-- check: ENV -->                      type-checked by tsc in ENV
//   <!-- check: ENV (given: a, b) -->        the same, with `a` and `b` declared (see GIVEN)
//   <!-- check: skip (why) -->               not checked, and listed as skipped with the reason
// ENV is `typescript` (pkg-tests/typescript: the package's own types, with Node's from the root)
// or a framework fixture of pkg-tests/frameworks/ (`nextjs`, `hono`, ...), whose frameworks
// `make test-frameworks` installs into target/frameworks/pkg-tests/frameworks/ENV; a fixture not installed
// yet is installed (and run) by `bash pkg-tests/frameworks/run.sh ENV`. Either way the freshly
// packed tarball is installed over it, the blocks are written into a scratch folder inside it,
// and tsc checks them there against its node_modules. Each ```rust block must be in a page that
// src/lib.rs includes as doctests (`cargo test --doc` runs it). Other blocks (sh, console, text,
// json) are not code to check.
//   node tools/docs/examples.mjs          check every block; prints what was checked and skipped
//   node tools/docs/examples.mjs --list   only list the blocks and how each is checked
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { codeBlocks, pages, read, root } from "./markdown.mjs";

const TYPED = { ts: "ts", typescript: "ts", tsx: "tsx", js: "js", javascript: "js", jsx: "jsx", mjs: "js" };
// The values the snippets take as given, and their types: what a handler has in hand.
const GIVEN = {
  request: "Request",
  signature: "string | null",
  body: "string",
};
const TSC = join(root, "node_modules/.bin/tsc");
const SCRATCH = "docs-examples";

/** Every code block of every page, with how it is checked: `{ page, line, kind, env, ... }`. */
function collect() {
  const doctestPages = new Set([...read("src/lib.rs").matchAll(/include_str!\("\.\.\/([^"]+)"\)/g)].map((m) => m[1]));
  const blocks = [];
  const errors = [];
  for (const page of pages()) {
    for (const block of codeBlocks(read(page))) {
      const at = `${page}:${block.line}`;
      const note = block.annotation ? parseAnnotation(block.annotation) : null;
      if (note?.skip) blocks.push({ ...block, page, kind: "skip", reason: note.skip });
      else if (block.lang.startsWith("rust")) {
        if (!doctestPages.has(page))
          errors.push(`${at}: a Rust block in a page src/lib.rs does not include as doctests`);
        else if (/ignore|text/.test(block.lang))
          errors.push(`${at}: \`${block.lang}\` is not run: annotate it as skipped`);
        else blocks.push({ ...block, page, kind: "doctest" });
      } else if (TYPED[block.lang]) {
        if (!note) errors.push(`${at}: a ${block.lang} block needs <!-- check: ENV --> or <!-- check: skip (why) -->`);
        else blocks.push({ ...block, page, kind: "tsc", env: note.env, given: note.given, ext: TYPED[block.lang] });
      } else blocks.push({ ...block, page, kind: "text" });
    }
  }
  return { blocks, errors };
}

function parseAnnotation(text) {
  const skip = /^skip\s*\((.+)\)$/.exec(text);
  if (skip) return { skip: skip[1] };
  const m = /^([\w-]+)(?:\s*\(given:\s*([^)]*)\))?$/.exec(text);
  if (!m) throw new Error(`unreadable annotation "<!-- check: ${text} -->"`);
  const given = m[2] ? m[2].split(/[\s,]+/).filter(Boolean) : [];
  for (const name of given) if (!GIVEN[name]) throw new Error(`"${name}" is not among the given values (GIVEN)`);
  return { env: m[1], given };
}

/** The folder whose node_modules types ENV's blocks, with the tarball installed over it. */
function prepare(env, tarball) {
  let dir;
  if (env === "typescript") {
    dir = join(root, "target/docs-examples/typescript");
    mkdirSync(dir, { recursive: true });
    copyFileSync(join(root, "pkg-tests/typescript/package.json"), join(dir, "package.json"));
  } else if (existsSync(join(root, "pkg-tests/frameworks", env, "package.json"))) {
    dir = join(root, "target/frameworks/pkg-tests/frameworks", env);
    if (!existsSync(join(dir, "node_modules"))) {
      console.log(`${env}: not installed yet; bash pkg-tests/frameworks/run.sh ${env}`);
      const run = spawnSync("bash", ["pkg-tests/frameworks/run.sh", env], { cwd: root, stdio: "inherit" });
      if (run.status !== 0 || !existsSync(join(dir, "node_modules")))
        throw new Error(`${env}: the fixture did not install`);
    }
  } else throw new Error(`no environment "${env}": typescript, or a folder of pkg-tests/frameworks/`);
  execFileSync(
    "npm",
    ["install", "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--loglevel=error", tarball],
    { cwd: dir, stdio: ["ignore", "ignore", "inherit"] },
  );
  return dir;
}

/** One block as a module file: the given values declared on its first line, then the block. */
function source(block) {
  const declare =
    block.ext === "ts" || block.ext === "tsx"
      ? (n) => `declare const ${n}: ${GIVEN[n]};`
      : (n) => `/** @type {${GIVEN[n]}} */ const ${n} = /** @type {any} */ (undefined);`;
  return `${block.given.map(declare).join(" ")}\n${block.code}\nexport {};\n`;
}

function fileName(block) {
  return `${block.page.replace(/[^\w]/g, "_")}-L${block.line}.${block.ext}`;
}

/** tsc over ENV's blocks; returns the problems, each mapped back to its page and line. */
function typeCheck(env, blocks, tarball) {
  const dir = prepare(env, tarball);
  const scratch = join(dir, SCRATCH);
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch);
  try {
    // JS is checked as a JS user's editor checks it: strict, but an unannotated parameter is `any`.
    const js = blocks.filter((b) => !b.ext.startsWith("ts"));
    const ts = blocks.filter((b) => b.ext.startsWith("ts"));
    return [...tsc(scratch, env, ts, {}), ...tsc(scratch, env, js, { noImplicitAny: false })];
  } finally {
    // The scratch folder goes, so that no framework build ever picks the examples up.
    rmSync(scratch, { recursive: true, force: true });
  }
}

function tsc(scratch, env, blocks, overrides) {
  if (!blocks.length) return [];
  const byFile = new Map(blocks.map((b) => [fileName(b), b]));
  for (const [name, block] of byFile) writeFileSync(join(scratch, name), source(block));
  const compilerOptions = {
    strict: true,
    noEmit: true,
    target: "es2022",
    module: "esnext",
    moduleResolution: "bundler",
    lib: ["es2022", "dom", "dom.iterable"],
    types: ["node"],
    allowJs: true,
    checkJs: true,
    skipLibCheck: true,
    isolatedModules: true,
    jsx: "preserve",
    ...overrides,
  };
  writeFileSync(join(scratch, "tsconfig.json"), JSON.stringify({ compilerOptions, files: [...byFile.keys()] }));
  const run = spawnSync(TSC, ["-p", "tsconfig.json", "--pretty", "false"], { cwd: scratch, encoding: "utf8" });
  const out = `${run.stdout}${run.stderr}`.trim();
  if (run.status === 0) return [];
  return mapErrors(out, byFile, env);
}

function mapErrors(out, byFile, env) {
  const problems = [];
  for (const line of out.split("\n")) {
    const m = /^([^(]+)\((\d+),(\d+)\): (.*)$/.exec(line);
    const block = m && byFile.get(m[1]);
    if (block) problems.push(`${block.page}:${block.line + Number(m[2]) - 1} (${env}): ${m[4]}`);
    else if (line.trim()) problems.push(`(${env}) ${line}`);
  }
  return problems;
}

function pack() {
  const dest = join(root, "target/docs-examples");
  mkdirSync(dest, { recursive: true });
  const out = execFileSync("npm", ["pack", "./js", "--pack-destination", dest, "--silent"], {
    cwd: root,
    encoding: "utf8",
  });
  return join(dest, out.trim().split("\n").pop());
}

function describe(b) {
  if (b.kind === "tsc") return `tsc in ${b.env}${b.given.length ? ` (given: ${b.given.join(", ")})` : ""}`;
  if (b.kind === "doctest") return "Rust doctest (cargo test --doc)";
  if (b.kind === "skip") return `SKIPPED: ${b.reason}`;
  return "not code";
}

function main() {
  const { blocks, errors } = collect();
  if (errors.length) {
    console.log(`blocks without a check:\n  ${errors.join("\n  ")}`);
    process.exit(1);
  }
  const typed = blocks.filter((b) => b.kind === "tsc");
  for (const b of blocks)
    console.log(`  ${`${b.page}:${b.line}`.padEnd(26)} ${(b.lang || "-").padEnd(8)} ${describe(b)}`);
  if (process.argv.includes("--list")) return;
  const tarball = pack();
  const problems = [];
  for (const env of [...new Set(typed.map((b) => b.env))]) {
    const mine = typed.filter((b) => b.env === env);
    const found = typeCheck(env, mine, tarball);
    console.log(`${env}: ${mine.length} block(s), ${found.length ? "FAILED" : "tsc clean"}`);
    problems.push(...found);
  }
  const skipped = blocks.filter((b) => b.kind === "skip");
  const doctests = blocks.filter((b) => b.kind === "doctest").length;
  console.log(
    `docs examples: ${typed.length} type-checked, ${doctests} Rust doctests, ${skipped.length} skipped` +
      (skipped.length ? `:\n  ${skipped.map((b) => `${b.page}:${b.line} ${b.reason}`).join("\n  ")}` : ""),
  );
  if (problems.length) {
    console.log(`type errors:\n  ${problems.join("\n  ")}`);
    process.exit(1);
  }
}

main();
