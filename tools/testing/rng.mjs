// A small seeded PRNG (sfc32, seeded through cyrb128) shared by the conformance generator and the
// hostile-input tests: the same seed gives the same cases on every machine and Node version.
// No Math.random, no clock.

function cyrb128(str) {
  let h1 = 1779033703,
    h2 = 3144134277,
    h3 = 1013904242,
    h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

/** A generator seeded by `seed` (any string). */
export function rng(seed) {
  let [a, b, c, d] = cyrb128(String(seed));
  const u32 = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) u32();
  const r = {
    u32,
    /** A float in [0, 1). */
    float: () => u32() / 4294967296,
    /** An integer in [0, n). */
    int: (n) => Math.floor((u32() / 4294967296) * n),
    /** An integer in [lo, hi]. */
    range: (lo, hi) => lo + Math.floor((u32() / 4294967296) * (hi - lo + 1)),
    chance: (p) => u32() / 4294967296 < p,
    pick: (list) => list[Math.floor((u32() / 4294967296) * list.length)],
    /** Picks from [[weight, value], ...]. */
    weighted(entries) {
      const total = entries.reduce((s, [w]) => s + w, 0);
      let x = r.float() * total;
      for (const [w, v] of entries) {
        x -= w;
        if (x < 0) return v;
      }
      return entries[entries.length - 1][1];
    },
    bytes(n) {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = u32() & 0xff;
      return out;
    },
    /** `n` characters from `alphabet`. */
    chars(n, alphabet) {
      let s = "";
      for (let i = 0; i < n; i++) s += alphabet[Math.floor((u32() / 4294967296) * alphabet.length)];
      return s;
    },
  };
  return r;
}

export const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
export const B64URL = `${ALNUM}-_`;
