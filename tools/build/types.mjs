// The package's declaration files, from the JSDoc of js/src (tools/build/js.mjs calls
// `buildTypes`). tsc type-checks the sources (any error fails the build) and emits one .d.ts per
// source file, in memory; this step then puts them together per published file: each takes the
// declarations of the modules it owns and of the unpublished modules they reach, imports the rest
// from the other published files, and leaves out what nothing public reaches. Each .d.ts gets a
// .d.cts twin for `require`, and the result is compiled once more, as a consumer would see it.
import { writeFileSync } from "node:fs";
import { dirname, join, posix, relative } from "node:path";
import ts from "typescript";

const host = {
  getCanonicalFileName: (f) => f,
  getCurrentDirectory: () => process.cwd(),
  getNewLine: () => "\n",
};

function fail(what, diagnostics) {
  throw new Error(`${what}:\n${ts.formatDiagnostics(diagnostics, host)}`);
}

/** Type-checks the project of `tsconfig` and returns its declarations, by source path ("src/core"). */
function compile(tsconfig) {
  const root = dirname(tsconfig);
  const outDir = join(root, ".types"); // never written: the files are taken in memory
  const config = ts.getParsedCommandLineOfConfigFile(
    tsconfig,
    { noEmit: false, declaration: true, emitDeclarationOnly: true, rootDir: root, outDir },
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => fail(tsconfig, [d]) },
  );
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
  const diagnostics = [...config.errors, ...ts.getPreEmitDiagnostics(program)];
  if (diagnostics.length > 0) fail(`tsc -p ${relative(process.cwd(), tsconfig)}`, diagnostics);
  const emitted = new Map();
  const write = (file, text) =>
    emitted.set(
      relative(outDir, file)
        .replace(/\\/g, "/")
        .replace(/\.d\.ts$/, ""),
      text,
    );
  const result = program.emit(undefined, write, undefined, true);
  if (result.diagnostics.length > 0) fail("tsc declaration emit", result.diagnostics);
  return emitted;
}

const has = (node, kind) =>
  (ts.canHaveModifiers(node) ? (ts.getModifiers(node) ?? []) : []).some((m) => m.kind === kind);

/** A relative specifier as a module key ("./core.js" from "src/fetch" → "src/core"); a bare one as it is. */
function keyOf(from, specifier) {
  if (!specifier.startsWith(".")) return specifier;
  return posix.join(posix.dirname(from), specifier).replace(/\.(c|m)?js$/, "");
}

/** `type N = import("./m.js").N`, the way JSDoc re-exports a type: the module it names, or undefined. */
function aliasedFrom(key, st) {
  const t = st.type;
  if (st.typeParameters || !ts.isImportTypeNode(t) || t.isTypeOf || t.typeArguments) return undefined;
  if (!t.qualifier || !ts.isIdentifier(t.qualifier) || t.qualifier.text !== st.name.text) return undefined;
  return keyOf(key, t.argument.literal.text);
}

/** A declaration file's declarations, imports and exports. */
function parseModule(key, text) {
  const sf = ts.createSourceFile(`${key}.d.ts`, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const mod = { key, sf, text, decls: new Map(), imports: new Map(), exports: new Map(), stars: [] };
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st)) readImport(mod, st);
    else if (ts.isExportDeclaration(st)) readExport(mod, st);
    else if (ts.isExportAssignment(st) && !st.isExportEquals && ts.isIdentifier(st.expression)) {
      mod.exports.set("default", { local: st.expression.text });
    } else readDeclaration(mod, st);
  }
  return mod;
}

function readImport(mod, st) {
  const from = keyOf(mod.key, st.moduleSpecifier.text);
  const clause = st.importClause;
  if (clause?.name) mod.imports.set(clause.name.text, { from, name: "default" });
  const bindings = clause?.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) mod.imports.set(bindings.name.text, { from, name: "*" });
  else
    for (const el of bindings?.elements ?? [])
      mod.imports.set(el.name.text, { from, name: (el.propertyName ?? el.name).text });
}

