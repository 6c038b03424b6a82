// qstash-verifier/nuxt in a Nuxt server route. No keys here: each request reads
// QSTASH_CURRENT_SIGNING_KEY / QSTASH_NEXT_SIGNING_KEY from the server's environment, so the build
// needs none. The body is read h3's way after the check (readRawBody, auto-imported by Nitro).
import { verifySignatureNuxt } from "qstash-verifier/nuxt";
import { echo } from "../../../cases.mjs";

export default verifySignatureNuxt(
  async (event) => echo(await readRawBody(event, false), event.context.qstash.claims.key),
  { maxBodyBytes: 4096 },
);
