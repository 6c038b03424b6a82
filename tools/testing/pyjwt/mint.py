#!/usr/bin/env python3
"""Mints the PyJWT vectors: tokens signed by PyJWT (pinned in requirements.txt), an independent
signer written in another language, for tools/testing/gen-vectors.mjs to merge into tests/vectors.json.

    python3 tools/testing/pyjwt/mint.py > tests/pyjwt-tokens.json

Deterministic: fixed keys, fixed times, no randomness, no clock (HS* signatures are
deterministic), so running it twice gives the same bytes. The constants are those of
tools/testing/gen-vectors.mjs, which checks every entry again with jose when it merges them.
PyJWT writes JSON with ensure_ascii, so non-ASCII claims arrive as \\u escapes (and astral
characters as surrogate pairs): the verifier's JSON reader sees a different spelling than the
JS signers give it.
"""

import base64
import hashlib
import json
import sys
import warnings
from datetime import datetime, timezone

import jwt
from jwt.warnings import InsecureKeyLengthWarning

# HS384 / HS512 want longer keys than QStash's; those vectors exist to be refused anyway.
warnings.simplefilter("ignore", InsecureKeyLengthWarning)

CURRENT = "sig_CURRENT5ZB6DVzB1wjE8S6rZ7eenA8Pd"
NEXT = "sig_NEXT3nj4aiyJ2JojDnQ1RRodpYubZAZx"
UNRELATED = "sig_OTHER7dskHhQGd7zBn4pUmfcuuhoVv8"
KEYS = {"current": CURRENT, "next": NEXT, "unrelated": UNRELATED}

URL = "https://example.com/api/webhook"
UNICODE_URL = "https://exämple.com/hook/ünïcödé/🚀?q=ß"
NOW = 1767225600  # the instant of tools/testing/gen-vectors.mjs, fixed so that no token depends on the clock
IAT = NOW - 30
TTL = 300
BODY = '{"hello":"world"}'
BINARY_BODY = bytes(range(256))


def body_hash(body: bytes) -> str:
    """base64url(SHA-256(body)) with QStash's trailing '='."""
    return base64.urlsafe_b64encode(hashlib.sha256(body).digest()).decode().rstrip("=") + "="


def claims(body=BODY.encode(), sub=URL, iat=IAT, jti="jwt_pyjwt", **over):
    """QStash-shaped claims, in QStash's order; `over` replaces or adds claims (None removes)."""
    c = {
        "aud": "",
        "body": body_hash(body),
        "exp": iat + TTL,
        "iat": iat,
        "iss": "Upstash",
        "jti": jti,
        "nbf": iat,
        "sub": sub,
    }
    for k, v in over.items():
        if v is None:
            c.pop(k, None)
        else:
            c[k] = v
    return c


CASES = []


def case(id, description, payload, expect, key="current", algorithm="HS256", headers=None, body=BODY, url=URL, now=NOW):
    token = jwt.encode(payload, KEYS[key], algorithm=algorithm, headers=headers)
    entry = {"id": f"pyjwt-{id}", "description": description, "signedWith": key, "token": token}
    if isinstance(body, bytes):
        entry["bodyBase64"] = base64.b64encode(body).decode()
    else:
        entry["body"] = body
    entry.update({"url": url, "now": now, "clockTolerance": 0, "expect": expect})
    CASES.append(entry)


case("ok-current-key", "PyJWT token with QStash's claims, signed with the current key.", claims(), "ok")
case("ok-next-key", "PyJWT token signed with the next key.", claims(jti="jwt_pyjwt_next"), "ok", key="next")
case(
    "ok-unicode-escaped",
    "Non-ASCII sub and jti, which PyJWT writes as \\u escapes (astral characters as surrogate pairs).",
    claims(sub=UNICODE_URL, jti="jwt_ünïcödé_🚀"),
    "ok",
    url=UNICODE_URL,
)
case("ok-header-kid", "Header with a kid; PyJWT sorts the header members (alg, kid, typ).", claims(), "ok", headers={"kid": "qstash-key-1"})
case(
    "ok-datetime-claims",
    "exp, iat and nbf given to PyJWT as datetime objects (it writes them as integer seconds).",
    claims(
        exp=datetime.fromtimestamp(IAT + TTL, timezone.utc),
        nbf=datetime.fromtimestamp(IAT, timezone.utc),
        jti="jwt_pyjwt_datetime",
    )
    | {"iat": datetime.fromtimestamp(IAT, timezone.utc)},
    "ok",
)
case("ok-binary-body", "Binary body of all 256 byte values.", claims(body=BINARY_BODY), "ok", body=BINARY_BODY)
case("expired", "PyJWT token that expired an hour ago.", claims(iat=NOW - 3600), "token_expired")
case("not-yet-valid", "PyJWT token whose nbf is a minute ahead.", claims(nbf=NOW + 60), "token_not_yet_valid")
case("alg-hs384", "HS384 token signed by PyJWT with the current key, otherwise valid.", claims(), "unsupported_algorithm", algorithm="HS384")
case("alg-hs512", "HS512 token signed by PyJWT with the current key, otherwise valid.", claims(), "unsupported_algorithm", algorithm="HS512")
case(
    "crit-b64-false-detached",
    'PyJWT with header b64 false: crit ["b64"] and a detached (empty) payload segment.',
    claims(),
    "unsupported_algorithm",
    headers={"b64": False},
)
case("invalid-claims-float-exp", "exp given as a float (PyJWT writes 1767225870.5).", claims(exp=IAT + TTL + 0.5), "invalid_claims")
case("invalid-claims-no-exp", "No exp claim.", claims(exp=None), "invalid_claims")
case("invalid-signature-unrelated-key", "Signed with a key that is neither current nor next.", claims(), "invalid_signature", key="unrelated")
case("url-mismatch", "sub is another endpoint of the same account.", claims(sub="https://example.com/api/other"), "url_mismatch")
case("body-mismatch", "The body delivered is not the one signed.", claims(), "body_mismatch", body='{"hello":"w0rld"}')

out = {
    "about": (
        "Tokens minted by PyJWT "
        + jwt.__version__
        + " (Python), written by tools/testing/pyjwt/mint.py and merged into tests/vectors.json by "
        "tools/testing/gen-vectors.mjs. Generated: do not edit; rerun `make vectors-pyjwt`."
    ),
    "pyjwt": jwt.__version__,
    "vectors": CASES,
}
sys.stdout.write(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
