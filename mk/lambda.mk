# AWS Lambda: the guide's function on qstash-verifier (examples/aws-lambda), built with
# the guide's own esbuild command and zip, run through a Lambda emulation (@vercel/fun, installed
# by tools/setup/setup.sh from tools/setup/runtimes/vercel-fun) on a real Node 16 binary.
.PHONY: lambda-example demo-lambda test-lambda lambda-size

LAMBDA_DIST := examples/aws-lambda/dist

## lambda-example: npm ci (once) + type-check + the guide's build → examples/aws-lambda/dist/{index.js,index.zip}
lambda-example: build
	$(call step,examples/aws-lambda: the guide's esbuild command and zip)
	bash tools/lambda/example.sh

## demo-lambda: the zipped function, unzipped and invoked through the emulation on Node 16: a table
demo-lambda: build lambda-example
	$(call step,demo: the zipped Lambda function on Node 16 through @vercel/fun)
	bash tools/lambda/demo.sh $(NODE16)

## test-lambda: the same invocations on Node 16 and 20, and dist/index.js alone in an empty folder
test-lambda: build lambda-example
	$(call step,Lambda: the zipped function through @vercel/fun on Node 16)
	bash tools/lambda/demo.sh $(NODE16)
	$(call step,Lambda: the zipped function through @vercel/fun on Node 20)
	bash tools/lambda/demo.sh $$(command -v node)
	$(call step,Lambda: dist/index.js alone in an empty folder on Node 16)
	bash pkg-tests/lambda-bundle/run.sh $(NODE16) $(LAMBDA_DIST)/index.js

## lambda-size: bundle size and cold-start cost over bare Node and against the SDK's handler, as the README quotes them
lambda-size: build lambda-example
	$(call step,Lambda bundle size and cold start)
	node tools/bench/lambda-size.mjs $(NODE16) $$(command -v node)

EXTRA_TESTS += test-lambda
