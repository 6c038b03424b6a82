// The crate's MSRV, worked out from its dependencies: the highest `rust-version` declared by any
// package the library needs (normal dependencies, every target) and, separately, by what its
// tests need (dev-dependencies). Prints both and fails unless Cargo.toml's `rust-version` equals
// the first: then the MSRV is set by a dependency, and `cargo +MSRV test` (mk/crate.mk) shows
// it suffices. Prints the MSRV alone with --print.
import { execFileSync } from "node:child_process";

const meta = JSON.parse(
  execFileSync("cargo", ["metadata", "--format-version", "1", "--locked"], { encoding: "utf8", maxBuffer: 1 << 28 }),
);
const byId = new Map(meta.packages.map((p) => [p.id, p]));
const nodes = new Map(meta.resolve.nodes.map((n) => [n.id, n]));
const root = meta.resolve.root;
const own = byId.get(root);

const cmp = (a, b) => {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
};

/** Every package reachable from the root through the first edge of the given kinds. */
function reachable(rootKinds) {
  const seen = new Set();
  const stack = [];
  for (const d of nodes.get(root).deps) {
    if (d.dep_kinds.some((k) => rootKinds.includes(k.kind))) stack.push(d.pkg);
  }
  while (stack.length) {
    const id = stack.pop();
    if (seen.has(id)) continue;
    seen.add(id);
    for (const d of nodes.get(id).deps) {
      if (d.dep_kinds.some((k) => k.kind === null)) stack.push(d.pkg); // their normal deps
    }
  }
  return [...seen].map((id) => byId.get(id));
}

function highest(pkgs) {
  let best = { version: "0", who: [] };
  for (const p of pkgs) {
    if (!p.rust_version) continue;
    const c = cmp(p.rust_version, best.version);
    if (c > 0) best = { version: p.rust_version, who: [`${p.name} ${p.version}`] };
    else if (c === 0) best.who.push(`${p.name} ${p.version}`);
  }
  return best;
}

const lib = highest(reachable([null]));
const tests = highest(reachable([null, "dev"]));
if (process.argv.includes("--print")) {
  console.log(own.rust_version);
} else {
  console.log(`the library's dependencies need Rust >= ${lib.version} (${lib.who.join(", ")})`);
  console.log(`its tests' dependencies need Rust >= ${tests.version} (${tests.who.join(", ")})`);
  console.log(`Cargo.toml: rust-version = "${own.rust_version}"`);
  if (cmp(own.rust_version, lib.version) !== 0) {
    console.log(`FAILED: rust-version should be ${lib.version}, what the dependencies need`);
    process.exit(1);
  }
}
