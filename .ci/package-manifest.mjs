// Prints extension/manifest.json for one browser: the keys only the other browser understands are left out, so
// neither store nor browser warns about them.
//   node .ci/package-manifest.mjs chrome|firefox extension/manifest.json
import { readFileSync } from 'node:fs';

const [browser, file] = process.argv.slice(2);
const m = JSON.parse(readFileSync(file, 'utf8'));
if (browser === 'chrome') {
  // Firefox's: its add-on id and settings, the sidebar, the event page
  delete m.browser_specific_settings;
  delete m.sidebar_action;
  delete m.background.scripts;
} else if (browser === 'firefox') {
  // Chromium's: the side panel, the service worker (Firefox runs background.scripts), the Chrome version
  delete m.side_panel;
  delete m.minimum_chrome_version;
  delete m.background.service_worker;
  m.permissions = m.permissions.filter((p) => p !== 'sidePanel');
} else {
  console.error('usage: node .ci/package-manifest.mjs chrome|firefox MANIFEST');
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(m, null, 2)}\n`);
