#!/usr/bin/env bash
# The browser extension in Firefox: firefox-esr headless with the extension as a temporary add-on, driven over
# WebDriver BiDi (Firefox's built-in Remote Agent; no geckodriver, no Playwright build of Firefox). On the
# saved-page fixtures: badges with the levels of `krisenradar scan`, the card opened by a real click, "not
# critical" across a reload, the panel in Firefox's sidebar (opened by the toolbar button, following the active
# tab), "Analyse this page" through activeTab, a strict-CSP page, no request leaving the machine. About 15 s
# after the builds. docs/firefox.md explains the route.
set -euo pipefail
cd "$(dirname "$0")/../.."
FIREFOX=${FIREFOX:-$(command -v firefox-esr || command -v firefox || true)}
if [ -z "$FIREFOX" ]; then
  echo "Firefox suite needs firefox-esr: run .ci/setup" >&2
  exit 1
fi
export FIREFOX
bash .ci/build-wasm
cargo build --quiet --bin krisenradar
export KRISENRADAR_BIN="$(realpath "${CARGO_TARGET_DIR:-target}")/debug/krisenradar"
cd tests/e2e
# Node 20 has a global WebSocket only behind a flag (Node 22 and later always).
ws_flag=()
if ! node -e 'if (typeof WebSocket !== "function") process.exit(1)' 2>/dev/null; then
  ws_flag=(--experimental-websocket)
fi
node "${ws_flag[@]}" --test --test-concurrency=1 --test-timeout=120000 extension-firefox.test.mjs
