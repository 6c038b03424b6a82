// The tokens hostile-callers.mjs needs, minted on node:crypto (tools/testing/qstash-token.mjs)
// where it can run (Node, Deno, Bun) and handed to the runtimes that cannot (workerd,
// edge-runtime, a browser) as JSON. Bodies are described, not carried: hostile-callers.mjs
// builds them (`bigBody`).
import { qstashToken } from "../../tools/testing/qstash-token.mjs";
import { BIG_BODY_SIZE, SPLIT, bigBody } from "./hostile-callers.mjs";

export function hostileFixtures() {
  const now = 1767225600;
  const key = "sig_hostileCallersCurrentKey0000";
  const wrong = "sig_hostileCallersWrongKey000000";
  const outerUrl = "https://example.com/outer";
  const innerUrl = "https://example.com/inner";
  const big = bigBody();
  return {
    now,
    key,
    outerUrl,
    innerUrl,
    bigBodySize: BIG_BODY_SIZE,
    genuine: qstashToken({ key, url: outerUrl, body: "outer body", iat: now, jti: "jwt_outer" }),
    forged: qstashToken({ key: wrong, url: outerUrl, body: "outer body", iat: now, jti: "jwt_forged" }),
    inner: qstashToken({ key, url: innerUrl, body: "inner body", iat: now, jti: "jwt_inner" }),
    empty: qstashToken({ key, url: outerUrl, body: "", iat: now, jti: "jwt_empty" }),
    bigFull: qstashToken({ key, url: outerUrl, body: big, iat: now, jti: "jwt_big_full" }),
    bigSuffix: qstashToken({ key, url: outerUrl, body: big.subarray(SPLIT), iat: now, jti: "jwt_big_suffix" }),
    pairs: {
      joined: qstashToken({ key: "sig_a\0sig_b", url: outerUrl, body: "pair", iat: now, jti: "jwt_joined" }),
      first: qstashToken({ key: "sig_a", url: outerUrl, body: "pair", iat: now, jti: "jwt_first" }),
      secondNext: qstashToken({ key: "sig_b\0", url: outerUrl, body: "pair", iat: now, jti: "jwt_second_next" }),
    },
  };
}
