// The demo page (www/) in headless Chromium, served from 127.0.0.1 like any static host.
// Needs the WASM package: run .ci/build-wasm first (.ci/test.d/30-www.sh does).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './www-serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const www = path.resolve(here, '../../www');
const artifacts = path.join(here, 'artifacts');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic'];

let server;
let browser;
const requests = []; // every request any page made
const problems = []; // page errors, console errors, dialogs

before(async () => {
  assert.ok(fs.existsSync(path.join(www, 'pkg/krisenradar_bg.wasm')), 'www/pkg missing: run .ci/build-wasm');
  fs.mkdirSync(artifacts, { recursive: true });
  server = await serve(www);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh page on the demo, engine loaded. Records requests and problems. */
async function openPage({ locale = 'en-GB', colorScheme = 'light', expected = [] } = {}) {
  const context = await browser.newContext({ locale, colorScheme, viewport: { width: 1360, height: 1000 } });
  const page = await context.newPage();
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !expected.some((x) => m.text().includes(x))) problems.push(`console: ${m.text()}`);
  });
  page.on('dialog', async (d) => {
    problems.push(`dialog: ${d.type()} ${d.message()}`);
    await d.dismiss();
  });
  await page.goto(`${server.origin}/`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
  return { page, context };
}

const RANK = { monitor: 0, respond: 1, escalate: 2 };

async function cardLevels(page) {
  return page.$$eval('#comments .kr-card', (cards) => cards.map((c) => ({
    level: c.dataset.level, score: Number(c.dataset.score), marks: c.querySelectorAll('mark.kr-ev').length,
    text: c.querySelector('.kr-text').textContent,
  })));
}

