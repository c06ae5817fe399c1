#!/usr/bin/env bash
# The packages a user installs (.ci/package): the Chrome zip loaded unpacked into Chromium badges real-address
# pages, the Firefox xpi passes web-ext lint, the checksums match.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash .ci/package
(cd dist && sha256sum --check --quiet SHA256SUMS)
xpi=$(mktemp -d)
trap 'rm -rf "$xpi"' EXIT
unzip -q dist/krisenradar-firefox.xpi -d "$xpi"
echo "== web-ext lint dist/krisenradar-firefox.xpi"
tests/e2e/node_modules/.bin/web-ext lint --source-dir "$xpi" --no-config-discovery
cd tests/e2e
node --test --test-concurrency=1 dist.test.mjs
