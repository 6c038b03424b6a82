// The `qstash-verifier` command (Node 16 and later). The build bundles this file into
// dist/cli.cjs, which requires ./node.cjs for the verifier itself (one copy of the wasm) and
// ./tools.cjs for sign and inspect (the tools .wasm: src/wasm/tools.rs). No rule is written here:
// verify is the library's Receiver, inspect prints the core's diagnosis (src/diagnose.rs).
//
//   qstash-verifier verify --signature TOKEN --body-file FILE --url URL [--key KEY --next-key KEY]
//   qstash-verifier inspect TOKEN [--body-file FILE --url URL --key KEY --next-key KEY]
//   qstash-verifier sign --url URL [--body-file FILE --key KEY --now S --ttl S --jti ID]
//
// Exit status: 0 valid (verify) / every check that ran passed (inspect) / token printed (sign);
// 1 refused, or a check failed; 2 a usage or configuration error (bad option, unreadable file,
// no signing key).
import { readFileSync } from "node:fs";
import { version } from "../package.json";
import { Receiver, SignatureError, sign } from "./node.js";
// The tools .wasm's diagnosis, for inspect: dist/tools.cjs, which node.cjs's sign() loads too.
import { diagnose } from "./tools-node.js";

/** @import { CheckOutcome, Decoded, DecodedMember, Diagnosis } from "./tools.js" */

/**
 * The options given, by name (`--url` may repeat).
 * @typedef {{ url: string[], help?: boolean, version?: boolean } & Partial<Record<ValueOption, string>>} CliOptions
 */

/** @typedef {"signature" | "body-file" | "key" | "next-key" | "region" | "clock-tolerance" | "now" | "ttl" | "jti"} ValueOption */

/**
 * The keys to check with, and where they came from.
 * @typedef {{ current: string | undefined, next: string | undefined, from: "option" | "environment" }} Keys
 */

const USAGE = `qstash-verifier ${version}: verify and explain Upstash QStash's Upstash-Signature tokens

Usage:
  qstash-verifier verify --signature TOKEN --body-file FILE --url URL [options]
      Verifies a delivery exactly as the library does. Exit 0 when valid, 1 when refused.
  qstash-verifier inspect TOKEN [--body-file FILE] [--url URL] [--key KEY] [options]
      Decodes the token WITHOUT trusting it, shows header and claims with readable times,
      then runs each check it has the inputs for and says which fails and why.
  qstash-verifier sign --url URL [--body-file FILE] [--key KEY] [--ttl S] [--jti ID]
      Mints a token as QStash does, to test a handler (curl -H "Upstash-Signature: ...").

Options:
  --signature TOKEN       the Upstash-Signature header value (inspect also takes it as argument)
  --body-file FILE        the raw body, byte for byte ("-": standard input)
  --url URL               the url QStash delivered to (repeat for several)
  --key KEY               the current signing key    (default: $QSTASH_CURRENT_SIGNING_KEY)
  --next-key KEY          the next signing key       (default: $QSTASH_NEXT_SIGNING_KEY)
  --region REGION         the upstash-region header (verify, multi-region setups)
  --clock-tolerance S     seconds of clock skew allowed on exp and nbf (default 0)
  --now S                 the time, unix seconds (default: now)
  --ttl S, --jti ID       sign: lifetime (default 300) and token id (default random)
  -h, --help, --version

Keys given in options show up in the shell history and the process list: prefer the variables.
Without --key, verify finds keys as the library's Receiver does (QSTASH_REGION, QSTASH_DEV, ...).
Exit status: 0 valid / all checks passed, 1 refused / a check failed, 2 usage or configuration.
`;

const VALUE_OPTIONS = new Set([
  "signature",
  "body-file",
  "url",
  "key",
  "next-key",
  "region",
  "clock-tolerance",
  "now",
  "ttl",
  "jti",
]);

class UsageError extends Error {}

/** @param {string[]} argv */
function parse(argv) {
  /** @type {CliOptions} */
  const options = { url: [] };
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "-h" || arg === "--help") options.help = true;
    else if (arg === "--version") options.version = true;
    else if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      if (!VALUE_OPTIONS.has(name)) throw new UsageError(`unknown option --${name}`);
      let value;
      if (eq !== -1) value = arg.slice(eq + 1);
      else if (i + 1 < argv.length) value = argv[++i];
      else throw new UsageError(`--${name} needs a value`);
      if (name === "url") options.url.push(value);
      else if (name in options) throw new UsageError(`--${name} given twice`);
      else options[/** @type {ValueOption} */ (name)] = value;
    } else positional.push(arg);
  }
  return { options, positional };
}

