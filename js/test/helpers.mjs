// Shared by the JS tests: the one vectors file. (Tokens the file does not carry are minted by
// tools/testing/qstash-token.mjs, which the tests import themselves.)
import { readFileSync } from "node:fs";

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

/** An ArrayBuffer (or a view on one) whose memory was transferred away: length 0. */
export function detached(view) {
  const { port1, port2 } = new MessageChannel();
  port1.postMessage(view.buffer, [view.buffer]);
  port1.close();
  port2.close();
  return view;
}
