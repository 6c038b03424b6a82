import type { Receiver } from "./index.js";
import type { QStashDelivery, Refusal, VerifySignatureConfig } from "./adapters.js";
export type { QStashDelivery, Refusal };

/** Reads and verifies a `node:http` request; rejects with `SignatureError` (see `refusalOf`). */
export declare function verifyNodeRequest(
  req: { headers: Record<string, string | string[] | undefined>; url?: string; on(event: string, f: (...a: any[]) => void): unknown },
  receiver: Pick<Receiver, "verifySync" | "checkToken">,
  options?: Pick<VerifySignatureConfig, "url" | "origin" | "clockTolerance" | "maxBodyBytes">,
): Promise<QStashDelivery>;

/** A refusal's status (401, 413 or 500) and JSON body, or undefined for an error that is not a refusal. */
export declare function refusalOf(error: unknown): Refusal | undefined;
