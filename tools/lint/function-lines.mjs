// No function in js/src or tools/ runs over 80 lines, counted as they stand in the file, comments
// and blank lines included: Biome's noExcessiveLinesPerFunction counts only lines of code, so a
// long function with many comments would pass it.
//   node tools/lint/function-lines.mjs   lists each longer function and exits 1 if there is one
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import ts from "typescript";

const MAX_LINES = 80;
const PATHS = ["js/src/*.js", "tools/*.mjs", "tools/*.js", "tools/*.cjs"];

/** Every function of `file` longer than MAX_LINES, as "file:line: N lines (name)". */
export function longFunctions(file, text) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found = [];
  const visit = (node) => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const last = source.getLineAndCharacterOfPosition(node.end).line;
      const name = node.name ? node.name.getText(source) : "(anonymous)";
      if (last - first + 1 > MAX_LINES) found.push(`${file}:${first + 1}: ${last - first + 1} lines (${name})`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const files = execFileSync("git", ["ls-files", ...PATHS], { encoding: "utf8" })
    .split("\n")
    .filter(Boolean);
  const found = files.flatMap((file) => longFunctions(file, readFileSync(file, "utf8")));
  for (const line of found) console.log(line);
  console.log(`${files.length} files: ${found.length} functions over ${MAX_LINES} lines`);
  if (found.length) process.exit(1);
}
