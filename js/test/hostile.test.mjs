// Hostile input through the public JS API (js/dist/node.mjs): 100,000 seeded random and mutated
// requests and configs (hostile-inputs.mjs). Every call returns, or throws a SignatureError with a
// known code or one of our TypeErrors, never a wasm trap (RuntimeError: unreachable), a
// RangeError, or an engine TypeError from deep inside (a "Cannot read properties of ..."); the
// same Receiver still verifies a good token afterwards. Run on Node 16, 20 and 22 by `make test`;
// wasm memory over 1,000,000 calls is hostile-memory.mjs.
import assert from "node:assert/strict";
import test from "node:test";
import { rng } from "../../tools/testing/rng.mjs";
import { ERROR_CODES, Receiver, SignatureError } from "../dist/node.mjs";
import { KEY, NEXT_KEY, goodRequest, hostileConfig, hostileRequest } from "./hostile-inputs.mjs";

const CALLS = 100000;

// Our TypeErrors say what was wrong with an argument; an engine TypeError means a code path that
// did not check its input.
const ENGINE_TYPE_ERROR =
  /Cannot (read|set|convert|mix|perform|destructure)|is not a function|is not iterable|is not a constructor|Invalid (typed )?array|Symbol/;

/** `{ kind, code? }`, or throws an AssertionError naming the input. */
function outcome(call, what) {
  try {
    const v = call();
    return { kind: "returned", v };
  } catch (e) {
    if (e instanceof SignatureError) {
      assert.ok(ERROR_CODES.includes(e.code), `${what}: unknown code ${e.code}`);
      assert.equal(e.name, "SignatureError");
      return { kind: "SignatureError", code: e.code, error: e };
    }
    if (e instanceof TypeError && !ENGINE_TYPE_ERROR.test(e.message)) return { kind: "TypeError", message: e.message };
    throw new assert.AssertionError({ message: `${what}: threw ${e?.name}: ${e?.message}` });
  }
}

test(`${CALLS} hostile calls: each returns or throws SignatureError / TypeError; the receiver still works`, async () => {
  for (const k of Object.keys(process.env)) if (k.includes("QSTASH")) delete process.env[k];
  const r = rng("qstash-hostile-1");
  const receiver = new Receiver({ currentSigningKey: KEY, nextSigningKey: NEXT_KEY });
  const tally = { returned: 0, SignatureError: 0, TypeError: 0, configs: 0, async: 0 };
  const codes = {};
  const typeErrors = new Set();
  for (let i = 0; i < CALLS; i++) {
    let target = receiver;
    if (r.chance(0.02)) {
      tally.configs++;
      const config = hostileConfig(r);
      const made = outcome(() => new Receiver(config), `config ${i}`);
      if (made.kind === "returned") target = made.v;
      else {
        tally[made.kind]++;
        continue;
      }
    }
    const request = hostileRequest(r);
    const o = outcome(() => target.verifySync(request), `call ${i}`);
    tally[o.kind]++;
    // No message shows a key (unless the url itself holds one: messages name the url).
    const urlHasKey = [request?.url].flat().some((u) => typeof u === "string" && u.includes("sig_hostile"));
    if (o.message !== undefined || o.error !== undefined) {
      assert.ok(
        urlHasKey || !String(o.error?.message ?? o.message).includes("sig_hostile"),
        `call ${i}: a key in a message`,
      );
    }
    if (o.code) codes[o.code] = (codes[o.code] ?? 0) + 1;
    if (o.message) typeErrors.add(o.message);
    if (o.kind === "returned")
      assert.ok(o.v.key === "current" || o.v.key === "next", `call ${i}: ${JSON.stringify(o.v)}`);
    if (i % 50 === 0) {
      // The async face: resolves true or rejects the same way.
      tally.async++;
      let a;
      try {
        a = { kind: (await target.verify(request)) === true ? "returned" : "not true" };
      } catch (e) {
        a =
          e instanceof SignatureError
            ? { kind: "SignatureError", code: e.code }
            : e instanceof TypeError
              ? { kind: "TypeError" }
              : { kind: String(e) };
      }
      assert.equal(a.kind, o.kind, `call ${i}: verify ${a.kind}, verifySync ${o.kind}`);
      assert.equal(a.code, o.code, `call ${i}: verify ${a.code}, verifySync ${o.code}`);
    }
  }
  assert.equal(receiver.verifySync(goodRequest()).key, "current");
  for (const shown of [JSON.stringify(receiver), String(receiver), Object.keys(receiver).join()]) {
    assert.ok(!shown.includes("sig_hostile"), `the receiver shows a key: ${shown}`);
  }
  assert.equal(await receiver.verify(goodRequest()), true);
  console.log(
    `hostile: ${CALLS} calls (${tally.configs} with a hostile config, ${tally.async} also through verify): ` +
      `${tally.returned} returned, ${tally.SignatureError} SignatureError, ${tally.TypeError} TypeError ` +
      `(${typeErrors.size} distinct messages); codes ${JSON.stringify(codes)}`,
  );
  assert.ok(tally.returned > 0 && tally.SignatureError > 0 && tally.TypeError > 0, "every kind of outcome is reached");
  assert.ok(Object.keys(codes).length >= 6, `codes reached: ${Object.keys(codes)}`);
});
