// Ours, Pages Router: with Next's body parser off, the adapter reads the raw bytes.
import { verifySignature } from "qstash-verifier/nextjs";
import { echo } from "../../lib/echo.js";

export const config = { api: { bodyParser: false } };

export default verifySignature(
  async (req, res) => res.status(200).json(await echo(req.qstash.body.bytes, req.qstash.claims.key)),
  { maxBodyBytes: 4096 },
);
