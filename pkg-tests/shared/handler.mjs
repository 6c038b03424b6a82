// The Fetch-API handler every Fetch runtime fixture serves (workerd, edge-runtime, Deno, Bun,
// Node 22): as a user writes it, with verifyRequest. Routes:
//   POST /vectors       body: tests/vectors.json; runs them in this runtime, answers the counts
//   POST /hostile-callers  body: hostileFixtures() (./hostile-fixtures.mjs, minted in Node); runs
//                          hostile-callers.mjs in this runtime, answers its counts
//   POST anything else  a QStash delivery: 200 with what was verified, or 401 with the code
import { runVectors, fetchRequest } from "../../tools/testing/vectors.mjs";
import { runHostileCallers } from "./hostile-callers.mjs";

function base64(bytes) {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

export function makeHandler(pkg, keys) {
  const receiver = new pkg.Receiver({ currentSigningKey: keys.current, nextSigningKey: keys.next });
  return async function handle(request) {
    const path = new URL(request.url).pathname;
    if (path === "/vectors") {
      const { vectors } = await request.json();
      return Response.json(await runVectors(pkg, vectors, fetchRequest));
    }
    if (path === "/hostile-callers") {
      return Response.json(await runHostileCallers(pkg, await request.json()));
    }
    try {
      const { claims, body } = await pkg.verifyRequest(request, receiver);
      return Response.json({ key: claims.key, jti: claims.jti, text: body.text, base64: base64(body.bytes) });
    } catch (e) {
      if (e instanceof pkg.SignatureError) return new Response(e.code, { status: 401 });
      return new Response(`${e?.name}: ${e?.message}`, { status: 500 });
    }
  };
}
