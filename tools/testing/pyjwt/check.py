"""PyJWT verifies tokens from the package's sign(): reads JSON lines from tools/testing/pyjwt/sign-sample.mjs.

For each token: the header is exactly {"alg":"HS256","typ":"JWT"}; jwt.decode with HS256, the key,
issuer "Upstash" and exp / nbf / iat required accepts it; sub is the url; body is the =-padded
base64url SHA-256 of the body; jti is jwt_ + 28 letters or digits. The token with one byte of the
signature changed, and the token under another key, are refused. Closing line: N passed, M failed.
"""
import base64
import hashlib
import json
import re
import sys

import jwt

passed = failed = 0


def check(token, key, url, body):
    raw_header = base64.urlsafe_b64decode(token.split(".")[0] + "==")
    assert raw_header == b'{"alg":"HS256","typ":"JWT"}', raw_header
    claims = jwt.decode(
        token,
        key,
        algorithms=["HS256"],
        issuer="Upstash",
        options={"require": ["exp", "nbf", "iat", "iss", "sub"]},
    )
    assert claims["sub"] == url, (claims["sub"], url)
    digest = base64.urlsafe_b64encode(hashlib.sha256(body).digest()).decode()
    assert claims["body"] == digest and digest.endswith("="), (claims["body"], digest)
    assert claims["aud"] == ""
    assert claims["exp"] - claims["iat"] == 300 and claims["nbf"] == claims["iat"]
    assert re.fullmatch(r"jwt_[A-Za-z0-9]{28}", claims["jti"]), claims["jti"]
    last = token[-2]
    tampered = token[:-2] + ("A" if last != "A" else "B") + token[-1]
    for bad_token, bad_key in ((tampered, key), (token, key + "x")):
        try:
            jwt.decode(bad_token, bad_key, algorithms=["HS256"], issuer="Upstash")
        except jwt.InvalidSignatureError:
            pass
        else:
            raise AssertionError("a tampered token or a wrong key was accepted")


for line in sys.stdin:
    case = json.loads(line)
    try:
        check(case["token"], case["key"], case["url"], base64.b64decode(case["bodyBase64"]))
        passed += 1
    except Exception as e:  # noqa: BLE001 - report every failure, then fail
        failed += 1
        print(f"FAILED {case['url']}: {e!r}")

print(f"PyJWT {jwt.__version__}: {passed} passed, {failed} failed")
sys.exit(1 if failed or not passed else 0)
