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
  const mint = (k, url, body, jti) => qstashToken({ key: k, url, body, iat: now, jti });
  const big = bigBody();
  return {
    now,
    key,
    outerUrl,
    innerUrl,
    bigBodySize: BIG_BODY_SIZE,
    genuine: mint(key, outerUrl, "outer body", "jwt_outer"),
    forged: mint(wrong, outerUrl, "outer body", "jwt_forged"),
    inner: mint(key, innerUrl, "inner body", "jwt_inner"),
    empty: mint(key, outerUrl, "", "jwt_empty"),
    bigFull: mint(key, outerUrl, big, "jwt_big_full"),
    bigSuffix: mint(key, outerUrl, big.subarray(SPLIT), "jwt_big_suffix"),
    pairs: {
      joined: mint("sig_a\0sig_b", outerUrl, "pair", "jwt_joined"),
      first: mint("sig_a", outerUrl, "pair", "jwt_first"),
      secondNext: mint("sig_b\0", outerUrl, "pair", "jwt_second_next"),
    },
  };
}