/**
 * @param {CliOptions} options
 * @param {"clock-tolerance" | "now" | "ttl"} name
 */
function seconds(options, name) {
  const value = options[name];
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new UsageError(`--${name} must be a whole number of seconds, not ${JSON.stringify(value)}`);
  }
  return Number(value);
}

/** @param {string} file */
function readBody(file) {
  try {
    return readFileSync(file === "-" ? 0 : file);
  } catch (/** @type {any} */ e) {
    throw new UsageError(`cannot read --body-file ${file}: ${e.code || e.message}`);
  }
}

/**
 * --key and --next-key, else QSTASH_CURRENT_SIGNING_KEY and QSTASH_NEXT_SIGNING_KEY (never mixed).
 * @param {CliOptions} options
 * @returns {Keys}
 */
function keysFrom(options) {
  if (options.key !== undefined) return { current: options.key, next: options["next-key"], from: "option" };
  if (options["next-key"] !== undefined) throw new UsageError("--next-key without --key");
  const env = (/** @type {string} */ name) => process.env[name] || undefined;
  const current = env("QSTASH_CURRENT_SIGNING_KEY");
  return { current, next: current && env("QSTASH_NEXT_SIGNING_KEY"), from: "environment" };
}

// ---------------------------------------------------------------------------------------------
// Time, in human form

/** @param {number} total */
function duration(total) {
  let s = Math.abs(total);
  const parts = [];
  for (const [unit, size] of /** @type {[string, number][]} */ ([
    ["d", 86400],
    ["h", 3600],
    ["m", 60],
    ["s", 1],
  ])) {
    if (s >= size || (unit === "s" && parts.length === 0)) {
      parts.push(`${Math.floor(s / size)}${unit}`);
      s %= size;
    }
    if (parts.length === 2) break;
  }
  return parts.join(" ");
}

/** @param {number} unix */
function date(unix) {
  const d = new Date(unix * 1000);
  return Number.isNaN(d.getTime())
    ? "(out of range)"
    : d
        .toISOString()
        .replace("T", " ")
        .replace(/\.\d+Z$/, " UTC");
}

/**
 * @param {number} unix
 * @param {number} now
 * @param {{ future?: string, past?: string }} [words]
 */
function relative(unix, now, { future = "in", past = "ago" } = {}) {
  if (unix === now) return "now";
  return unix > now ? `${future} ${duration(unix - now)}` : `${duration(now - unix)} ${past}`;
}

// ---------------------------------------------------------------------------------------------
// verify

/** @param {CliOptions} options */
function verifyCommand(options) {
  if (options.signature === undefined) throw new UsageError("verify needs --signature TOKEN");
  if (options["body-file"] === undefined)
    throw new UsageError("verify needs --body-file FILE (an empty body: /dev/null)");
  if (options.url.length === 0) throw new UsageError("verify needs --url URL: the url QStash delivered to");
  const body = readBody(options["body-file"]);
  let receiver;
  try {
    if (options.key !== undefined || options["next-key"] !== undefined) {
      const { current, next } = keysFrom(options);
      receiver = new Receiver({ currentSigningKey: current, nextSigningKey: next });
    } else {
      receiver = new Receiver(); // the environment, as the library reads it
    }
  } catch (/** @type {any} */ e) {
    if (e instanceof SignatureError) {
      console.log(`error: ${e.code}: ${e.message}`);
      return 2;
    }
    throw new UsageError(e.message);
  }
  const request = {
    signature: options.signature,
    body,
    url: options.url.length === 1 ? options.url[0] : options.url,
    clockTolerance: seconds(options, "clock-tolerance"),
    now: seconds(options, "now"),
    upstashRegion: options.region,
  };
  try {
    const claims = receiver.verifySync(request);
    const now = request.now ?? Math.floor(Date.now() / 1000);
    console.log(`valid: signed with the ${claims.key} signing key`);
    console.log(`  sub  ${claims.sub}`);
    if (claims.jti !== undefined) console.log(`  jti  ${claims.jti}`);
    console.log(`  exp  ${claims.exp}  ${date(claims.exp)}  (expires ${relative(claims.exp, now)})`);
    return 0;
  } catch (/** @type {any} */ e) {
    if (!(e instanceof SignatureError)) throw new UsageError(e.message);
    console.log(`invalid: ${e.code}: ${e.message}`);
    console.log("  (qstash-verifier inspect TOKEN with the same options explains each check)");
    return e.code === "missing_signing_key" ? 2 : 1;
  }
}

