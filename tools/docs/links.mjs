// Every relative link in README.md and docs/*.md must resolve where the pages are read: in the
// repository, in the npm tarball (`npm pack ./js --dry-run --json`; the build copies README.md
// and docs/ into js/) and in the crate (`cargo package --list`). A link with `#anchor` must name
// a heading (or an `id`) of the page it points to.
//   node tools/docs/links.mjs    prints each broken link and where it breaks; exits 1 if any
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { anchors, isExternal, links, pages, read, resolve, root } from "./markdown.mjs";

function tarballFiles() {
  const out = execFileSync("npm", ["pack", "./js", "--dry-run", "--json", "--loglevel=error"], {
    cwd: root,
    encoding: "utf8",
  });
  return new Set(JSON.parse(out)[0].files.map((f) => f.path));
}

function crateFiles() {
  const out = execFileSync("cargo", ["package", "--list", "--allow-dirty", "--quiet"], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Set(out.split("\n").filter(Boolean));
}

/** Whether `file` (or, for a directory link, something under it) is in a listing. */
function listed(set, file, directory) {
  if (!directory) return set.has(file);
  const prefix = `${file.replace(/\/$/, "")}/`;
  for (const f of set) if (f.startsWith(prefix)) return true;
  return false;
}

/** The copies the tarball packs (js/README.md, js/docs/) must be the pages as they are now. */
function staleCopies() {
  const problems = [];
  for (const page of pages()) {
    const copy = join(root, "js", page);
    if (!existsSync(copy)) problems.push(`js/${page} is missing: run make build`);
    else if (readFileSync(copy, "utf8") !== read(page))
      problems.push(`js/${page} differs from ${page}: run make build`);
  }
  const sources = new Set(readdirSync(join(root, "docs")));
  if (existsSync(join(root, "js/docs"))) {
    for (const f of readdirSync(join(root, "js/docs"))) {
      if (!sources.has(f)) problems.push(`js/docs/${f} is no longer in docs/: remove it (rm -rf js/docs; make build)`);
    }
  }
  return problems;
}

function checkLink(page, link, where, anchorsOf) {
  const { file, anchor, directory } = resolve(page, link.target);
  const at = `${page}:${link.line}: ${link.target}`;
  if (file.startsWith("../") || file === "..") return [`${at}: leaves the repository`];
  const problems = [];
  for (const [name, has] of where) {
    if (!has(file, directory)) problems.push(`${at}: no ${file} in the ${name}`);
  }
  if (anchor !== null && !problems.length) {
    if (!file.endsWith(".md")) problems.push(`${at}: an anchor on a file that is not a page`);
    else if (!anchorsOf(file).has(anchor)) problems.push(`${at}: ${file} has no heading #${anchor}`);
  }
  return problems;
}

function main() {
  const tarball = tarballFiles();
  const crate = crateFiles();
  const where = [
    ["repository", (f, dir) => existsSync(join(root, f)) && (!dir || readdirSync(join(root, f)).length > 0)],
    ["npm tarball", (f, dir) => listed(tarball, f, dir)],
    ["crate", (f, dir) => listed(crate, f, dir)],
  ];
  const cache = new Map();
  const anchorsOf = (file) => {
    if (!cache.has(file)) cache.set(file, anchors(read(file)));
    return cache.get(file);
  };
  const problems = staleCopies();
  let count = 0;
  for (const page of pages()) {
    for (const [name, set] of [
      ["npm tarball", tarball],
      ["crate", crate],
    ]) {
      if (!set.has(page)) problems.push(`${page} itself is not in the ${name}`);
    }
    for (const link of links(read(page))) {
      if (isExternal(link.target)) continue;
      count++;
      problems.push(...checkLink(page, link, where, anchorsOf));
    }
  }
  if (problems.length) {
    console.log(`broken links (${problems.length}):\n  ${problems.join("\n  ")}`);
    process.exit(1);
  }
  console.log(
    `${count} relative links in ${pages().length} pages resolve in the repository, the npm tarball and the crate`,
  );
}

main();
