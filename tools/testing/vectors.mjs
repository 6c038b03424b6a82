// The shared vectors (tests/vectors.json), run against the installed package in any runtime:
// Node 16 to 22, workerd, edge-runtime, Deno, Bun. Runtime-neutral: no Buffer, no node: import.
//
// Every vector goes through `receiver.verifySync`, and, where it has a url and a receiver,
// through `verifyRequest` with a Request built by `makeRequest` (the runtime's own `Request`, or
// a request-like object where there is none, as on Node 16).

const encoder = new TextEncoder();

function base64ToBytes(b64) {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The vector's raw body: a string, bytes, or undefined (absent). */
export function bodyOf(v) {
  if ("body" in v) return v.body;
  if ("bodyBase64" in v) return base64ToBytes(v.bodyBase64);
  return undefined;
}

function bytesOf(body) {
  if (body === undefined) return new Uint8Array(0);
  return typeof body === "string" ? encoder.encode(body) : body;
}

function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

function sameBytes(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Why the outcome differs from the vector's expectation, or null when it matches. */
function mismatch(pkg, v, run) {
  let claims;
  try {
    claims = run();
  } catch (e) {
    if (!(e instanceof pkg.SignatureError)) return `threw ${e?.name}: ${e?.message}`;
    if (v.expect.ok) return `refused with ${e.code}: ${e.message}`;
    if (e.code !== v.expect.code) return `code ${e.code}, want ${v.expect.code}`;
    if (e.name !== "SignatureError" || !(e instanceof Error)) return "not an Error named SignatureError";
    for (const key of [v.currentSigningKey, v.nextSigningKey]) {
      if (key && e.message.includes(key)) return "a signing key in the message";
    }
    return null;
  }
  if (!v.expect.ok) return `accepted, want ${v.expect.code}`;
  const { key, ...rest } = claims;
  if (key !== v.expect.key) return `key ${key}, want ${v.expect.key}`;
  if (canonical(rest) !== canonical(v.expect.claims)) return `claims ${canonical(rest)}`;
  return null;
}

/** The request a vector describes, for `Receiver.verifySync` and `verify`. */
export function requestOf(v) {
  const request = { signature: v.token, body: bodyOf(v), now: v.now, clockTolerance: v.clockTolerance };
  if (v.url !== null) request.url = v.url;
  return request;
}

/**
 * Runs every vector. `pkg` is the package as imported ({ Receiver, SignatureError, verifyRequest });
 * `makeRequest(url, headers, bytes | undefined)` builds a Request (omit it to skip verifyRequest).
 * Resolves { verifySync: {passed, failed}, verifyRequest: {passed, failed, notApplicable}, failures }.
 */
export async function runVectors(pkg, vectors, makeRequest) {
  const result = {
    verifySync: { passed: 0, failed: 0 },
    verifyRequest: { passed: 0, failed: 0, notApplicable: 0 },
    failures: [],
  };
  const tally = (kind, id, why) => {
    if (why === null) result[kind].passed++;
    else {
      result[kind].failed++;
      result.failures.push(`${kind} ${id}: ${why}`);
    }
  };
  for (const v of vectors) {
    const request = requestOf(v);
    const body = request.body;
    const config = { currentSigningKey: v.currentSigningKey, nextSigningKey: v.nextSigningKey };
    tally(
      "verifySync",
      v.id,
      mismatch(pkg, v, () => new pkg.Receiver(config).verifySync(request)),
    );

    let receiver;
    try {
      receiver = new pkg.Receiver(config);
    } catch {
      receiver = undefined; // missing_signing_key: checked above, nothing to hand verifyRequest
    }
    if (!makeRequest || !pkg.verifyRequest || v.url === null || receiver === undefined) {
      result.verifyRequest.notApplicable++;
      continue;
    }
    // A plain url is given as its origin (verifyRequest joins it with the request's path, which it
    // takes without the query string it must drop); a list, or a url with a query of its own or
    // that origin + path does not spell exactly, is passed as it is. (Without either, verifyRequest
    // checks the path only: js/test/verify-request.test.mjs and pkg-tests/frameworks.)
    const parsed = typeof v.url === "string" ? new URL(v.url) : undefined;
    const plain = parsed !== undefined && !v.url.includes("?") && v.url === parsed.origin + parsed.pathname;
    const listed = typeof v.url === "string" ? v.url : (v.url[0] ?? "https://example.com/not-listed");
    const requestUrl = plain ? `${v.url}?via=verifyRequest` : listed;
    const options = { now: v.now, clockTolerance: v.clockTolerance };
    if (plain) options.origin = parsed.origin;
    else options.url = v.url;
    const bytes = body === undefined ? undefined : bytesOf(body);
    let got;
    let failure;
    try {
      got = await pkg.verifyRequest(
        makeRequest(requestUrl, { "upstash-signature": v.token }, bytes),
        receiver,
        options,
      );
    } catch (e) {
      failure = e;
    }
    let reason = mismatch(pkg, v, () => {
      if (failure !== undefined) throw failure;
      return got.claims;
    });
    if (reason === null && got) {
      if (!sameBytes(got.body.bytes, bytesOf(body))) reason = "body.bytes differ from the body sent";
      else if (typeof body === "string" && got.body.text !== body) reason = "body.text differs from the body sent";
    }
    tally("verifyRequest", v.id, reason);
  }
  return result;
}

/** Lines to print for a result, and the totals. */
export function report(label, result) {
  const s = result.verifySync;
  const r = result.verifyRequest;
  const lines = [
    `  ${label}: vectors through verifySync: ${s.passed} passed, ${s.failed} failed`,
    `  ${label}: vectors through verifyRequest: ${r.passed} passed, ${r.failed} failed` +
      ` (${r.notApplicable} without a url or a receiver)`,
    ...result.failures.map((f) => `    FAILED ${f}`),
  ];
  return { lines, passed: s.passed + r.passed, failed: s.failed + r.failed };
}

/** A Request-like object for runtimes without `Request` (Node 16): what verifyRequest reads. */
export function requestLike(url, headers, bytes) {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  let used = false;
  return {
    url,
    headers: { get: (name) => lower[name.toLowerCase()] ?? null },
    get bodyUsed() {
      return used;
    },
    async arrayBuffer() {
      if (used) throw new TypeError("body already used");
      used = true;
      return (bytes ?? new Uint8Array(0)).slice().buffer;
    },
  };
}

/** A real `Request`, where the runtime has one. */
export function fetchRequest(url, headers, bytes) {
  return new Request(url, { method: "POST", headers, body: bytes });
}

/** Lines to print for a hostile-callers result (hostile-callers.mjs), and the totals. */
export function reportHostile(label, result) {
  const lines = [
    `  ${label}: hostile callers: ${result.passed} passed, ${result.failed} failed`,
    ...result.failures.map((f) => `    FAILED ${f}`),
  ];
  return { lines, passed: result.passed, failed: result.failed };
}
