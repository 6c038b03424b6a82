// Prints N tokens from the package's sign() as JSON lines, for tools/testing/pyjwt/check.py:
// { key, token, url, bodyBase64 } with random keys, urls and bodies (bytes, not only UTF-8).
//   node tools/testing/pyjwt/sign-sample.mjs [N]
import { randomBytes, randomInt } from "node:crypto";
import { sign } from "../../../js/dist/node.mjs";

const n = Number(process.argv[2] ?? 50);
for (let i = 0; i < n; i++) {
  const key = `sig_${randomBytes(21).toString("base64url")}`; // 32 characters, as QStash's keys
  const url = `https://${randomBytes(3).toString("hex")}.example.com/${randomBytes(randomInt(20)).toString("base64url")}?i=${i}&é=${'"\\'.repeat(i % 3)}`;
  const body = randomBytes(randomInt(i % 5 === 0 ? 100000 : 500));
  const token = sign({ signingKey: key, url, body });
  console.log(JSON.stringify({ key, token, url, bodyBase64: body.toString("base64") }));
}
