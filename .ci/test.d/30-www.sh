#!/usr/bin/env bash
# The demo page in headless Chromium (Playwright): builds the WASM package, serves www/ on 127.0.0.1, runs the
# page tests (samples, ordering, filters, language, XSS, no foreign requests, panic recovery, screenshots).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash .ci/build-wasm
cd tests/e2e
node --test --test-concurrency=1 www.test.mjs
