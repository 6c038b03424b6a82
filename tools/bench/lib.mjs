// Inputs shared by every part of `make bench`: the keys, the Function URL's host, the bodies, and
// the lifetime of the tokens that tools/testing/qstash-token.mjs mints for them (its events are
// tools/testing/lambda-events.mjs's).

export const KEYS = {
  currentSigningKey: "sig_benchCurrent7dPq2Lx9VbN4rT6wZ3kM8sHfJ",
  nextSigningKey: "sig_benchNext3hWk5Qz8RcY2uPm7Gv4nXa9LdBt",
};
export const DOMAIN = "abcdefghij0123456789.lambda-url.us-east-1.on.aws";
export const URL = `https://${DOMAIN}`;
/** The tokens' lifetime (tools/testing/qstash-token.mjs mints them): long enough for a whole run. */
export const TOKEN_TTL = 3600;

export const SIZES = [
  ["100 B", 100],
  ["1 KB", 1024],
  ["64 KB", 64 * 1024],
  ["1 MB", 1024 * 1024],
];

/** A JSON text of exactly `size` bytes (ASCII), the same for every run. */
export function jsonBody(size) {
  const head = '{"event":"order.created","data":"';
  const tail = '"}';
  let fill = "";
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 ";
  for (let i = 0; fill.length < size - head.length - tail.length; i++) fill += alphabet[(i * 7) % alphabet.length];
  return head + fill + tail;
}

/**
 * The order of `n` contenders in round `round`: the rows of a Williams design, so that over
 * n rounds (2n when n is odd) each contender runs right after every other one equally often.
 * A plain rotation would keep each contender's predecessor fixed, and a contender that leaves
 * work behind (the SDK's garbage: copies of the body on every call) would always be paid for
 * by the same next one.
 */
export function balancedOrder(n, round) {
  const first = [];
  for (let i = 0, lo = 0, hi = n - 1; i < n; i++) first.push(i % 2 === 0 ? lo++ : hi--);
  const rows = first.map((_, r) => first.map((c) => (c + r) % n));
  if (n % 2 === 1) rows.push(...rows.map((row) => [...row].reverse()));
  return rows[round % rows.length];
}