function readExport(mod, st) {
  const from = st.moduleSpecifier && keyOf(mod.key, st.moduleSpecifier.text);
  if (!st.exportClause) mod.stars.push(from);
  else if (!ts.isNamedExports(st.exportClause)) throw new Error(`${mod.key}: export * as is not supported`);
  else {
    for (const el of st.exportClause.elements) {
      const name = (el.propertyName ?? el.name).text;
      mod.exports.set(el.name.text, from ? { from, name } : { local: name });
    }
  }
}

function readDeclaration(mod, st) {
  const names = ts.isVariableStatement(st) ? st.declarationList.declarations.map((d) => d.name.text) : [st.name?.text];
  if (names.length !== 1 || typeof names[0] !== "string" || ts.isModuleDeclaration(st)) {
    throw new Error(`${mod.key}: unsupported declaration: ${st.getText(mod.sf).slice(0, 80)}`);
  }
  const [name] = names;
  const from = ts.isTypeAliasDeclaration(st) ? aliasedFrom(mod.key, st) : undefined;
  if (from !== undefined) {
    mod.imports.set(name, { from, name });
    if (has(st, ts.SyntaxKind.ExportKeyword)) mod.exports.set(name, { from, name });
    return;
  }
  if (!mod.decls.has(name)) mod.decls.set(name, []);
  mod.decls.get(name).push(st);
  if (has(st, ts.SyntaxKind.ExportKeyword)) {
    mod.exports.set(has(st, ts.SyntaxKind.DefaultKeyword) ? "default" : name, { local: name });
  }
}

