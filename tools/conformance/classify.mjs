// The deliberate differences between qstash-verifier and @upstash/qstash 2.12.0's Receiver, each
// with the exact condition under which a disagreement counts as that difference. A disagreement
// that matches none is undocumented, and fails the run.
//
// Each condition asks three independent witnesses: what the case is (looked at by inspect.mjs,
// not by either verifier), what we answered (our code and, where useful, message) and what the
// SDK answered. docs/conformance.md explains each difference; keep the two in step.
import { STRICT_JSON_RULES, isI64Literal } from "./inspect.mjs";

const strictRulesBroken = (t) => {
  const broken = new Set();
  for (const j of [t.headerJson, t.payloadJson]) {
    if (!j) continue;
    if (j.violations.has("syntax") || j.violations.has("not-object")) return new Set(); // JSON.parse refuses it too
    for (const v of j.violations) if (STRICT_JSON_RULES.includes(v)) broken.add(v);
  }
  return broken;
};

/** Outcomes: ours { kind: "accept" | "refuse" | "error", code?, message?, name? }; sdk the same without code. */
export const DIFFERENCES = [
  {
    name: "token-size-cap",
    summary: "tokens over 16384 bytes are refused before any work (token_too_large); the SDK has no cap",
    test: (_c, ours, sdk, t) => sdk.kind === "accept" && ours.code === "token_too_large" && t.length > 16384,
  },
  {
    name: "canonical-base64url",
    summary:
      "segments must be canonical unpadded base64url; the SDK's decoder (Node Buffer) skips '=', '+', '/', spaces, stray characters and set trailing bits",
    test: (_c, ours, sdk, t) =>
      sdk.kind === "accept" &&
      ours.code === "malformed_token" &&
      /base64url/.test(ours.message) &&
      t.canonical.includes(false),
  },
  {
    name: "strict-json",
    summary:
      "header and claims must be RFC 8259 JSON in UTF-8: no duplicated member, no BOM, no lone surrogate, no invalid UTF-8, at most 32 levels; JSON.parse takes all of these",
    test: (_c, ours, sdk, t) =>
      sdk.kind === "accept" &&
      ours.code === "malformed_token" &&
      !/base64url/.test(ours.message) &&
      t.canonical.every(Boolean) &&
      strictRulesBroken(t).size > 0,
  },
  {
    name: "hs256-only",
    summary: "alg must be HS256 (QStash signs nothing else); the SDK also accepts HS384 and HS512",
    test: (_c, ours, sdk, t) =>
      sdk.kind === "accept" && ours.code === "unsupported_algorithm" && ["HS384", "HS512"].includes(t.header?.alg),
  },
  {
    name: "crit-refused",
    summary: 'a header with crit is refused; the SDK (jose) accepts crit ["b64"] with b64 true',
    test: (_c, ours, sdk, t) =>
      sdk.kind === "accept" && ours.code === "unsupported_algorithm" && t.header !== undefined && "crit" in t.header,
  },
  {
    name: "required-claims",
    summary:
      "exp, nbf and sub are required; the SDK accepts a token without exp or nbf (no expiry), and without sub when no url is given",
    test: (_c, ours, sdk, t) =>
      sdk.kind === "accept" &&
      ours.code === "invalid_claims" &&
      t.payload !== undefined &&
      ["exp", "nbf", "sub"].some((k) => !(k in t.payload)),
  },
  {
    name: "typed-claims",
    summary:
      "exp, nbf, iat must be integers within i64 written without fraction or exponent; sub, jti, aud strings; the SDK takes any number (1.5, 1e3, 1e400) and does not look at jti, aud, or at sub when no url is given",
    test: (_c, ours, sdk, t) =>
      sdk.kind === "accept" &&
      ours.code === "invalid_claims" &&
      t.payloadJson?.members.some(
        (m) =>
          (["exp", "nbf", "iat"].includes(m.name) && !isI64Literal(m.raw)) ||
          (["sub", "jti", "aud"].includes(m.name) && m.type !== "string"),
      ),
  },
  {
    name: "sdk-typeerror-on-body-claim",
    summary:
      "a signed token whose body claim is missing or not a string makes the SDK throw a TypeError (p.body.replace is not a function); we refuse it with a SignatureError",
    test: (_c, ours, sdk, t) =>
      sdk.kind === "error" &&
      sdk.name === "TypeError" &&
      ours.kind === "refuse" &&
      t.payload !== undefined &&
      typeof t.payload.body !== "string",
  },
  {
    name: "binary-body",
    summary:
      "the body is hashed as the bytes given; the SDK takes a string, so bytes that are not UTF-8 reach it changed (as request.text() would give them) and the hash fails",
    test: (c, ours, sdk) =>
      ours.kind === "accept" &&
      sdk.kind === "refuse" &&
      /body hash does not match/.test(sdk.message) &&
      c.sdkBodyDiffers,
  },
  {
    name: "sdk-needs-both-keys",
    summary:
      "one signing key is enough; the SDK given one key (or an empty one) finds no keys and throws a plain Error",
    test: (c, _ours, sdk) =>
      sdk.kind === "error" &&
      /No signing keys available/.test(sdk.message) &&
      (!c.sdk.keys.currentSigningKey || !c.sdk.keys.nextSigningKey),
  },
];

/** Whether the two outcomes agree: both accept, or both refuse with their own SignatureError. */
export function agree(ours, sdk) {
  return ours.kind === sdk.kind && ours.kind !== "error";
}

/** The name of the deliberate difference explaining a disagreement, or undefined. */
export function classify(c, ours, sdk, inspection) {
  return DIFFERENCES.find((d) => d.test(c, ours, sdk, inspection))?.name;
}
