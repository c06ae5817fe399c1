#!/usr/bin/env bash
# The WebAssembly binding in headless Chromium (wasm-bindgen-test): UTF-16 spans, options, errors.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! CHROMEDRIVER="$(command -v chromedriver)"; then
  echo "20-wasm: chromedriver not found (Debian package chromium-driver; .ci/setup installs it)" >&2
  exit 2
fi
export CHROMEDRIVER
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
# --no-default-features: the library only (the command line is native-only), with the reply assistant and the
# thread summary (`assist`); the badge package (without them) runs in the extension tests.
cargo test --target wasm32-unknown-unknown --no-default-features --features assist --test wasm
