// A hostile or careless caller, in any runtime: what an application can hand the package
// (getters, Proxies, hooks that re-enter, typed-array subclasses, resized and detached buffers,
// huge url lists, a stack about to run out) must never make it answer one call with another's
// inputs, accept a forged token, or stop working. Runtime-neutral: no Buffer, no node: import; the
// tokens come minted (./hostile-fixtures.mjs), as JSON where the runtime cannot mint them.
//
// runHostileCallers(pkg, fixtures, { only }) resolves { passed, failed, failures: [...] }; `only`
// (one of GROUPS) runs one group of cases.

/** The groups of cases, in the order they run. */
export const GROUPS = ["stack", "urls", "getter", "proxy", "warn", "subclass", "pairs", "views"];

/** The large body: more than one 64 KiB chunk, so that hashing it takes several calls. */
export const BIG_BODY_SIZE = 64 * 1024 + 4096;
/** Where the signed suffix of the large body starts (a token for it must not pass for all). */
export const SPLIT = 64 * 1024;

export function bigBody() {
  const bytes = new Uint8Array(BIG_BODY_SIZE);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + 7) & 255;
  return bytes;
}

/** `{ ok, code?, claims?, error? }` of a call. */
function outcome(pkg, call) {
  try {
    return { ok: true, claims: call() };
  } catch (error) {
    return { ok: false, code: error instanceof pkg.SignatureError ? error.code : undefined, error };
  }
}

/**
 * Runs `call` with the stack nearly out: at the deepest frame, then at each frame on the way back
 * up until it succeeds (every amount of stack left, so some calls run out inside wasm), round
 * after round until `count` RangeErrors. Returns their count, and the first other error.
 */
export function exhaustStack(call, count) {
  let rangeErrors = 0;
  let other;
  const attempt = () => {
    try {
      call();
      return true;
    } catch (e) {
      if (e instanceof RangeError || (e && e.name === "RangeError")) rangeErrors++;
      else other = e;
      return other !== undefined;
    }
  };
  const deep = () => {
    let done;
    try {
      done = deep();
    } catch {
      return attempt();
    }
    return done || attempt();
  };
  for (let round = 0; round < 200 && rangeErrors < count && other === undefined; round++) deep();
  return { rangeErrors, other };
}

const describe = (o) => (o.ok ? `accepted (${o.claims?.sub})` : `${o.code ?? o.error?.name}: ${o.error?.message}`);

/** What every group of cases shares: the package, the fixtures, one Receiver and the checks. */
function context(pkg, f) {
  const result = { passed: 0, failed: 0, failures: [] };
  const check = (name, ok, why) => {
    if (ok) result.passed++;
    else {
      result.failed++;
      result.failures.push(`${name}: ${why}`);
    }
  };
  const { now, key, outerUrl: url, innerUrl } = f;
  const receiver = new pkg.Receiver({ currentSigningKey: key });
  const genuine = () => ({ signature: f.genuine, body: "outer body", url, now });
  const forged = () => ({ signature: f.forged, body: "outer body", url, now });
  const innerRequest = { signature: f.inner, body: "inner body", url: innerUrl, now };
  const stillWorks = (name, r = receiver) => {
    const good = outcome(pkg, () => r.verifySync(genuine()));
    check(`${name}: a genuine token still passes`, good.ok && good.claims.key === "current", describe(good));
    const bad = outcome(pkg, () => r.verifySync(forged()));
    check(`${name}: a forged token is still refused`, bad.code === "invalid_signature", describe(bad));
  };
  // The inner call must come out as its own inputs say, or be refused as a nested call.
  const innerRan = (name, inner) => {
    check(
      `${name}: the inner call is answered from its own inputs`,
      inner !== undefined &&
        ((inner.ok && inner.claims.sub === innerUrl && inner.claims.jti === "jwt_inner") ||
          (!inner.ok && inner.error instanceof TypeError)),
      inner === undefined ? "the hook never ran" : describe(inner),
    );
  };
  return {
    pkg,
    f,
    result,
    receiver,
    check,
    genuine,
    forged,
    innerRequest,
    stillWorks,
    innerRan,
    now,
    key,
    url,
    innerUrl,
  };
}