test('the level pill has the colours of card.css per level, light and dark (the extension card uses the same file)', async () => {
  const css = fs.readFileSync(path.join(www, 'lib/card.css'), 'utf8');
  const block = (selector) => {
    const at = css.indexOf(`${selector} {`);
    const out = {};
    for (const [, name, hex] of css.slice(at, css.indexOf('}', at)).matchAll(/--kr-([\w-]+):\s*#([0-9a-f]{6})/gi)) {
      const n = parseInt(hex, 16);
      out[name] = `rgb(${n >> 16}, ${(n >> 8) & 255}, ${n & 255})`;
    }
    return out;
  };
  const want = { light: block(':root, :host, .kr-root, .kr-root.kr-light'), dark: block('.kr-root.kr-dark') };
  for (const scheme of ['light', 'dark']) {
    const { page, context } = await openPage({ colorScheme: scheme });
    await page.click('button[data-sample="de-delivery"]');
    await page.waitForSelector('#comments .kr-card');
    const pills = await page.$$eval('#comments .kr-card', (cards) => cards.map((c) => [
      c.dataset.level, getComputedStyle(c.querySelector('.kr-level')).backgroundColor,
      c.querySelector('mark.kr-ev:not(.kr-ev-topic)') ? getComputedStyle(c.querySelector('mark.kr-ev:not(.kr-ev-topic)')).backgroundColor : null,
    ]));
    assert.ok(new Set(pills.map((p) => p[0])).size >= 2, 'several levels in the sample');
    for (const [level, bg, mark] of pills) {
      assert.equal(bg, want[scheme][`${level}-bg`], `${scheme} ${level} pill`);
      assert.ok(mark === null || mark !== 'rgba(0, 0, 0, 0)', `${scheme} mark ${mark}`);
    }
    await context.close();
  }
});

test('a German sample thread: escalate-level comments on top, evidence highlighted, gauge set', async () => {
  const { page, context } = await openPage({ locale: 'de-DE' });
  assert.equal(await page.getAttribute('html', 'lang'), 'de', 'follows the browser language');
  await page.click('button[data-sample="de-delivery"]');
  await page.waitForSelector('#comments .kr-card');
  const cards = await cardLevels(page);
  assert.equal(cards.length, 8);
  const escalate = cards.filter((c) => c.level === 'escalate');
  assert.ok(escalate.length >= 1, `some comment escalates: ${JSON.stringify(cards)}`);
  for (let i = 1; i < cards.length; i++) {
    assert.ok(RANK[cards[i - 1].level] >= RANK[cards[i].level], `ordered by level at ${i}`);
  }
  assert.equal(cards[0].level, 'escalate');
  for (const c of escalate) assert.ok(c.marks > 0, `escalate card has evidence marks: ${c.text}`);
  assert.ok(cards.some((c) => c.text.includes('Anwalt') && c.level === 'escalate'), 'the legal threat escalates');
  // the evidence is highlighted where it is: a mark's text is part of its comment
  const marked = await page.$$eval('#comments .kr-card mark.kr-ev', (ms) => ms.map((m) => [m.textContent, m.closest('.kr-text').textContent]));
  for (const [m, t] of marked) assert.ok(t.includes(m));
  assert.match(await page.textContent('.kr-card .kr-level'), /Eskalation/);
  const gauge = await page.getAttribute('#gauge', 'data-state');
  assert.ok(['tense', 'crisis'].includes(gauge), `gauge ${gauge}`);
  assert.match(await page.textContent('#gauge-counts'), /\d+ Eskalation/);
  await page.screenshot({ path: path.join(artifacts, 'www-de-delivery.png'), fullPage: true });
  await context.close();
});

test('filters by level and signal, and switches the UI language', async () => {
  const { page, context } = await openPage();
  await page.click('button[data-sample="en-delivery"]');
  await page.waitForSelector('#comments .kr-card');
  const all = (await cardLevels(page)).length;
  await page.click('#level-filters button[data-level="escalate"]');
  const esc = await cardLevels(page);
  assert.ok(esc.length > 0 && esc.length < all);
  assert.ok(esc.every((c) => c.level === 'escalate'));
  await page.click('#level-filters button[data-level="escalate"]');
  assert.equal((await cardLevels(page)).length, all);
  const sig = await page.$('#signal-filters button[data-signal]');
  assert.ok(sig, 'signal filters are offered');
  const key = await sig.getAttribute('data-signal');
  await sig.click();
  const withSignal = await page.$$eval('#comments .kr-card', (cs) => cs.map((c) => [...c.querySelectorAll('[data-signal]')].map((x) => x.dataset.signal)));
  assert.ok(withSignal.length > 0 && withSignal.every((s) => s.includes(key)));
  assert.match(await page.textContent('.kr-card .kr-level'), /Escalate|Respond|Monitor/);
  await page.click('.lang button[data-lang="de"]');
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  assert.match(await page.textContent('.kr-card .kr-level'), /Eskalation|Reaktion|Überwachung/);
  assert.match(await page.textContent('#analyze'), /Analysieren/);
  await context.close();
});

test('a pasted thread with script payloads is shown as text and runs nothing', async () => {
  const { page, context } = await openPage();
  const payloads = [
    '<img src=x onerror="window.__xss=1;alert(1)"> ihr idioten!!!',
    '<script>window.__xss=2;alert(2)</script> Where is my refund?',
    '"><svg onload=alert(3)> I will sue you',
    "javascript:alert(4) <a href=\"javascript:alert(5)\">click</a>",
    '<iframe srcdoc="<script>parent.__xss=6</script>"></iframe>',
  ];
  await page.fill('#thread-input', payloads.join('\n'));
  await page.click('#analyze');
  await page.waitForSelector('#comments .kr-card');
  const texts = await page.$$eval('#comments .kr-text', (ps) => ps.map((p) => p.textContent));
  for (const p of payloads) assert.ok(texts.includes(p), `shown literally: ${p}`);
  assert.equal(await page.$$eval('#comments img, #comments script, #comments svg, #comments iframe, #comments a', (x) => x.length), 0);
  // open the reply panel on one of them too (the quote is text as well)
  await page.click('#comments .kr-card .kr-reply-btn');
  assert.equal(await page.$$eval('#reply img, #reply script, #reply svg, #reply iframe', (x) => x.length), 0);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  // JSON and CSV input go through the same path
  await page.fill('#thread-input', JSON.stringify([{ text: '<img src=y onerror="window.__xss=7">', author: '<b>mallory</b>' }]));
  await page.click('#analyze');
  await page.waitForFunction(() => document.querySelectorAll('#comments .kr-card').length === 1);
  assert.equal(await page.textContent('.kr-author'), '<b>mallory</b>');
  await page.fill('#thread-input', 'id;text\n1;"<img src=z onerror=""window.__xss=8"">"\n');
  await page.click('#analyze');
  await page.waitForFunction(() => document.querySelector('#comments .kr-text')?.textContent.startsWith('<img src=z'));
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  await context.close();
});

test('keyboard: a card opens the reply panel with Enter; the panel tells what the core offers', async () => {
  const { page, context } = await openPage();
  await page.click('button[data-sample="en-recall"]');
  await page.waitForSelector('#comments .kr-card');
  await page.focus('#comments .kr-card');
  await page.keyboard.press('ArrowDown');
  const focusedId = await page.evaluate(() => document.activeElement.dataset.id);
  assert.ok(focusedId, 'arrow keys move between cards');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#reply .reply-quote');
  assert.equal(await page.getAttribute('.kr-card.kr-selected', 'data-id'), focusedId);
  const has = await page.evaluate(async () => (await (await import('./lib/engine.js')).loadEngine()).has);
  if (!has.suggestReplies && !has.lintReply) {
    assert.ok(await page.$('#reply [data-unavailable="true"]'), 'says the assistant is not available');
  } else {
    assert.ok(await page.$('#reply-draft'), 'an editor for the reply');
  }
  await context.close();
});

test('reply panel: live tone hints with underlined spans, one-click fix and undo', async (t) => {
  const { page, context } = await openPage({ locale: 'de-DE' });
  const has = await page.evaluate(async () => (await (await import('./lib/engine.js')).loadEngine()).has);
  if (!has.lintReply) {
    t.skip('this build of the core has no lintReply');
    await context.close();
    return;
  }
  await page.click('button[data-sample="de-delivery"]');
  await page.waitForSelector('#comments .kr-card');
  await page.click('#comments .kr-card .kr-reply-btn');
  if (has.suggestReplies) {
    await page.fill('#reply-company', 'Gartenwelt Sommer');
    await page.press('#reply-company', 'Enter');
    await page.locator('#reply-company').blur();
    await page.waitForSelector('#reply .suggestion');
    const suggestions = await page.$$eval('#reply .suggestion p', (ps) => ps.map((p) => p.textContent));
    assert.ok(suggestions.length >= 2, 'two or more suggested replies');
    assert.ok(suggestions.some((x) => x.includes('Gartenwelt Sommer')), 'the brand voice reaches the suggestions');
    await page.click('#reply .suggestion button');
    assert.equal(await page.inputValue('#reply-draft'), suggestions[0]);
    await page.waitForSelector('#reply-verdict[data-verdict]');
    assert.notEqual(await page.getAttribute('#reply-verdict', 'data-verdict'), 'do_not_post');
  }
  const draft = 'Das ist nicht unsere Schuld!!! Lesen Sie die AGB.';
  await page.fill('#reply-draft', draft);
  await page.waitForSelector('#reply-lints .lint[data-rule="excessive-exclamation"]');
  const marks = await page.$$eval('.editor-backdrop .lint-mark', (ms) => ms.map((m) => m.textContent));
  assert.ok(marks.includes('!!!'), `the exclamation marks are underlined: ${JSON.stringify(marks)}`);
  assert.ok(marks.some((m) => m.includes('nicht unsere Schuld')), 'the defensive phrase is underlined');
  // the backdrop shows exactly the draft, so the underlines sit under the right characters
  assert.equal((await page.textContent('.editor-backdrop')).trimEnd(), draft);
  assert.match(await page.textContent('#reply-verdict'), /überarbeiten|so nicht posten/);
  await page.click('#reply-lints .lint[data-rule="excessive-exclamation"] button.fix');
  assert.equal(await page.inputValue('#reply-draft'), 'Das ist nicht unsere Schuld. Lesen Sie die AGB.');
  await page.waitForFunction(() => !document.querySelector('#reply-lints .lint[data-rule="excessive-exclamation"]'));
  await page.click('#reply-undo');
  assert.equal(await page.inputValue('#reply-draft'), draft);
  await page.waitForSelector('#reply-lints .lint[data-rule="excessive-exclamation"]');
  await page.screenshot({ path: path.join(artifacts, 'www-reply-panel.png'), fullPage: true });
  await context.close();
});

test('thread gauge: a calm thread reads calm, a recall with many safety complaints reads crisis', async () => {
  const { page, context } = await openPage();
  await page.click('button[data-sample="en-calm"]');
  await page.waitForSelector('#comments .kr-card');
  assert.equal(await page.getAttribute('#gauge', 'data-state'), 'calm');
  assert.equal(await page.$$eval('#comments .kr-card[data-level="escalate"]', (x) => x.length), 0);
  await page.click('button[data-sample="de-recall"]');
  await page.waitForFunction(() => document.querySelector('#gauge').dataset.state === 'crisis');
  assert.match(await page.textContent('#gauge-state'), /Crisis/);
  const source = await page.getAttribute('#gauge', 'data-source');
  const has = await page.evaluate(async () => (await (await import('./lib/engine.js')).loadEngine()).has);
  assert.equal(source, has.summarizeThread ? 'summary' : 'counts');
  if (has.summarizeThread) assert.ok((await page.$$('#gauge-actions li')).length > 0, 'next steps are listed');
  await context.close();
});

test('a panic in the core does not leave the page dead', async () => {
  const { page, context } = await openPage({ expected: ['crashForTests', 'RuntimeError', 'unreachable'] });
  const r = await page.evaluate(async () => {
    const { loadEngine } = await import('./lib/engine.js');
    const engine = await loadEngine();
    let name = null;
    try { engine.crashForTests(); } catch (e) { name = e.name; }
    const after = engine.analyzeBatch([{ id: 'a', text: 'Ihr Idioten, ich gehe zum Anwalt!' }], { uiLang: 'de' });
    return { name, crashes: engine.crashes, level: after[0].criticality.level };
  });
  assert.equal(r.name, 'EngineCrash');
  assert.equal(r.crashes, 1);
  assert.equal(r.level, 'escalate', 'the restarted core analyses again');
  assert.ok(await page.isVisible('#banner'), 'the crash is reported on the page');
  await page.click('button[data-sample="en-pileon"]');
  await page.waitForSelector('#comments .kr-card');
  await context.close();
});

test('dark mode screenshot', async () => {
  const { page, context } = await openPage({ colorScheme: 'dark', locale: 'en-US' });
  await page.click('button[data-sample="en-pileon"]');
  await page.waitForSelector('#comments .kr-card');
  await page.click('#comments .kr-card .kr-reply-btn');
  await page.screenshot({ path: path.join(artifacts, 'www-en-pileon-dark.png'), fullPage: true });
  await context.close();
});

test('README screenshot: a recall thread in crisis with the reply assistant open', async () => {
  const { page, context } = await openPage({ locale: 'de-DE' });
  await page.setViewportSize({ width: 1360, height: 940 });
  await page.click('button[data-sample="de-recall"]');
  await page.waitForSelector('#comments .kr-card');
  await page.click('#comments .kr-card .kr-reply-btn');
  const has = await page.evaluate(async () => (await (await import('./lib/engine.js')).loadEngine()).has);
  if (has.lintReply) {
    await page.fill('#reply-company', 'Küchenwerk Berger');
    await page.locator('#reply-company').blur();
    await page.fill('#reply-draft', 'Das kann eigentlich nicht sein!!! Haben Sie die Bedienungsanleitung gelesen?');
    await page.waitForSelector('#reply-lints .lint');
  }
  // the cards on the left, the sticky reply panel with the draft and its hints on the right
  await page.evaluate(() => {
    window.scrollTo(0, document.querySelector('.list-panel').offsetTop - 12);
    const panel = document.querySelector('.reply-panel');
    const label = panel.querySelector('label[for="reply-draft"]');
    if (label) panel.scrollTop = label.offsetTop - 250;
  });
  await page.screenshot({ path: path.join(artifacts, 'www-readme.png') });
  await context.close();
});

test('the page made no request outside its own origin and logged no errors', () => {
  assert.ok(requests.length > 0);
  const foreign = requests.filter((u) => new URL(u).origin !== server.origin && !u.startsWith('data:'));
  assert.deepEqual(foreign, []);
  assert.deepEqual(problems, []);
});
