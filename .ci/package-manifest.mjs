// extension/manifest.json for one browser: the keys only the other browser understands are left out, so neither
// store nor browser warns about them. Used by .ci/package, and by the Firefox suite so that it runs the manifest
// the xpi ships.
//   node .ci/package-manifest.mjs chrome|firefox extension/manifest.json
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A copy of `manifest` for `browser` ('chrome' or 'firefox'). */
export function forBrowser(manifest, browser) {
  const m = structuredClone(manifest);
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
    throw new Error(`unknown browser ${browser}: chrome or firefox`);
  }
  return m;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [browser, file] = process.argv.slice(2);
  if (!['chrome', 'firefox'].includes(browser) || !file) {
    console.error('usage: node .ci/package-manifest.mjs chrome|firefox MANIFEST');
    process.exit(2);
  }
  const m = forBrowser(JSON.parse(readFileSync(file, 'utf8')), browser);
  process.stdout.write(`${JSON.stringify(m, null, 2)}\n`);
}