// ---------------------------------------------------------------------------------------------
// inspect: the Rust core's diagnosis (src/diagnose.rs, through the tools .wasm), put into words.
// Every outcome, the decoded header and claims, and the verdict are the core's; this part only
// words them, and adds hints for the usual causes (which it finds by asking the core again).

/**
 * Why two urls differ, when it is one of the usual suspects.
 * @param {string} expected
 * @param {string} got
 */
function urlHint(expected, got) {
  const strip = (/** @type {string} */ u) => u.replace(/\/+$/, "");
  if (strip(expected) === strip(got)) return "they differ only by a trailing slash";
  const noQuery = (/** @type {string} */ u) => u.replace(/[?#].*$/, "");
  if (noQuery(expected) === noQuery(got)) return "they differ only in the query string";
  const noScheme = (/** @type {string} */ u) => u.replace(/^https?:\/\//i, "");
  if (noScheme(expected) === noScheme(got)) {
    return "they differ only in the scheme (behind a proxy, use the public https url)";
  }
  try {
    const a = new URL(expected);
    const b = new URL(got);
    if (a.pathname === b.pathname && a.search === b.search && a.host !== b.host) {
      return "same path, another host: QStash signs the public url it delivered to";
    }
  } catch {
    // not urls: no hint
  }
  return undefined;
}

/**
 * Why a body does not match, when it is one of the usual suspects: the core's body check is run
 * again on each likely original (the diagnosis without keys: no MAC is computed for it).
 * @param {string} token
 * @param {Buffer} body
 * @param {number} now
 */
function bodyHint(token, body, now) {
  const matches = (/** @type {Uint8Array} */ variant) =>
    /** @type {CheckOutcome} */ (
      diagnose(token, { body: variant, now, clockTolerance: 0 }).checks.find((c) => c.check === "body")
    ).status === "passed";
  const text = body.toString("utf8");
  const candidates = [
    [text.replace(/\r?\n$/, ""), "the file ends with a newline that the delivered body did not have"],
    [`${text}\n`, "the delivered body ended with a newline that the file does not have"],
  ];
  try {
    const parsed = JSON.parse(text);
    candidates.push([
      JSON.stringify(parsed),
      "the file is the JSON body re-serialized: verify the raw bytes, before any parsing",
    ]);
  } catch {
    // not JSON
  }
  for (const [variant, hint] of candidates) {
    if (variant !== text && matches(Buffer.from(variant))) return hint;
  }
  if (body.length === 0) return "the body is empty: was it consumed (parsed) before verification?";
  return undefined;
}

/**
 * What inspect's sections share: the token, its diagnosis, the inputs it was given, and the
 * lines written so far with the count of failed checks among them.
 * @typedef {object} Inspection
 * @property {string} token
 * @property {Diagnosis} d
 * @property {Record<string, CheckOutcome>} outcome each check's outcome, by its name
 * @property {number} now
 * @property {number} tolerance
 * @property {Keys} keys
 * @property {Buffer | undefined} body
 * @property {string[]} urls
 * @property {string[]} out
 * @property {number} failures
 */

/**
 * @param {Inspection} ins
 * @param {string} [s]
 */
function line(ins, s = "") {
  ins.out.push(s);
}

/**
 * The claim named `name`, as decoded (unverified).
 * @param {Inspection} ins
 * @param {string} name
 */
function claim(ins, name) {
  return ins.d.claims.members.find((m) => m.name === name);
}

/**
 * One check's row: its name, status and detail lines, then the hint.
 * @param {Inspection} ins
 * @param {string} name
 * @param {string} status
 * @param {string | string[]} [detail]
 * @param {string} [hint]
 */
function show(ins, name, status, detail = [], hint) {
  if (status === "FAIL") ins.failures++;
  const [first = "", ...rest] = Array.isArray(detail) ? detail : [detail];
  line(ins, `  ${name.padEnd(10)} ${status.padEnd(7)} ${first}`.trimEnd());
  for (const more of rest) line(ins, `  ${"".padEnd(10)} ${"".padEnd(7)} ${more}`);
  if (hint) line(ins, `  ${"".padEnd(10)} ${"".padEnd(7)} hint: ${hint}`);
}

/**
 * @param {Inspection} ins
 * @param {string} name
 * @param {CheckOutcome} c
 * @param {string} [why]
 */
function skipped(ins, name, c, why = c.reason) {
  show(ins, name, "skipped", why);
}

/** @param {CheckOutcome} c */
const refusal = (c) => `${c.code}: ${c.message}`;

/**
 * The header or the claims as decoded, each member with a note.
 * @param {Inspection} ins
 * @param {string} title
 * @param {Decoded} decoded
 * @param {(m: DecodedMember) => string} [note]
 */
function showDecoded(ins, title, decoded, note = () => "") {
  line(ins);
  line(ins, `${title} (unverified)`);
  for (const m of decoded.members) line(ins, `  ${m.name.padEnd(5)} ${m.json}${note(m)}`);
  if (decoded.error) {
    const text = decoded.text === undefined || decoded.members.length ? "" : `: ${JSON.stringify(decoded.text)}`;
    line(ins, `  (${decoded.members.length ? "refused" : "cannot decode"}: ${decoded.error}${text})`);
  }
}

/**
 * What a claim means: readable times for `exp`, `nbf` and `iat`.
 * @param {number} now
 * @param {DecodedMember} m
 */
function claimNote(now, m) {
  if ((m.name === "exp" || m.name === "nbf" || m.name === "iat") && m.integer !== undefined) {
    const v = m.integer;
    return `  ${date(v)}  ${m.name === "exp" ? relative(v, now, { future: "expires in", past: "ago (expired)" }) : relative(v, now)}`;
  }
  if (m.name === "body") return "  base64url SHA-256 of the body";
  if (m.name === "sub") return "  the destination url";
  return "";
}

/** @param {Inspection} ins */
function showStructure(ins) {
  const { structure, algorithm } = ins.outcome;
  if (structure.status === "failed") {
    show(
      ins,
      "structure",
      "FAIL",
      refusal(structure),
      ins.token !== ins.token.trim() ? "the token has spaces or a newline around it" : undefined,
    );
  } else show(ins, "structure", "ok", "three canonical base64url segments; the header a JSON object");
  if (algorithm.status === "failed") show(ins, "algorithm", "FAIL", refusal(algorithm));
  else if (algorithm.status === "not_run") skipped(ins, "algorithm", algorithm);
  else show(ins, "algorithm", "ok", "HS256");
}

/** @param {Inspection} ins */
function showSignature(ins) {
  const { keys } = ins;
  const current = ins.outcome.signature_current;
  const next = ins.outcome.signature_next;
  const source =
    keys.from === "option" ? ["--key", "--next-key"] : ["QSTASH_CURRENT_SIGNING_KEY", "QSTASH_NEXT_SIGNING_KEY"];
  if (keys.current === undefined)
    skipped(ins, "signature", current, "no key: give --key (or set QSTASH_CURRENT_SIGNING_KEY)");
  else if (current.status === "not_run") skipped(ins, "signature", current);
  else if (current.status === "passed")
    show(ins, "signature", "ok", `HMAC-SHA256 matches the current key (${source[0]})`);
  else if (next.status === "passed") {
    show(ins, "signature", "ok", `HMAC-SHA256 matches the next key (${source[1]}), not the current one`);
  } else {
    show(
      ins,
      "signature",
      "FAIL",
      next.status === "not_run"
        ? `HMAC-SHA256 does not match the key (${source[0]})`
        : `HMAC-SHA256 matches neither the current key (${source[0]}) nor the next key (${source[1]})`,
      "a key from another QStash project or region, a key copied wrong, or a token altered in transit",
    );
  }
}

/** @param {Inspection} ins */
function showClaims(ins) {
  const { claims, issuer } = ins.outcome;
  if (claims.status === "failed") show(ins, "claims", "FAIL", refusal(claims));
  else if (claims.status === "not_run") skipped(ins, "claims", claims);
  else show(ins, "claims", "ok", "exp, nbf, sub and body present, and every claim of its type");
  if (issuer.status === "failed") {
    show(ins, "issuer", "FAIL", ['expected "Upstash"', `got      ${claim(ins, "iss")?.json ?? "(no iss claim)"}`]);
  } else if (issuer.status === "not_run") skipped(ins, "issuer", issuer);
  else show(ins, "issuer", "ok", '"Upstash"');
}

/**
 * The time row when `exp` or `nbf` failed: how far off, and the likely cause.
 * @param {Inspection} ins
 */
function showTimeFailure(ins) {
  const { exp, nbf } = ins.outcome;
  const { now } = ins;
  const expAt = claim(ins, "exp")?.integer;
  const nbfAt = claim(ins, "nbf")?.integer;
  /** @type {(name: string, at: number | undefined) => string} */
  const when = (name, at) =>
    `${name} ${at ?? /** @type {DecodedMember} */ (claim(ins, name)).json}  ${at === undefined ? "" : date(at)}`.trimEnd();
  const detail = [];
  let hint;
  if (exp.status === "failed") {
    detail.push(expAt === undefined ? refusal(exp) : `expired ${duration(now - expAt)} ago`, when("exp", expAt));
    hint =
      expAt !== undefined && now - expAt <= 60
        ? "check this machine's clock, or allow a few seconds of --clock-tolerance"
        : "QStash tokens live 5 minutes from signing: a delivery verified late (queued, saved, replayed) expires; QStash's retries carry new tokens";
  }
  if (nbf.status === "failed") {
    detail.push(
      nbfAt === undefined ? refusal(nbf) : `not valid for another ${duration(nbfAt - now)}`,
      when("nbf", nbfAt),
    );
    hint ??= "this machine's clock is behind: allow a few seconds of --clock-tolerance";
  }
  detail.push(`now ${now}  ${date(now)}`);
  show(ins, "time", "FAIL", detail, hint);
}

/** @param {Inspection} ins */
function showTime(ins) {
  const { exp, nbf } = ins.outcome;
  if (exp.status === "failed" || nbf.status === "failed") showTimeFailure(ins);
  else if (exp.status === "not_run" || nbf.status === "not_run") {
    skipped(ins, "time", exp.status === "not_run" ? exp : nbf);
  } else {
    const expAt = claim(ins, "exp")?.integer;
    show(
      ins,
      "time",
      "ok",
      expAt === undefined
        ? `valid until exp ${/** @type {DecodedMember} */ (claim(ins, "exp")).json}`
        : `valid for another ${duration(expAt - ins.now + ins.tolerance)} (until ${date(expAt)})`,
    );
  }
}

/** @param {Inspection} ins */
function showUrl(ins) {
  const { urls } = ins;
  const url = ins.outcome.url;
  // The url check runs only on a `sub` claim that is a string.
  const sub = /** @type {DecodedMember & { string: string }} */ (claim(ins, "sub"));
  if (urls.length === 0) skipped(ins, "url", url, "give --url to compare with sub");
  else if (url.status === "not_run") skipped(ins, "url", url);
  else if (url.status === "passed") show(ins, "url", "ok", sub.json);
  else {
    show(
      ins,
      "url",
      "FAIL",
      [`expected  ${urls.join(" or ")}`, `got (sub) ${sub.string}`],
      urls.length === 1 ? urlHint(urls[0], sub.string) : undefined,
    );
  }
}

/** @param {Inspection} ins */
function showBody(ins) {
  const { body } = ins;
  const bodyCheck = ins.outcome.body;
  // The diagnosis has the body's digest whenever a body was given.
  const digest = /** @type {{ length: number, sha256: string }} */ (ins.d.body);
  if (body === undefined)
    skipped(ins, "body", bodyCheck, "give --body-file to compare its SHA-256 with the body claim");
  else if (bodyCheck.status === "not_run") skipped(ins, "body", bodyCheck);
  else if (bodyCheck.status === "passed") show(ins, "body", "ok", `SHA-256 of ${digest.length} bytes matches`);
  else {
    show(
      ins,
      "body",
      "FAIL",
      [
        `expected (claim) ${/** @type {DecodedMember} */ (claim(ins, "body")).json}`,
        `got (file)       "${digest.sha256}"  SHA-256 of ${digest.length} bytes`,
      ],
      bodyHint(ins.token, body, ins.now),
    );
  }
}

/**
 * The verdict: the core's, for everything given (the body and the url only if given).
 * @param {Inspection} ins
 */
function showVerdict(ins) {
  line(ins);
  const { verdict } = ins.d;
  const { body } = ins;
  if (ins.keys.current === undefined) {
    line(ins, "verdict: not verified (no key). Nothing above is trustworthy yet.");
  } else if (verdict.valid) {
    const unchecked = [ins.urls.length === 0 && "url", body === undefined && "body"].filter(Boolean);
    if (body === undefined)
      line(ins, `verdict: signature valid (${verdict.key} key); ${unchecked.join(" and ")} not checked`);
    else if (unchecked.length) line(ins, `verdict: valid (${verdict.key} key), but the url was not checked`);
    else line(ins, `verdict: valid (${verdict.key} key)`);
  } else {
    ins.failures = Math.max(ins.failures, 1);
    line(ins, `verdict: invalid (${verdict.code}): ${verdict.message}`);
  }
}

/**
 * @param {CliOptions} options
 * @param {string[]} positional
 */
function inspectCommand(options, positional) {
  const token = positional[0] ?? options.signature;
  if (
    token === undefined ||
    positional.length > 1 ||
    (positional[0] !== undefined && options.signature !== undefined)
  ) {
    throw new UsageError("inspect takes one TOKEN (or --signature TOKEN)");
  }
  const now = seconds(options, "now") ?? Math.floor(Date.now() / 1000);
  const tolerance = seconds(options, "clock-tolerance") ?? 0;
  if (tolerance < 0) throw new UsageError("--clock-tolerance must not be negative");
  const keys = keysFrom(options);
  const body = options["body-file"] === undefined ? undefined : readBody(options["body-file"]);
  const d = diagnose(token, {
    body,
    urls: options.url.length === 0 ? undefined : options.url,
    currentKey: keys.current,
    nextKey: keys.next,
    now,
    clockTolerance: tolerance,
  });
  const outcome = Object.fromEntries(d.checks.map((c) => [c.check, c]));
  /** @type {Inspection} */
  const ins = { token, d, outcome, now, tolerance, keys, body, urls: options.url, out: [], failures: 0 };

  line(ins, `token: ${d.tokenLength} bytes, ${d.segments} segment${d.segments === 1 ? "" : "s"}`);
  line(ins, "UNVERIFIED: decoded without checking anything; no value below can be trusted until the checks pass.");
  showDecoded(ins, "header", d.header);
  showDecoded(ins, "claims", d.claims, (m) => claimNote(now, m));

  line(ins);
  line(ins, `checks (now ${now}, ${date(now)}${tolerance ? `, clock tolerance ${tolerance}s` : ""})`);
  showStructure(ins);
  showSignature(ins);
  showClaims(ins);
  showTime(ins);
  showUrl(ins);
  showBody(ins);
  showVerdict(ins);
  console.log(ins.out.join("\n"));
  return ins.failures ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// sign

/** @param {CliOptions} options */
function signCommand(options) {
  if (options.url.length !== 1) throw new UsageError("sign needs one --url URL");
  const { current } = keysFrom(options);
  if (current === undefined) throw new UsageError("sign needs --key KEY (or QSTASH_CURRENT_SIGNING_KEY)");
  try {
    console.log(
      sign({
        signingKey: current,
        url: options.url[0],
        body: options["body-file"] === undefined ? "" : readBody(options["body-file"]),
        now: seconds(options, "now"),
        ttl: seconds(options, "ttl"),
        jti: options.jti,
      }),
    );
  } catch (/** @type {any} */ e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(e.message);
  }
  return 0;
}

/** @param {string[]} argv */
function main(argv) {
  try {
    const [command, ...rest] = argv;
    const { options, positional } = parse(rest);
    if (command === undefined || command === "help" || command === "-h" || command === "--help" || options.help) {
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    }
    if (command === "--version" || options.version) {
      console.log(version);
      return 0;
    }
    if (command === "verify" || command === "sign") {
      if (positional.length) throw new UsageError(`${command} takes no argument ${JSON.stringify(positional[0])}`);
      return command === "verify" ? verifyCommand(options) : signCommand(options);
    }
    if (command === "inspect") return inspectCommand(options, positional);
    throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`qstash-verifier: ${e.message}\nRun qstash-verifier --help for the usage.`);
    return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
