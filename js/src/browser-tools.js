// The browser entry's tools .wasm (sign()): fetched and compiled as soon as the entry is imported
// (this module is evaluated before browser.js's body, so beside the main module's fetch), and
// awaited by browser.js. Never rejects: a failure is an Error that sign() throws. The
// `new URL("./x.wasm", import.meta.url)` pattern lets bundlers emit the file, as for the main one.
const url = new URL("./qstash_verifier_tools_bg.wasm", import.meta.url);

async function compile() {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return WebAssembly.compile(await response.arrayBuffer());
}

export const toolsWasm = compile().catch(
  (e) => new Error(`qstash-verifier: sign() runs in a second .wasm, ${url}, which could not be loaded (${e.message})`),
);
