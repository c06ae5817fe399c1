// A hostile page: script-injection payloads in comment text and author names, 10,000 comments, replies nested
// hundreds of levels deep. The extension must badge it all without running any of it, without crashing and
// without a console error, and without a request leaving the machine.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { badge, hoverRect, inspect, pageItems, start, waitForBadges, waitInspect } from './extension-harness.mjs';

const PAYLOADS = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=2</script>',
  '"><svg onload=window.__xss=3>',
  'javascript:window.__xss=4',
  "{{constructor.constructor('window.__xss=5')()}}",
  '</textarea><script>window.__xss=6</script>',
  "<style>@import 'http://evil.example/x.css';</style>",
  '<iframe src="http://evil.example/"></iframe>',
  '<a href="http://evil.example/" ping="http://evil.example/ping">klick</a>',
  '\u202eTexte rückwärts\u202c und \u0000 Nullbyte, \ud800 halbes Zeichen',
];

const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const WORDS = ['Lieferung', 'kaputt', 'super', 'Anwalt', 'danke', 'nie wieder', 'Betrug', 'schnell', 'Idiot',
  'Rückerstattung', 'love it', 'refund', 'scam', 'great', 'worst service'];

function comment(i, body, author) {
  return `<li id="comment-${i}" class="comment depth-1"><article class="comment-body"><footer class="comment-meta">`
    + `<div class="comment-author vcard"><b class="fn">${author}</b></div><div class="comment-metadata">`
    + `<time datetime="2026-11-12T10:00:00+01:00">12. November</time></div></footer>`
    + `<div class="comment-content"><p>${body}</p></div></article>`;
}

export function hostilePage(n = 10000, deep = 200) {
  const parts = ['<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Hostile</title></head><body>',
    '<div id="comments"><ol class="comment-list">'];
  for (let i = 0; i < n; i++) {
    const p = PAYLOADS[i % PAYLOADS.length];
    const body = `${escape(p)} ${WORDS[i % WORDS.length]} Nr. ${i}`;
    const author = i % 7 === 0 ? escape(`<b onmouseover="window.__xss=9">Mallory ${i}</b>`) : `Leser ${i}`;
    parts.push(comment(i, body, author), '</li>');
  }
  // One thread nested `deep` levels.
  for (let d = 0; d < deep; d++) parts.push(comment(n + d, `Ebene ${d}: ${escape(PAYLOADS[d % PAYLOADS.length])}`, `Tief ${d}`), '<ol class="children">');
  for (let d = 0; d < deep; d++) parts.push('</ol></li>');
  // An image whose alt text carries markup: read as text, never parsed.
  parts.push('<li id="comment-alt" class="comment"><article class="comment-body"><div class="comment-content"><p>',
    `Bild: <img src="data:," alt="${escape('<img src=x onerror=window.__xss=7>')}"></p></div></article></li>`);
  parts.push('</ol></div><form id="commentform"><textarea name="comment"></textarea></form></body></html>');
  return { html: parts.join(''), total: n + deep + 1 };
}

let run;
let server;
let b;

before(async () => {
  ({ server, b } = run = await start());
});

after(async () => {
  if (run) await run.stop();
});

test('payloads are text, 10,000 comments and deep nesting are badged, nothing runs, nothing breaks', async () => {
  const { html, total } = hostilePage();
  server.pages.set('/hostile.html', html);
  // Every comment, not just the default 5,000 a page (extension-scale.test.mjs covers the cap).
  await b.worker.evaluate(async () => {
    const cur = (await chrome.storage.local.get('settings')).settings || {};
    await chrome.storage.local.set({ settings: { ...cur, maxPerPage: 20000 } });
  });
  const page = await b.context.newPage();
  await page.goto(`${server.origin}/hostile.html`);
  await waitForBadges(page, total, 120000);
  // Open cards of payload comments (hover and keyboard) and the reply assistant.
  // The first 10,000 badges are top-level comments 0…9999 in page order.
  for (const i of [0, 1, 2, 5, 6, 7, 9]) {
    await page.mouse.move(0, 0);
    await hoverRect(page, (await badge(page, i)).rect);
    await waitInspect(page, (st) => st.card.open && st.card.hasCard);
  }
  // The last badge is the comment whose image alt text carries markup: a real click pins its card.
  const alt = await badge(page, total - 1);
  await page.mouse.click(alt.rect.x + alt.rect.w / 2, alt.rect.y + alt.rect.h / 2);
  const card = await waitInspect(page, (st) => st.card.open && /onerror=window.__xss=7/.test(st.card.text) && st.card);
  assert.match(card.text, /<img src=x onerror=window.__xss=7>/, 'the alt text is shown as text');
  await page.keyboard.press('Escape');
  await page.locator('textarea[name="comment"]').focus();
  await waitInspect(page, (st) => st.assist.open);
  assert.equal(await page.evaluate(() => window.__xss ?? null), null, 'no payload ran');
  assert.equal((await inspect(page)).badges.length, total);
  assert.equal(await page.evaluate(() => document.querySelectorAll('script, iframe, svg, style').length), 0, 'no element was created from page text');
  // The deepest reply has its depth and its own words only.
  const ext = await b.context.newPage();
  await ext.goto(`chrome-extension://${b.extensionId}/options/options.html`);
  const { items } = await pageItems(ext, page.url());
  assert.equal(items.length, total);
  const deepest = items.find((it) => it.author === 'Tief 199');
  assert.equal(deepest.depth, 199);
  assert.ok(deepest.text.startsWith('Ebene 199:'));
  assert.ok(items.find((it) => it.author === 'Tief 0').text.startsWith('Ebene 0:'));
  // Still responsive.
  assert.equal(await page.evaluate(() => 1 + 1), 2);
  assert.deepEqual(b.foreign, []);
  assert.deepEqual(b.errors, []);
  await ext.close();
  await page.close();
});
