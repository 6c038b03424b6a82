// What the docs show: qstash-verifier's Receiver as @upstash/workflow's `receiver`, no cast.
import { Client } from "@upstash/qstash";
import { serve } from "@upstash/workflow";
import { Receiver } from "qstash-verifier";

export const { handler } = serve<{ name: string }>(
  async (context) => {
    await context.run("step-1", () => `hello, ${context.requestPayload.name}`);
  },
  {
    receiver: new Receiver({ currentSigningKey: "sig_current", nextSigningKey: "sig_next" }),
    qstashClient: new Client({ token: "test" }),
  },
);

// The handler's type is the workflow's own: (request: Request) => Promise<Response>.
export const answer: Promise<Response> = handler(new Request("https://example.com/api/workflow", { method: "POST" }));
