// What the docs tools read in the pages that ship (README.md and docs/*.md): their fenced code
// blocks with the annotation before each, their headings' anchors, their relative links, and
// their generated regions. A small reader of the markdown these pages use, not a full CommonMark.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, posix } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** README.md, then every docs/*.md, as paths relative to the repository's root. */
export function pages() {
  const docs = readdirSync(join(root, "docs"))
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => `docs/${f}`);
  return ["README.md", ...docs];
}

export function read(page) {
  return readFileSync(join(root, page), "utf8");
}

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)[^`]*$/;
const ANNOTATION = /^<!--\s*check:\s*(.*?)\s*-->$/;

/**
 * The fenced code blocks of a page: `{ line, lang, code, annotation }`, `line` the 1-based line
 * of the opening fence, `annotation` the text of a `<!-- check: ... -->` on the last non-blank
 * line before it (or null).
 */
export function codeBlocks(text) {
  const lines = text.split("\n");
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]);
    if (!open) continue;
    const [, fence, lang] = open;
    let end = i + 1;
    while (end < lines.length && !isClosing(lines[end], fence)) end++;
    let before = i - 1;
    while (before >= 0 && lines[before].trim() === "") before--;
    const note = before >= 0 ? ANNOTATION.exec(lines[before].trim()) : null;
    blocks.push({
      line: i + 1,
      lang: lang.toLowerCase(),
      code: lines.slice(i + 1, end).join("\n"),
      annotation: note ? note[1] : null,
    });
    i = end;
  }
  return blocks;
}

function isClosing(line, fence) {
  const trimmed = line.trim();
  return trimmed.length >= fence.length && trimmed === fence[0].repeat(trimmed.length);
}

/** The page's lines outside fenced code blocks (others blanked, so line numbers still hold). */
export function proseLines(text) {
  const lines = text.split("\n");
  const out = [];
  let fence = null;
  for (const line of lines) {
    if (fence) {
      if (isClosing(line, fence)) fence = null;
      out.push("");
      continue;
    }
    const open = FENCE.exec(line);
    if (open) {
      fence = open[1];
      out.push("");
      continue;
    }
    out.push(line);
  }
  return out;
}

/** GitHub's anchor for a heading's text: lower case, punctuation dropped, spaces as hyphens. */
export function slug(heading) {
  const rendered = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[`*]/g, "")
    .replace(/<[^>]+>/g, "");
  return rendered
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

/** Every anchor a page defines: its headings' (numbered as GitHub numbers repeats) and `id`s. */
export function anchors(text) {
  const seen = new Map();
  const found = new Set();
  for (const line of proseLines(text)) {
    const heading = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      const base = slug(heading[1]);
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      found.add(n === 0 ? base : `${base}-${n}`);
    }
    for (const m of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) found.add(m[1]);
  }
  return found;
}

const LINK = /(!?)\[((?:[^[\]]|\[[^\]]*\])*)\]\(\s*<?([^\s)>]+)>?(?:\s+"[^"]*")?\s*\)/g;

/** The page's links outside code: `{ line, target, image }`. */
export function links(text) {
  const prose = proseLines(text).join("\n");
  // Inline code spans are blanked (keeping their newlines) so that a `[x](y)` inside one is no link.
  const plain = prose.replace(/(`+)[^`][\s\S]*?\1/g, (span) => span.replace(/[^\n]/g, " "));
  const found = [];
  for (const m of plain.matchAll(LINK)) {
    const line = plain.slice(0, m.index).split("\n").length;
    found.push({ line, target: m[3], image: m[1] === "!" });
  }
  return found;
}

/** Whether a link target leaves the repository's files (a url, or a mail address). */
export function isExternal(target) {
  return /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("//");
}

/** A relative link's file (relative to the root, posix) and anchor, from the page it is on. */
export function resolve(page, target) {
  const hash = target.indexOf("#");
  const path = decodeURIComponent(hash < 0 ? target : target.slice(0, hash));
  const anchor = hash < 0 ? null : decodeURIComponent(target.slice(hash + 1));
  const file = path === "" ? page : posix.normalize(posix.join(posix.dirname(page), path));
  return { file, anchor, directory: path.endsWith("/") };
}

/**
 * The generated regions of a page: `{ start, end, source, name }`, `start` and `end` the 0-based
 * lines of the opening and closing markers.
 */
export function generatedRegions(text) {
  const lines = text.split("\n");
  const regions = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^<!-- generated by tools\/docs\/blocks\.mjs from (\S+): ([\w-]+) -->$/.exec(lines[i]);
    if (!open) continue;
    let end = i + 1;
    while (end < lines.length && lines[end] !== "<!-- end generated -->") end++;
    if (end === lines.length) throw new Error(`line ${i + 1}: a generated block without its end marker`);
    regions.push({ start: i, end, source: open[1], name: open[2] });
    i = end;
  }
  return regions;
}
