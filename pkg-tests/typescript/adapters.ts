// The framework adapters' published types, with the DOM library (their handlers take Fetch-API
// requests) and no framework installed: the subpaths' declarations must stand on their own.
import { verifySignature as express } from "qstash-verifier/express";
import fastifyPlugin from "qstash-verifier/fastify";
import { verifySignatureH3 } from "qstash-verifier/h3";
import { verifySignature as hono } from "qstash-verifier/hono";
import { verifySignatureAppRouter, verifySignatureEdge, verifySignature as pages } from "qstash-verifier/nextjs";
import type { VerifySignatureConfig } from "qstash-verifier/nextjs";
import { refusalOf, verifyNodeRequest } from "qstash-verifier/node";
import { verifySignatureNuxt } from "qstash-verifier/nuxt";
import { verifySignatureSolidjs } from "qstash-verifier/solidjs";
import { verifySignatureSvelte } from "qstash-verifier/svelte";
import { Receiver } from "qstash-verifier";

const config: VerifySignatureConfig = { url: "https://example.com/api/qstash", maxBodyBytes: 1 << 20 };

export const POST = verifySignatureAppRouter(async (request) => {
  const jti: string | undefined = request.qstash.claims.jti;
  const key: "current" | "next" = request.qstash.claims.key;
  return Response.json({ jti, key, job: await request.json() });
}, config);
export const edge = verifySignatureEdge((request: Request & { qstash: unknown }) => new Response(String(request.qstash)));
// @ts-expect-error an App Router handler returns a Response
export const wrong = verifySignatureAppRouter(() => 42);
export const api = pages((req: { method?: string; body: unknown }, res: { end(): void }) => res.end());
export const h3 = verifySignatureH3((event) => event.context.qstash.body.text);
export const nuxt = verifySignatureNuxt((event) => event.context.qstash.claims.sub);
export const svelte = verifySignatureSvelte(async ({ request }) => new Response(request.qstash.body.text));
export const solid = verifySignatureSolidjs(({ request }) => request.qstash.claims.key);
export const middleware = [express(config), hono(), fastifyPlugin];
// @ts-expect-error not a config option
express({ urls: "x" });

export async function plain(req: { headers: Record<string, string>; on(e: string, f: () => void): void }) {
  try {
    const { body } = await verifyNodeRequest(req, new Receiver({ currentSigningKey: "k" }), { maxBodyBytes: 10 });
    return body.text;
  } catch (e) {
    const refusal = refusalOf(e);
    return refusal === undefined ? "error" : `${refusal.status} ${refusal.body.error}`;
  }
}
