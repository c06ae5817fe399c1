// Takes the README screenshots: a fixture page with badges and an open card, and the panel next to it.
// Run: node tests/e2e/extension-screenshot.mjs   (writes extension/docs/screenshot-page.png and -panel.png)
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ROOT, launch, pageItems, prepareExtension, serve, setSettings, waitForBadges } from './extension-harness.mjs';

const out = path.join(ROOT, 'extension/docs');
mkdirSync(out, { recursive: true });
const extDir = prepareExtension();
const server = await serve();
const b = await launch(extDir, server.origin);
try {
  const ext = await b.context.newPage();
  await ext.goto(`chrome-extension://${b.extensionId}/options/options.html`);
  await setSettings(ext, { uiLang: 'de', voice: { company: 'Brennerei Holzapfel', address: 'du', signature: '^Marta', channel: 'eine Direktnachricht' } });
  const page = await b.context.newPage();
  await page.setViewportSize({ width: 900, height: 760 });
  await page.goto(`${server.origin}/youtube.html`);
  await waitForBadges(page, 6);
  await page.locator('krisenradar-badge').nth(1).hover();
  await page.waitForFunction(() => document.querySelector('krisenradar-layer')?.shadowRoot.querySelector('.pop .kr-card'));
  await page.screenshot({ path: path.join(out, 'screenshot-page.png') });
  const { tabId } = await pageItems(ext, page.url());
  const panel = await b.context.newPage();
  await panel.setViewportSize({ width: 420, height: 760 });
  await panel.goto(`chrome-extension://${b.extensionId}/panel/panel.html?tab=${tabId}`);
  await panel.waitForFunction(() => document.querySelectorAll('#list .kr-card').length > 0);
  await panel.waitForTimeout(500);
  await panel.locator('input[name="level"][value="monitor"]').check();
  await panel.waitForTimeout(300);
  await panel.screenshot({ path: path.join(out, 'screenshot-panel.png') });
  console.log('screenshots written to', out);
} finally {
  await b.close();
  await server.close();
  rmSync(extDir, { recursive: true, force: true });
}
