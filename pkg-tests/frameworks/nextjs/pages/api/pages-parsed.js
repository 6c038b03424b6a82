// Ours, Pages Router, with Next's default body parser (a setup mistake): the bytes are gone, so
// the adapter answers 500 with the fix (`bodyParser: false`), never 401 to a genuine delivery.
import { verifySignature } from "qstash-verifier/nextjs";
import { echo } from "../../lib/echo.js";

export default verifySignature(
  async (req, res) => res.status(200).json(await echo(req.qstash.body.bytes, req.qstash.claims.key)),
  { maxBodyBytes: 4096 },
);