// 1a. The stack running out, at every depth near the limit, inside and around wasm.
async function stackGroup(t) {
  const { pkg, receiver, check, genuine, stillWorks, key } = t;
  const { rangeErrors, other } = exhaustStack(() => receiver.verifySync(genuine()), 1000);
  check(
    "stack exhaustion: only RangeErrors while the stack is out",
    other === undefined,
    other && `${other.name}: ${other.message}`,
  );
  check(
    "stack exhaustion: the stack ran out inside verification",
    rangeErrors > 0,
    "no RangeError came out of verifySync",
  );
  stillWorks("after stack exhaustion");
  stillWorks("after stack exhaustion, a new Receiver", new pkg.Receiver({ currentSigningKey: key }));
  let asyncOk;
  try {
    asyncOk = await receiver.verify(genuine());
  } catch (e) {
    asyncOk = e;
  }
  check("after stack exhaustion: verify (async) resolves true", asyncOk === true, String(asyncOk));
}

// 1c. A url list whose whole url_mismatch message would be longer than any string.
function urlsGroup(t) {
  const { pkg, receiver, check, genuine, stillWorks } = t;
  const long = `https://example.com/${"a".repeat(1 << 20)}`;
  const urls = new Array(600).fill(long);
  const o = outcome(pkg, () => receiver.verifySync({ ...genuine(), url: urls }));
  check("600 urls of 1 MiB: url_mismatch", o.code === "url_mismatch", describe(o));
  const message = o.error ? String(o.error.message) : "";
  check("600 urls of 1 MiB: the message is bounded", message.length < 100 * 1024, `${message.length} characters`);
  check("600 urls of 1 MiB: the message says how many more", message.includes("597 more"), message.slice(-80));
  stillWorks("after 600 urls of 1 MiB");
}

// 2a. A getter on the request that verifies another delivery while the first is under way.
function getterGroup(t) {
  const { pkg, receiver, check, forged, innerRequest, innerRan, key } = t;
  // A multi-region setup, where the region's keys are looked up for each request.
  const regional = new pkg.Receiver({
    env: { QSTASH_REGION: "us-east-1", US_EAST_1_QSTASH_CURRENT_SIGNING_KEY: key },
  });
  let inner;
  const request = forged();
  Object.defineProperty(request, "upstashRegion", {
    get() {
      inner = outcome(pkg, () => receiver.verifySync(innerRequest));
      return "us-east-1";
    },
  });
  const outer = outcome(pkg, () => regional.verifySync(request));
  check(
    "a re-entrant upstashRegion getter: the forged outer token is refused",
    !outer.ok && outer.code === "invalid_signature",
    describe(outer),
  );
  innerRan("a re-entrant upstashRegion getter", inner);
}

// 2b. A Proxy around the Receiver whose traps verify another delivery.
function proxyGroup(t) {
  const { pkg, receiver, check, forged, innerRequest, innerRan } = t;
  let inner;
  const proxy = new Proxy(receiver, {
    get(target, property) {
      if (inner === undefined && typeof property === "symbol")
        inner = outcome(pkg, () => receiver.verifySync(innerRequest));
      return Reflect.get(target, property, target);
    },
  });
  const outer = outcome(pkg, () => proxy.verifySync(forged()));
  check(
    "a Proxy whose trap re-enters: the forged outer token is refused",
    !outer.ok && outer.code === "invalid_signature",
    describe(outer),
  );
  innerRan("a Proxy whose trap re-enters", inner);
}

// 2c. The multi-region fallback's warning, hooked to verify another delivery.
function warnGroup(t) {
  const { pkg, receiver, check, forged, innerRequest, innerRan, key } = t;
  const regional = new pkg.Receiver({ env: { QSTASH_REGION: "us-east-1", QSTASH_CURRENT_SIGNING_KEY: key } });
  const console_ = globalThis.console;
  const saved = console_.warn;
  let inner;
  console_.warn = () => {
    inner = outcome(pkg, () => receiver.verifySync(innerRequest));
  };
  let outer;
  try {
    outer = outcome(pkg, () => regional.verifySync({ ...forged(), upstashRegion: "ap-south-9" }));
  } finally {
    console_.warn = saved;
  }
  check(
    "a console.warn hook that re-enters: the forged outer token is refused",
    !outer.ok && outer.code === "invalid_signature",
    describe(outer),
  );
  innerRan("a console.warn hook that re-enters", inner);
}

