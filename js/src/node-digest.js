// The body's SHA-256 on Node: node:crypto's native SHA-256, used by src/node.js through core.js's
// `useBodyDigest`. Measured here (Node 20, 2 shared cores): native is faster at every body size,
// even 64 bytes (1.1 µs against 1.9 µs in wasm, the string's encoding included), and 3.5 times
// faster at 2 KB; at 1 MB, about 1.6 GB/s against 0.1 GB/s. So every body goes to node:crypto,
// and wasm memory never sees one (docs/bench-report.md has the figures of the last `make bench`).

/**
 * `digest(body)` for core.js: the SHA-256 of a string (as UTF-8, lone surrogates as U+FFFD,
 * exactly as TextEncoder encodes them) or of a Uint8Array (Buffer included), as 32 bytes;
 * `undefined` for anything else (core.js then converts it, or refuses it, as before).
 */
export function nodeBodyDigest(crypto) {
  // crypto.hash (Node 20.12+, 21.7+) is one call; createHash makes an object per body.
  const sha256 =
    typeof crypto.hash === "function"
      ? (data) => crypto.hash("sha256", data, "buffer")
      : (data) => crypto.createHash("sha256").update(data).digest();
  return (body) => (typeof body === "string" || body instanceof Uint8Array ? sha256(body) : undefined);
}
