// The `qstash-verifier` command (Node 16 and later). The build bundles this file into
// dist/cli.cjs, which requires ./node.cjs for the verifier itself (one copy of the wasm).
//
//   qstash-verifier verify --signature TOKEN --body-file FILE --url URL [--key KEY --next-key KEY]
//   qstash-verifier inspect TOKEN [--body-file FILE --url URL --key KEY --next-key KEY]
//   qstash-verifier sign --url URL [--body-file FILE --key KEY --now S --ttl S --jti ID]
//
// Exit status: 0 valid (verify) / every check that ran passed (inspect) / token printed (sign);
// 1 refused, or a check failed; 2 a usage or configuration error (bad option, unreadable file,
// no signing key).
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import { version } from "../package.json";
import { Receiver, SignatureError, sign } from "./node.js";

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
  "signature", "body-file", "url", "key", "next-key", "region", "clock-tolerance", "now", "ttl", "jti",
]);

class UsageError extends Error {}

function parse(argv) {
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
      else options[name] = value;
    } else positional.push(arg);
  }
  return { options, positional };
}

function seconds(options, name) {
  const value = options[name];
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new UsageError(`--${name} must be a whole number of seconds, not ${JSON.stringify(value)}`);
  }
  return Number(value);
}

function readBody(file) {
  try {
    return readFileSync(file === "-" ? 0 : file);
  } catch (e) {
    throw new UsageError(`cannot read --body-file ${file}: ${e.code || e.message}`);
  }
}

/** --key and --next-key, else QSTASH_CURRENT_SIGNING_KEY and QSTASH_NEXT_SIGNING_KEY (never mixed). */
function keysFrom(options) {
  if (options.key !== undefined) return { current: options.key, next: options["next-key"], from: "option" };
  if (options["next-key"] !== undefined) throw new UsageError("--next-key without --key");
  const env = (name) => process.env[name] || undefined;
  const current = env("QSTASH_CURRENT_SIGNING_KEY");
  return { current, next: current && env("QSTASH_NEXT_SIGNING_KEY"), from: "environment" };
}

// ---------------------------------------------------------------------------------------------
// Time, in human form

function duration(total) {
  let s = Math.abs(total);
  const parts = [];
  for (const [unit, size] of [["d", 86400], ["h", 3600], ["m", 60], ["s", 1]]) {
    if (s >= size || (unit === "s" && parts.length === 0)) {
      parts.push(`${Math.floor(s / size)}${unit}`);
      s %= size;
    }
    if (parts.length === 2) break;
  }
  return parts.join(" ");
}

function date(unix) {
  const d = new Date(unix * 1000);
  return Number.isNaN(d.getTime()) ? "(out of range)" : d.toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
}

function relative(unix, now, { future = "in", past = "ago" } = {}) {
  if (unix === now) return "now";
  return unix > now ? `${future} ${duration(unix - now)}` : `${duration(now - unix)} ${past}`;
}

// ---------------------------------------------------------------------------------------------
// verify

function verifyCommand(options) {
  if (options.signature === undefined) throw new UsageError("verify needs --signature TOKEN");
  if (options["body-file"] === undefined) throw new UsageError("verify needs --body-file FILE (an empty body: /dev/null)");
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
  } catch (e) {
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
  } catch (e) {
    if (!(e instanceof SignatureError)) throw new UsageError(e.message);
    console.log(`invalid: ${e.code}: ${e.message}`);
    console.log("  (qstash-verifier inspect TOKEN with the same options explains each check)");
    return e.code === "missing_signing_key" ? 2 : 1;
  }
}

// ---------------------------------------------------------------------------------------------
// inspect

function decodeSegment(segment, what) {
  let text;
  try {
    text = Buffer.from(segment, "base64url").toString("utf8");
  } catch (e) {
    return { error: `${what} is not base64url: ${e.message}` };
  }
  try {
    const value = JSON.parse(text);
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      return { error: `${what} is not a JSON object: ${JSON.stringify(text.slice(0, 80))}` };
    }
    return { value };
  } catch {
    return { error: `${what} is not JSON: ${JSON.stringify(text.slice(0, 80))}` };
  }
}

const b64sha256 = (bytes) => createHash("sha256").update(bytes).digest("base64url");

