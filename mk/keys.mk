# Keys and tokens as @upstash/qstash 2.12.0 has them: key resolution (the table of
# tools/testing/keys-parity.mjs, which docs/keys.md quotes), and sign()'s tokens, verified by the real
# SDK's Receiver and by PyJWT.
#   make test-parity       the key-resolution table against the real SDK; sign() through the SDK and PyJWT
.PHONY: test-parity

EXTRA_TESTS += test-parity

# PyJWT: the pinned (version and hash) venv of mk/conformance.mk (target pyjwt-venv, variable
# PYJWT_VENV), shared rather than installed twice.
test-parity: build pyjwt-venv
	$(call step,key resolution: qstash-verifier against the real @upstash/qstash 2.12.0 Receiver)
	node tools/testing/keys-parity.mjs --check-readme
	$(call step,sign(): 1000 tokens through the real @upstash/qstash Receiver.verify)
	out=$$(node js/test/sign.test.mjs 2>&1) || { echo "$$out"; exit 1; }; grep -E '^# (the SDK|pass |fail )' <<<"$$out"
	$(call step,sign(): 100 tokens verified by PyJWT (tools/testing/pyjwt/requirements.txt))
	node tools/testing/pyjwt/sign-sample.mjs 100 | $(PYJWT_VENV)/bin/python tools/testing/pyjwt/check.py
