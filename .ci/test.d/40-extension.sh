#!/usr/bin/env bash
# The browser extension: web-ext lint (Firefox's rules; exits non-zero on any error), then the Playwright suites in
# Chromium with the unpacked extension on the saved-page fixtures (every site, strict CSP, panel, reply assist,
# controls, hostile page, no foreign requests), the card (styles inside its shadow root, placement, reply boxes), and
# the manifest's host lists against the adapters. The extension's comments are compared with `krisenradar scan`
# on the same files, so the command line is built first.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -f .ci/build-wasm ]; then
  echo "extension suite needs .ci/build-wasm (the WebAssembly package build); not present in this checkout" >&2
  exit 1
fi
bash .ci/build-wasm
cargo build --quiet --bin krisenradar
export KRISENRADAR_BIN="$(realpath "${CARGO_TARGET_DIR:-target}")/debug/krisenradar"
echo "== web-ext lint"
tests/e2e/node_modules/.bin/web-ext lint --source-dir extension --no-config-discovery
cd tests/e2e
node --test --test-concurrency=1 manifest.test.mjs dismissed.test.mjs extension.test.mjs extension-card.test.mjs extension-hostile.test.mjs extension-attack.test.mjs extension-scale.test.mjs