/** Why two urls differ, when it is one of the usual suspects. */
function urlHint(expected, got) {
  const strip = (u) => u.replace(/\/+$/, "");
  if (strip(expected) === strip(got)) return "they differ only by a trailing slash";
  const noQuery = (u) => u.replace(/[?#].*$/, "");
  if (noQuery(expected) === noQuery(got)) return "they differ only in the query string";
  const noScheme = (u) => u.replace(/^https?:\/\//i, "");
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

/** Why a body hash differs, when it is one of the usual suspects. */
function bodyHint(claim, body) {
  const text = body.toString("utf8");
  const candidates = [
    [text.replace(/\r?\n$/, ""), "the file ends with a newline that the delivered body did not have"],
    [`${text}\n`, "the delivered body ended with a newline that the file does not have"],
  ];
  try {
    const parsed = JSON.parse(text);
    candidates.push([JSON.stringify(parsed), "the file is the JSON body re-serialized: verify the raw bytes, before any parsing"]);
  } catch {
    // not JSON
  }
  for (const [variant, hint] of candidates) {
    if (variant !== text && b64sha256(Buffer.from(variant)) === claim) return hint;
  }
  if (body.length === 0) return "the body is empty: was it consumed (parsed) before verification?";
  return undefined;
}

function inspectCommand(options, positional) {
  const token = positional[0] ?? options.signature;
  if (token === undefined || positional.length > 1 || (positional[0] !== undefined && options.signature !== undefined)) {
    throw new UsageError("inspect takes one TOKEN (or --signature TOKEN)");
  }
  const now = seconds(options, "now") ?? Math.floor(Date.now() / 1000);
  const tolerance = seconds(options, "clock-tolerance") ?? 0;
  const keys = keysFrom(options);
  const body = options["body-file"] === undefined ? undefined : readBody(options["body-file"]);
  const out = [];
  const line = (s = "") => out.push(s);
  let failures = 0;
  const check = (name, status, detail = [], hint) => {
    if (status === "FAIL") failures++;
    const [first = "", ...rest] = Array.isArray(detail) ? detail : [detail];
    line(`  ${name.padEnd(10)} ${status.padEnd(7)} ${first}`.trimEnd());
    for (const more of rest) line(`  ${"".padEnd(10)} ${"".padEnd(7)} ${more}`);
    if (hint) line(`  ${"".padEnd(10)} ${"".padEnd(7)} hint: ${hint}`);
  };

  // Decode, trusting nothing.
  const segments = token.split(".");
  line(`token: ${token.length} bytes, ${segments.length} segment${segments.length === 1 ? "" : "s"}`);
  line("UNVERIFIED: decoded without checking anything; no value below can be trusted until the checks pass.");
  const header = segments.length === 3 ? decodeSegment(segments[0], "the header") : { error: "not three segments" };
  const payload = segments.length === 3 ? decodeSegment(segments[1], "the claims") : { error: "not three segments" };
  line();
  line("header (unverified)");
  if (header.error) line(`  (cannot decode: ${header.error})`);
  else for (const [k, v] of Object.entries(header.value)) line(`  ${k.padEnd(5)} ${JSON.stringify(v)}`);
  line();
  line("claims (unverified)");
  const claims = payload.value ?? {};
  if (payload.error) line(`  (cannot decode: ${payload.error})`);
  for (const [k, v] of Object.entries(claims)) {
    let note = "";
    if ((k === "exp" || k === "nbf" || k === "iat") && Number.isSafeInteger(v)) {
      const when = k === "exp" ? relative(v, now, { future: "expires in", past: "ago (expired)" }) : relative(v, now);
      note = `  ${date(v)}  ${when}`;
    } else if (k === "body") note = "  base64url SHA-256 of the body";
    else if (k === "sub") note = "  the destination url";
    line(`  ${k.padEnd(5)} ${JSON.stringify(v)}${note}`);
  }

  line();
  line(`checks (now ${now}, ${date(now)}${tolerance ? `, clock tolerance ${tolerance}s` : ""})`);

  // Structure and algorithm: the library's own strict rules (a throwaway key never matches, so
  // everything before the signature decides).
  const STRUCTURE = new Set(["missing_signature", "token_too_large", "malformed_token"]);
  let shapeError;
  try {
    new Receiver({ currentSigningKey: `probe_${Math.random()}`, env: {} }).verifySync({ signature: token, body: "", now });
  } catch (e) {
    if (!(e instanceof SignatureError)) throw e;
    if (STRUCTURE.has(e.code) || e.code === "unsupported_algorithm") shapeError = e;
  }
  const wsHint = token !== token.trim() ? "the token has spaces or a newline around it" : undefined;
  if (shapeError && STRUCTURE.has(shapeError.code)) {
    check("structure", "FAIL", `${shapeError.code}: ${shapeError.message}`, wsHint);
    check("algorithm", "skipped", "the structure is broken");
  } else {
    check("structure", "ok", "three canonical base64url segments, JSON objects, no duplicated member");
    if (shapeError) check("algorithm", "FAIL", `${shapeError.code}: ${shapeError.message}`);
    else check("algorithm", "ok", "HS256");
  }

  // Signature.
  let signedBy;
  const shapeOk = shapeError === undefined;
  if (keys.current === undefined) {
    check("signature", "skipped", "no key: give --key (or set QSTASH_CURRENT_SIGNING_KEY)");
  } else if (!shapeOk) {
    check("signature", "skipped", "the token is not well formed");
  } else {
    const mac = Buffer.from(segments[2], "base64url");
    const input = `${segments[0]}.${segments[1]}`;
    const matches = (key) => {
      const want = createHmac("sha256", key).update(input).digest();
      return mac.length === want.length && timingSafeEqual(mac, want);
    };
    const source = keys.from === "option" ? ["--key", "--next-key"] : ["QSTASH_CURRENT_SIGNING_KEY", "QSTASH_NEXT_SIGNING_KEY"];
    if (matches(keys.current)) signedBy = "current";
    else if (keys.next !== undefined && matches(keys.next)) signedBy = "next";
    if (signedBy) check("signature", "ok", `HMAC-SHA256 matches the ${signedBy} key (${source[signedBy === "current" ? 0 : 1]})`);
    else {
      check(
        "signature",
        "FAIL",
        keys.next === undefined
          ? `HMAC-SHA256 does not match the key (${source[0]})`
          : `HMAC-SHA256 matches neither the current key (${source[0]}) nor the next key (${source[1]})`,
        "a key from another QStash project or region, a key copied wrong, or a token altered in transit",
      );
    }
  }

  // Claims, from the decoded (unverified) payload.
  if (payload.error) {
    check("claims", "skipped", "the claims cannot be decoded");
  } else {
    if (claims.iss === "Upstash") check("issuer", "ok", '"Upstash"');
    else check("issuer", "FAIL", [`expected "Upstash"`, `got      ${JSON.stringify(claims.iss)}`]);

    const { exp, nbf } = claims;
    if (!Number.isSafeInteger(exp) || !Number.isSafeInteger(nbf)) {
      check("time", "FAIL", `exp and nbf must be integers; got exp ${JSON.stringify(exp)}, nbf ${JSON.stringify(nbf)}`);
    } else if (now - tolerance >= exp) {
      check("time", "FAIL", [`expired ${duration(now - exp)} ago`, `exp ${exp}  ${date(exp)}`, `now ${now}  ${date(now)}`],
        now - exp <= 60
          ? "check this machine's clock, or allow a few seconds of --clock-tolerance"
          : "QStash tokens live 5 minutes from signing: a delivery verified late (queued, saved, replayed) expires; QStash's retries carry new tokens");
    } else if (nbf > now + tolerance) {
      check("time", "FAIL", [`not valid for another ${duration(nbf - now)}`, `nbf ${nbf}  ${date(nbf)}`, `now ${now}  ${date(now)}`],
        "this machine's clock is behind: allow a few seconds of --clock-tolerance");
    } else {
      check("time", "ok", `valid for another ${duration(exp - now + tolerance)} (until ${date(exp)})`);
    }

    if (options.url.length === 0) check("url", "skipped", "give --url to compare with sub");
    else if (options.url.includes(claims.sub)) check("url", "ok", JSON.stringify(claims.sub));
    else {
      const expected = options.url.join(" or ");
      check("url", "FAIL", [`expected  ${expected}`, `got (sub) ${claims.sub}`], options.url.length === 1 && typeof claims.sub === "string" ? urlHint(options.url[0], claims.sub) : undefined);
    }

    if (body === undefined) check("body", "skipped", "give --body-file to compare its SHA-256 with the body claim");
    else {
      const got = b64sha256(body);
      const claim = typeof claims.body === "string" ? claims.body.replace(/=+$/, "") : claims.body;
      if (claim === got) check("body", "ok", `SHA-256 of ${body.length} bytes matches`);
      else {
        check("body", "FAIL", [`expected (claim) ${JSON.stringify(claims.body)}`, `got (file)       "${got}"  SHA-256 of ${body.length} bytes`],
          typeof claim === "string" ? bodyHint(claim, body) : undefined);
      }
    }
  }

  // The verdict, by the library, with everything given.
  line();
  if (keys.current === undefined) {
    line("verdict: not verified (no key). Nothing above is trustworthy yet.");
  } else {
    const receiver = new Receiver({ currentSigningKey: keys.current, nextSigningKey: keys.next, env: {} });
    try {
      const verified = receiver.verifySync({
        signature: token,
        body: body ?? "",
        url: options.url.length === 0 ? undefined : options.url,
        clockTolerance: tolerance,
        now,
      });
      const unchecked = [options.url.length === 0 && "url", body === undefined && "body"].filter(Boolean);
      if (unchecked.length) {
        if (body === undefined) {
          line(`verdict: signature valid (${verified.key} key); ${unchecked.join(" and ")} not checked`);
        } else {
          line(`verdict: valid (${verified.key} key), but the url was not checked`);
        }
      } else line(`verdict: valid (${verified.key} key)`);
    } catch (e) {
      if (!(e instanceof SignatureError)) throw e;
      if (body === undefined && e.code === "body_mismatch") {
        line("verdict: signature valid; the body was not given (give --body-file to check it)");
      } else {
        failures = Math.max(failures, 1);
        line(`verdict: invalid (${e.code}): ${e.message}`);
      }
    }
  }
  console.log(out.join("\n"));
  return failures ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// sign

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
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(e.message);
  }
  return 0;
}

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
