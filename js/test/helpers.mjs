// Shared by the JS tests: the one vectors file, and the QStash-style signer on node:crypto
// (tools/testing/qstash-token.mjs) for cases the vectors file does not carry, such as
// multi-megabyte bodies.
import { readFileSync } from "node:fs";
import { qstashToken } from "../../tools/testing/qstash-token.mjs";

const vectorsUrl = new URL("../../tests/vectors.json", import.meta.url);
const vectorsFile = JSON.parse(readFileSync(vectorsUrl, "utf8"));
export const vectors = vectorsFile.vectors;
/** The tokens sign() must mint for given inputs (minted independently by tools/testing/gen-vectors.mjs). */
export const signCases = vectorsFile.sign;

export function bodyOf(v) {
  if ("body" in v) return v.body;
  if ("bodyBase64" in v) return Buffer.from(v.bodyBase64, "base64");
  return undefined;
}

export function requestOf(v) {
  const request = { signature: v.token, body: bodyOf(v), now: v.now, clockTolerance: v.clockTolerance };
  if (v.url !== null) request.url = v.url;
  return request;
}

/** A QStash token (tools/testing/qstash-token.mjs) issued at `now`, with the jti "jwt_test". */
export function sign({ key, url, body, now, ttl = 300 }) {
  return qstashToken({ key, url, body, iat: now, ttl, jti: "jwt_test" });
}

/** An ArrayBuffer (or a view on one) whose memory was transferred away: length 0. */
export function detached(view) {
  const { port1, port2 } = new MessageChannel();
  port1.postMessage(view.buffer, [view.buffer]);
  port1.close();
  port2.close();
  return view;
}