// 2d. A typed-array subclass that lies about its length and re-enters from subarray.
function subclassGroup(t) {
  const { pkg, f, receiver, check, innerRequest, stillWorks, innerRan, url, now } = t;
  let inner;
  class Evil extends Uint8Array {
    get length() {
      return 16;
    }
    subarray(...args) {
      inner = outcome(pkg, () => receiver.verifySync(innerRequest));
      return super.subarray(...args);
    }
  }
  const evil = new Evil(BIG_BODY_SIZE);
  evil.set(bigBody());
  const suffix = outcome(pkg, () => receiver.verifySync({ signature: f.bigSuffix, body: evil, url, now }));
  check(
    "a re-entrant Uint8Array subclass: a token for the body's suffix is refused",
    suffix.code === "body_mismatch",
    describe(suffix),
  );
  const full = outcome(pkg, () => receiver.verifySync({ signature: f.bigFull, body: evil, url, now }));
  check(
    "a Uint8Array subclass that lies about its length: its real bytes are hashed",
    full.ok && full.claims.jti === "jwt_big_full",
    describe(full),
  );
  if (inner !== undefined) innerRan("a re-entrant Uint8Array subclass", inner);
  else check("a re-entrant Uint8Array subclass: its overrides are never called", true, "");
  stillWorks("after a hostile Uint8Array subclass");
}

// 4. Two key pairs that a `${current}\0${next}` cache would have mixed up.
function pairsGroup(t) {
  const { pkg, f, check, url, now } = t;
  const joined = new pkg.Receiver({ currentSigningKey: "sig_a\0sig_b" });
  const split = new pkg.Receiver({ currentSigningKey: "sig_a", nextSigningKey: "sig_b\0" });
  const request = (signature) => ({ signature, body: "pair", url, now });
  for (let round = 0; round < 2; round++) {
    const a = outcome(pkg, () => joined.verifySync(request(f.pairs.joined)));
    check(
      `key pairs (round ${round + 1}): "sig_a\\0sig_b" accepts its own token`,
      a.ok && a.claims.key === "current",
      describe(a),
    );
    const b = outcome(pkg, () => split.verifySync(request(f.pairs.joined)));
    check(
      `key pairs (round ${round + 1}): ("sig_a", "sig_b\\0") refuses it`,
      b.code === "invalid_signature",
      describe(b),
    );
    const c = outcome(pkg, () => split.verifySync(request(f.pairs.secondNext)));
    check(
      `key pairs (round ${round + 1}): ("sig_a", "sig_b\\0") accepts its next key's token`,
      c.ok && c.claims.key === "next",
      describe(c),
    );
    const d = outcome(pkg, () => joined.verifySync(request(f.pairs.first)));
    check(
      `key pairs (round ${round + 1}): "sig_a\\0sig_b" refuses "sig_a"'s token`,
      d.code === "invalid_signature",
      describe(d),
    );
  }
}

// 5. Views with no bytes to read: out of a shrunk resizable buffer's bounds, or detached.
function viewsGroup(t) {
  const { pkg, f, receiver, check, url, now } = t;
  const refusedAsTypeError = (name, body, notDetached) => {
    const o = outcome(pkg, () => receiver.verifySync({ signature: f.empty, body, url, now }));
    check(`${name}: a TypeError`, !o.ok && o.error instanceof TypeError, describe(o));
    if (notDetached)
      check(`${name}: not called detached`, !/detached/i.test(String(o.error?.message)), String(o.error?.message));
  };
  if (typeof ArrayBuffer.prototype.resize === "function") {
    for (const [name, make] of [
      ["Uint8Array", (b) => new Uint8Array(b, 32, 16)],
      ["Uint16Array", (b) => new Uint16Array(b, 32, 8)],
      ["DataView", (b) => new DataView(b, 32, 16)],
    ]) {
      const buffer = new ArrayBuffer(64, { maxByteLength: 128 });
      const view = make(buffer);
      buffer.resize(8);
      refusedAsTypeError(`a ${name} out of its resized buffer's bounds`, view, true);
    }
  } else {
    check("resizable buffers: not in this runtime (skipped)", true, "");
  }
  if (typeof structuredClone === "function") {
    for (const [name, make] of [
      ["Uint8Array", (b) => new Uint8Array(b)],
      ["DataView", (b) => new DataView(b)],
      ["ArrayBuffer", (b) => b],
    ]) {
      const buffer = new ArrayBuffer(16);
      const body = make(buffer);
      structuredClone(buffer, { transfer: [buffer] });
      refusedAsTypeError(`a detached ${name}`, body, false);
    }
  }
}

/** Each group's cases, by the group's name. */
const RUN_GROUP = {
  stack: stackGroup,
  urls: urlsGroup,
  getter: getterGroup,
  proxy: proxyGroup,
  warn: warnGroup,
  subclass: subclassGroup,
  pairs: pairsGroup,
  views: viewsGroup,
};

export async function runHostileCallers(pkg, f, { only } = {}) {
  const t = context(pkg, f);
  for (const group of GROUPS) if (only === undefined || only === group) await RUN_GROUP[group](t);
  t.stillWorks("at the end");
  return t.result;
}
