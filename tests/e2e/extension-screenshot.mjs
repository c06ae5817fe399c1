// Takes the README and docs screenshots of the extension on the saved-page fixtures:
//   extension/docs/card-{x,youtube,reddit}-{light,dark}.png  the hover card of the most critical comment beside it,
//                                                            cropped to the comment and the card
//   extension/docs/screenshot-panel.png                      the panel with two-line previews
// The pages are narrowed to the width of the sites' own comment column (the fixtures have no layout of their
// own). Dark: the dark colour-scheme preference and a dark page background.
// Run (after .ci/build-wasm and with KRISENRADAR_BIN or a built krisenradar): node tests/e2e/extension-screenshot.mjs
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  FIXTURES, ROOT, badge, hoverRect, inspect, pageItems, scanFixture, setSettings, start, waitForBadges, waitInspect,
} from './extension-harness.mjs';

const out = path.join(ROOT, 'extension/docs');
mkdirSync(out, { recursive: true });

const COLUMN = 'body { max-width: 600px !important; margin: 0 0 0 24px !important; }';
const DARK = 'html, body { background: #15202b !important; color: #e7e9ea !important; } a { color: #8ab4f8 !important; }';
const SHOTS = [['x', 'x.html'], ['youtube', 'youtube.html'], ['reddit', 'reddit.html']];
const PAD = 14;
const HEAD = 44; // the author line above the comment's text

const run = await start();
const { server, b } = run;
try {
  const ext = await b.context.newPage();
  await ext.goto(`chrome-extension://${b.extensionId}/options/options.html`);
  await setSettings(ext, { uiLang: 'de', voice: { company: 'Brennerei Holzapfel', address: 'du', signature: '^Marta', channel: 'eine Direktnachricht' } });
  for (const [name, file] of SHOTS) {
    for (const scheme of ['light', 'dark']) {
      const page = await b.context.newPage();
      await page.setViewportSize({ width: 1100, height: 720 });
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${server.origin}/${file}`);
      await page.addStyleTag({ content: scheme === 'dark' ? `${COLUMN}\n${DARK}` : COLUMN });
      await waitForBadges(page, scanFixture(path.join(FIXTURES, file)).length);
      const order = ['escalate', 'respond', 'monitor'];
      const pick = [...(await inspect(page)).badges].sort((x, y) => order.indexOf(x.level) - order.indexOf(y.level))[0];
      const bd = await badge(page, pick.id);
      await hoverRect(page, bd.rect);
      const card = await waitInspect(page, (s) => s.card.open && s.card.for === pick.id && s.card.marks > 0 && s.card);
      await page.waitForTimeout(150);
      const vp = page.viewportSize();
      const a = card.rect;
      const c = card.comment;
      const x0 = Math.max(0, Math.min(a.x, c.x) - PAD);
      const y0 = Math.max(0, Math.min(a.y - PAD, c.y - HEAD));
      const x1 = Math.min(vp.width, Math.max(a.x + a.w, c.x + c.w) + PAD);
      const y1 = Math.min(vp.height, Math.max(a.y + a.h, c.y + c.h) + PAD);
      const file2 = path.join(out, `card-${name}-${scheme}.png`);
      await page.screenshot({ path: file2, clip: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } });
      console.log(`${path.relative(ROOT, file2)}: ${pick.level} ${pick.score}, card ${card.side} of the comment, ${card.theme}`);
      await page.close();
    }
  }

  // The panel next to the YouTube page, every level shown.
  const page = await b.context.newPage();
  await page.goto(`${server.origin}/youtube.html`);
  await waitForBadges(page, scanFixture(path.join(FIXTURES, 'youtube.html')).length);
  const { tabId } = await pageItems(ext, page.url());
  const panel = await b.context.newPage();
  await panel.setViewportSize({ width: 400, height: 760 });
  await panel.goto(`chrome-extension://${b.extensionId}/panel/panel.html?tab=${tabId}`);
  await panel.waitForFunction(() => document.querySelectorAll('#list .kr-card').length > 0);
  await panel.locator('input[name="level"][value="monitor"]').check();
  await panel.waitForTimeout(500);
  await panel.screenshot({ path: path.join(out, 'screenshot-panel.png') });
  console.log('extension/docs/screenshot-panel.png');
} finally {
  await run.stop();
}