/** Resolves names to their declarations ({ mod, name }), or to a namespace ({ ns }). */
function resolver(modules) {
  const local = (key, name) => {
    const mod = modules.get(key);
    if (mod === undefined) return undefined;
    if (mod.decls.has(name)) return { mod: key, name };
    const imp = mod.imports.get(name);
    if (imp === undefined) return undefined;
    if (imp.name === "*") return { ns: imp.from };
    return exported(imp.from, imp.name);
  };
  const exported = (key, name, seen = new Set()) => {
    const mod = modules.get(key);
    if (mod === undefined || seen.has(key)) return undefined;
    seen.add(key);
    const e = mod.exports.get(name);
    if (e !== undefined) return e.local !== undefined ? local(key, e.local) : exported(e.from, e.name, seen);
    for (const star of mod.stars) {
      const found = exported(star, name, seen);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return { local, exported };
}

const idOf = (sym) => `${sym.mod}#${sym.name}`;

/** Every name a module exports, with its declaration, and the modules whose exports it passes on whole. */
function exportsOf(modules, resolve, key) {
  const mod = modules.get(key);
  const names = new Map();
  for (const name of mod.exports.keys()) names.set(name, resolve.exported(key, name));
  return { names, stars: mod.stars };
}

function isValue(modules, sym) {
  const [st] = modules.get(sym.mod).decls.get(sym.name);
  return !ts.isTypeAliasDeclaration(st) && !ts.isInterfaceDeclaration(st);
}

/** The entity a reference names (an identifier, `ns.Name`, `import("./m.js").Name`), resolved. */
function referenced(ctx, mod, node) {
  if (ts.isImportTypeNode(node)) {
    if (!node.qualifier || !ts.isIdentifier(node.qualifier)) throw new Error(`${mod.key}: import type without a name`);
    const from = keyOf(mod.key, node.argument.literal.text);
    if (!from.startsWith("src/")) return undefined; // a package's type: kept as it is written
    return {
      sym: ctx.resolve.exported(from, node.qualifier.text),
      start: node.getStart(mod.sf),
      end: node.qualifier.end,
    };
  }
  const parts = [];
  for (let n = node; n; n = ts.isIdentifier(n) ? undefined : (n.left ?? n.expression)) {
    parts.unshift(ts.isIdentifier(n) ? n : (n.right ?? n.name));
  }
  const first = ctx.resolve.local(mod.key, parts[0].text);
  if (first?.ns !== undefined && parts.length === 2) {
    return { sym: ctx.resolve.exported(first.ns, parts[1].text), start: node.getStart(mod.sf), end: node.end };
  }
  if (parts.length > 1 || first === undefined) return undefined; // a global, a type parameter, `X.member`
  return { sym: first, start: node.getStart(mod.sf), end: node.end, alias: parts[0].text };
}

function entityOf(node) {
  if (ts.isImportTypeNode(node)) return node;
  if (ts.isTypeReferenceNode(node)) return node.typeName;
  if (ts.isExpressionWithTypeArguments(node)) return node.expression;
  if (ts.isTypeQueryNode(node)) return node.exprName;
  return undefined;
}

/** The edits that make one statement's references name what this file calls them. */
function editsOf(ctx, home, mod, st) {
  const edits = [];
  const visit = (node) => {
    const entity = entityOf(node);
    const ref = entity && referenced(ctx, mod, entity);
    if (ref?.sym === undefined && ref !== undefined)
      throw new Error(`${mod.key}: ${entity.getText(mod.sf)} is not found`);
    if (ref !== undefined) {
      // `extends X` and `typeof X` need X as a value; every other reference, as a type.
      const asValue = ts.isExpressionWithTypeArguments(node) || ts.isTypeQueryNode(node) || node.isTypeOf === true;
      const name = nameIn(ctx, home, ref.sym, ts.isImportTypeNode(entity) ? undefined : ref.alias, asValue);
      const text = ts.isImportTypeNode(entity) && entity.isTypeOf ? `typeof ${name}` : name;
      if (mod.text.slice(ref.start, ref.end) !== text) edits.push({ start: ref.start, end: ref.end, text });
      for (const arg of node.typeArguments ?? []) visit(arg);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(st);
  // A JSDoc union is written in parentheses; the declaration needs none.
  if (ts.isTypeAliasDeclaration(st) && ts.isParenthesizedTypeNode(st.type)) {
    edits.push({ start: st.type.getStart(mod.sf), end: st.type.getStart(mod.sf) + 1, text: "" });
    edits.push({ start: st.type.end - 1, end: st.type.end, text: "" });
  }
  return edits;
}

function claim(home, name, id) {
  const holder = home.names.get(name);
  if (holder !== undefined && holder !== id) throw new Error(`${home.file}.d.ts: two declarations named ${name}`);
  home.names.set(name, id);
}

/** The name `sym` has in `home`: its own when the file declares it, else an import's. */
function nameIn(ctx, home, sym, alias, asValue) {
  if (sym.ns !== undefined) throw new Error(`${home.file}.d.ts: a namespace used as a type`);
  const owner = ctx.owners.get(sym.mod) ?? home.file;
  if (owner === home.file) {
    include(ctx, home, sym);
    return sym.name;
  }
  const exported = publicName(ctx, owner, sym);
  if (exported === undefined)
    throw new Error(`${home.file}.d.ts needs ${sym.name} (${sym.mod}), which ${owner}.d.ts does not export`);
  const local = alias ?? exported;
  claim(home, local, `${owner}:${exported}`);
  if (!home.imports.has(owner)) home.imports.set(owner, new Map());
  const before = home.imports.get(owner).get(local);
  home.imports.get(owner).set(local, { exported, value: before?.value || asValue });
  return local;
}

function publicName(ctx, file, sym) {
  const { names } = exportsOf(ctx.modules, ctx.resolve, ctx.homes.get(file).entry);
  for (const [name, s] of names) if (s !== undefined && idOf(s) === idOf(sym) && name !== "default") return name;
  return undefined;
}

function include(ctx, home, sym) {
  const id = idOf(sym);
  if (home.included.has(id)) return;
  const mod = ctx.modules.get(sym.mod);
  const statements = mod.decls.get(sym.name);
  if (statements === undefined) throw new Error(`${sym.mod}: no declaration of ${sym.name}`);
  claim(home, sym.name, id);
  const entry = { sym, mod, statements, edits: [] };
  home.included.set(id, entry);
  for (const st of statements) entry.edits.push(...editsOf(ctx, home, mod, st));
}

/** One statement as this file declares it: its references renamed, exported or not. */
function printStatement(mod, st, edits, exported) {
  const start = st.getStart(mod.sf);
  let body = start;
  for (const m of ts.getModifiers(st) ?? []) {
    if ([ts.SyntaxKind.ExportKeyword, ts.SyntaxKind.DeclareKeyword, ts.SyntaxKind.DefaultKeyword].includes(m.kind))
      body = m.end;
  }
  let text = mod.text.slice(body, st.end);
  for (const e of edits.filter((e) => e.start >= body && e.end <= st.end).sort((a, b) => b.start - a.start)) {
    text = text.slice(0, e.start - body) + e.text + text.slice(e.end - body);
  }
  const value = !ts.isTypeAliasDeclaration(st) && !ts.isInterfaceDeclaration(st);
  const leading = mod.text.slice(st.getFullStart(), start).replace(/^\s*\n/, "");
  return `${leading}${exported ? "export " : value ? "declare " : ""}${text.trimStart()}`;
}

/** The text of one published declaration file. */
function buildHome(ctx, file) {
  const home = ctx.homes.get(file);
  Object.assign(home, { included: new Map(), imports: new Map(), names: new Map() });
  const { names, stars } = exportsOf(ctx.modules, ctx.resolve, home.entry);
  const own = new Set(); // ids exported under their own name
  const tail = [];
  const reexports = new Map(); // file → lines of names it passes on
  for (const [name, sym] of names) {
    if (sym === undefined || sym.ns !== undefined) throw new Error(`${file}.d.ts: cannot export ${name}`);
    const owner = ctx.owners.get(sym.mod) ?? file;
    if (owner === file) {
      include(ctx, home, sym);
      if (name === sym.name) own.add(idOf(sym));
      else tail.push(name === "default" ? `export default ${sym.name};` : `export { ${sym.name} as ${name} };`);
    } else {
      const exported = publicName(ctx, owner, sym);
      if (exported === undefined) throw new Error(`${file}.d.ts exports ${name}, which ${owner}.d.ts does not export`);
      const kind = isValue(ctx.modules, sym) ? "value" : "type";
      if (!reexports.has(owner)) reexports.set(owner, { value: [], type: [] });
      reexports.get(owner)[kind].push(exported === name ? name : `${exported} as ${name}`);
    }
  }
  const lines = [];
  for (const [owner, bindings] of home.imports) {
    const list = (value) => [...bindings].filter(([, b]) => b.value === value);
    const spec = ([local, b]) => (local === b.exported ? local : `${b.exported} as ${local}`);
    if (list(true).length) lines.push(`import { ${list(true).map(spec).join(", ")} } from "./${owner}.js";`);
    if (list(false).length) lines.push(`import type { ${list(false).map(spec).join(", ")} } from "./${owner}.js";`);
  }
  // The file's own modules in the order it lists them, then the others as they were reached.
  const order = [...new Set([home.entry, ...home.owns, ...[...home.included.values()].map((e) => e.mod.key)])];
  const statements = [...home.included.values()]
    .flatMap((e) => e.statements.map((st) => ({ e, st })))
    .sort((a, b) => order.indexOf(a.e.mod.key) - order.indexOf(b.e.mod.key) || a.st.pos - b.st.pos);
  for (const { e, st } of statements) lines.push(printStatement(e.mod, st, e.edits, own.has(idOf(e.sym))));
  for (const star of stars) {
    const owner = ctx.owners.get(star);
    if (owner === undefined || owner === file) throw new Error(`${file}.d.ts: export * from ${star} is not supported`);
    lines.push(`export * from "./${owner}.js";`);
  }
  for (const [owner, { value, type }] of reexports) {
    if (value.length) lines.push(`export { ${value.join(", ")} } from "./${owner}.js";`);
    if (type.length) lines.push(`export type { ${type.join(", ")} } from "./${owner}.js";`);
  }
  lines.push(...tail);
  if (own.size < home.included.size) lines.push("export {};"); // what is declared but not exported stays private
  if (home.append) lines.push(home.append.trim());
  return `${cleanDocs(lines.join("\n"))}\n`;
}

/** Skips a `{...}` type (nested braces included) at the start of `s`; returns the rest. */
function skipType(s) {
  if (!s.startsWith("{")) return s;
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "{") depth++;
    else if (s[i] === "}" && --depth === 0) return s.slice(i + 1).trimStart();
  }
  return s;
}

/** One doc comment's lines without the tags only tsc reads (types, templates, overloads). */
function cleanLines(lines) {
  const out = [];
  for (const line of lines) {
    const tag = /^@(\w+)\s*(.*)$/.exec(line);
    if (tag === null) {
      out.push(line);
      continue;
    }
    const [, name, rest] = tag;
    const untyped = skipType(rest);
    if (name === "param") {
      const described = untyped.replace(/^(\[[^\]]*\]|\S+)\s*/, "");
      if (described)
        out.push(`@param ${untyped.match(/^(\[[^\]]*\]|\S+)/)[0].replace(/^\[([^\]=]*).*\]$/, "$1")} ${described}`);
    } else if (name === "returns" || name === "return") {
      if (untyped) out.push(`@returns ${untyped}`);
    } else if (["type", "template", "overload", "readonly", "satisfies"].includes(name)) {
      if (untyped && name !== "template") out.push(untyped);
    } else out.push(line);
  }
  while (out.length && out[out.length - 1] === "") out.pop();
  while (out.length && out[0] === "") out.shift();
  return out;
}

/** The declarations' doc comments as a reader wants them: JSDoc-only tags and type blocks left out. */
function cleanDocs(text) {
  return text.replace(/^([ \t]*)\/\*\*([\s\S]*?)\*\/[ \t]*\n?/gm, (_all, indent, body) => {
    if (/@(typedef|import|callback)\b/.test(body)) return "";
    const lines = body.split("\n").map((l) => l.replace(/^\s*\*? ?/, "").trimEnd());
    const kept = cleanLines(lines);
    if (kept.length === 0) return "";
    if (kept.length === 1 && !body.includes("\n")) return `${indent}/** ${kept[0]} */\n`;
    return `${indent}/**\n${kept.map((l) => `${indent} *${l ? ` ${l}` : ""}`).join("\n")}\n${indent} */\n`;
  });
}

/** The `require` twin of a declaration file: its imports name the other twins. */
const cjsTwin = (text) => text.replace(/(from |import\()"\.\/([\w.-]+)\.js"/g, '$1"./$2.cjs"');

/** The published files, compiled as a consumer compiles them: strict, nothing skipped. */
function checkPublished(files) {
  const options = {
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
    types: [],
  };
  const program = ts.createProgram({ rootNames: files, options });
  const diagnostics = ts.getPreEmitDiagnostics(program);
  if (diagnostics.length > 0) fail("the emitted declarations", diagnostics);
}

/**
 * Writes `dist/<file>.d.ts` and `.d.cts` for each of `homes` (file → { entry, owns, append }):
 * `entry` the source module whose exports the file publishes, `owns` the other source modules
 * whose declarations it holds (so the other files import them from it), `append` text that
 * JSDoc cannot declare.
 */
export function buildTypes({ tsconfig, dist, homes }) {
  const emitted = compile(tsconfig);
  const modules = new Map([...emitted].map(([key, text]) => [key, parseModule(key, text)]));
  const ctx = { modules, resolve: resolver(modules), homes: new Map(), owners: new Map() };
  for (const [file, home] of Object.entries(homes)) {
    const entry = `src/${home.entry}`;
    const owns = (home.owns ?? []).map((m) => `src/${m}`);
    ctx.homes.set(file, { file, entry, owns, append: home.append });
    for (const key of [entry, ...owns]) {
      if (!modules.has(key)) throw new Error(`${file}.d.ts: no module ${key}`);
      ctx.owners.set(key, file);
    }
  }
  const written = [];
  for (const file of ctx.homes.keys()) {
    const text = buildHome(ctx, file);
    for (const [ext, content] of [
      [".d.ts", text],
      [".d.cts", cjsTwin(text)],
    ]) {
      writeFileSync(join(dist, file + ext), content);
      written.push(join(dist, file + ext));
    }
  }
  checkPublished(written);
}
