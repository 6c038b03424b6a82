// A TypeScript consumer of the published types. check.sh compiles it (tsc --noEmit, strict,
// skipLibCheck off) as ESM under module nodenext, as CommonJS under module node16, and under
// moduleResolution bundler; no DOM and no @types/node in the first two, so the declarations must
// stand on their own. Each @ts-expect-error must meet an error, or tsc fails.
import { ERROR_CODES, MAX_TOKEN_LENGTH, Receiver, SignatureError, verifyRequest } from "qstash-verifier";
import type { ErrorCode, FetchRequestLike, VerifiedClaims, VerifiedRequest } from "qstash-verifier";
import { initWasm, initWasmSync, Receiver as ManualReceiver } from "qstash-verifier/wasm";

const receiver = new Receiver({ currentSigningKey: "sig_current", nextSigningKey: "sig_next" });
const claims: VerifiedClaims = receiver.verifySync({
  signature: "header.payload.signature",
  body: new Uint8Array([1, 2, 3]),
  url: ["https://example.com/a", "https://example.com/b"],
  clockTolerance: 5,
  now: 1767225600,
});
export const key: "current" | "next" = claims.key;
export const accepted: Promise<boolean> = receiver.verify({ signature: "t", body: "text", url: "https://example.com" });
export const codes: readonly ErrorCode[] = ERROR_CODES;
export const max: number = MAX_TOKEN_LENGTH;

const request: FetchRequestLike = {
  url: "https://example.com/api/webhook?retried=1",
  headers: { get: (name: string) => (name === "upstash-signature" ? "t" : null) },
  arrayBuffer: async () => new ArrayBuffer(0),
};

export async function handle(): Promise<string> {
  try {
    const verified: VerifiedRequest = await verifyRequest(request, receiver, { url: "https://example.com/api/webhook" });
    const bytes: Uint8Array = verified.body.bytes;
    return `${verified.claims.sub} ${verified.body.text} ${bytes.length}`;
  } catch (e) {
    if (e instanceof SignatureError) {
      const code: ErrorCode = e.code;
      return code;
    }
    throw e;
  }
}

export async function byHand(wasm: Uint8Array): Promise<void> {
  initWasmSync(wasm);
  await initWasm(Promise.resolve(wasm));
  const manual = new ManualReceiver({ currentSigningKey: "sig_current" });
  await verifyRequest(request, manual);
}

// @ts-expect-error the url is a string or a list of strings
verifyRequest(request, receiver, { url: 42 });
// @ts-expect-error the second argument is a Receiver
verifyRequest(request, {});
// @ts-expect-error verifyRequest resolves an object, not a boolean
export const wrong: Promise<boolean> = verifyRequest(request, receiver);
// @ts-expect-error not an error code
export const notACode: ErrorCode = "expired";
