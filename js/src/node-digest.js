// The body's SHA-256 on Node: node:crypto's native SHA-256, used by src/node.js through core.js's
// `useBodyDigest`. Every body goes to node:crypto, which is faster than wasm at every body size,
// so wasm memory never sees one (docs/bench-report.md has the figures of the last `make bench`).

/**
 * `digest(body)` for core.js: the SHA-256 of a string (as UTF-8, lone surrogates as U+FFFD,
 * exactly as TextEncoder encodes them) or of a Uint8Array (Buffer included), as 32 bytes;
 * `undefined` for anything else (core.js then converts it, or refuses it, as before).
 * @param {typeof import("node:crypto")} crypto
 * @returns {(body: unknown) => Uint8Array | undefined}
 */
export function nodeBodyDigest(crypto) {
  // crypto.hash (Node 20.12+, 21.7+) is one call; createHash makes an object per body.
  /** @type {(data: string | Uint8Array) => Uint8Array} */
  const sha256 =
    typeof crypto.hash === "function"
      ? (data) => crypto.hash("sha256", data, "buffer")
      : (data) => crypto.createHash("sha256").update(data).digest();
  return (body) => (typeof body === "string" || body instanceof Uint8Array ? sha256(body) : undefined);
}
