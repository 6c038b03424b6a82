// Seeds the token_parser corpus (fuzz/corpus/token_parser, not committed) from tests/vectors.json:
// each token raw (mode byte 0), and its decoded header, payload and signature (mode byte 1).
// Idempotent: files are named by their content's hash.
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { readFileSync } from "node:fs";

const root = new URL("../", import.meta.url);
const { vectors } = JSON.parse(readFileSync(new URL("tests/vectors.json", root), "utf8"));
const dir = new URL("fuzz/corpus/token_parser/", root);
mkdirSync(dir, { recursive: true });
let n = 0;
const write = (bytes) => {
  writeFileSync(new URL(`seed-${createHash("sha1").update(bytes).digest("hex")}`, dir), bytes);
  n++;
};
for (const v of vectors) {
  if (v.token.length > 20000) continue;
  write(Buffer.concat([Buffer.from([0]), Buffer.from(v.token)]));
  const parts = v.token.split(".").map((s) => Buffer.from(s, "base64url"));
  if (parts.length === 3) write(Buffer.concat([Buffer.from([1]), parts[0], Buffer.from([0]), parts[1], Buffer.from([0]), parts[2]]));
}
console.log(`fuzz seeds: ${n} inputs from tests/vectors.json`);
