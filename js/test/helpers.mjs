// Shared by the JS tests: the one vectors file, read as the package fixtures read it
// (tools/testing/vectors.mjs). (Tokens the file does not carry are minted by
// tools/testing/qstash-token.mjs, which the tests import themselves.)
import { readFileSync } from "node:fs";

export { bodyOf, requestOf } from "../../tools/testing/vectors.mjs";

const vectorsUrl = new URL("../../tests/vectors.json", import.meta.url);
const vectorsFile = JSON.parse(readFileSync(vectorsUrl, "utf8"));
export const vectors = vectorsFile.vectors;
/** The tokens sign() must mint for given inputs (minted independently by tools/testing/gen-vectors.mjs). */
export const signCases = vectorsFile.sign;

/** An ArrayBuffer (or a view on one) whose memory was transferred away: length 0. */
export function detached(view) {
  const { port1, port2 } = new MessageChannel();
  port1.postMessage(view.buffer, [view.buffer]);
  port1.close();
  port2.close();
  return view;
}
