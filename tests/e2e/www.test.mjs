// The demo page (www/) in headless Chromium, served from 127.0.0.1 like any static host.
// Needs the WASM package: run .ci/build-wasm first (.ci/test.d/30-www.sh does).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './www-serve.mjs';
import { inventThread, asGermanCsv } from './www-thread.mjs';
import { STRINGS } from '../../www/i18n.js';

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

test('the badge engine brings its hot paths up to speed in short tasks after it starts, answering calls meanwhile', async () => {
  const { page, context } = await openPage();
  const r = await page.evaluate(async () => {
    const { loadBadgeEngine } = await import('./lib/engine.js');
    const engine = await loadBadgeEngine();
    const text = 'Seit drei Wochen kein Paket, ich gehe zum Anwalt!';
    const during = engine.analyzeBatch([{ id: 'a', text }], { uiLang: 'de' })[0];
    const rounds = await engine.tieredUp;
    const after = engine.analyzeBatch([{ id: 'a', text }], { uiLang: 'de' })[0];
    return { rounds, same: JSON.stringify(during) === JSON.stringify(after), level: after.criticality.level, crashes: engine.crashes };
  });
  assert.equal(r.rounds, 64, 'every round ran');
  assert.ok(r.same, 'a call during the warm-up gets the same analysis as one after it');
  assert.equal(r.level, 'escalate');
  assert.equal(r.crashes, 0);
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

/** Pastes `text`, analyses it and waits until the analysis (or the parse error) is through. */
async function paste(page, text) {
  await page.fill('#thread-input', text);
  await page.click('#analyze');
  await page.waitForFunction(() => document.body.dataset.analysis !== 'running');
}

const cardTexts = (page) => page.$$eval('#comments .kr-card', (cs) => cs.map((c) => [c.querySelector('.kr-text').textContent, c.querySelector('.kr-author')?.textContent ?? null]));

test('columns are found by the core: German and English header names read the same, a table without a text column says so', async () => {
  const rows = [['1', 'Jana K.', 'Ich habe einen Anwalt eingeschaltet!'], ['2', 'Tom', 'Danke, alles gut angekommen.']];
  const table = (header, sep) => [header.join(sep), ...rows.map((r) => r.join(sep))].join('\n');
  const want = [['Danke, alles gut angekommen.', 'Tom'], ['Ich habe einen Anwalt eingeschaltet!', 'Jana K.']];
  const { page, context } = await openPage({ locale: 'de-DE' });
  for (const [header, sep] of [
    [['Nr.', 'Verfasser', 'Kommentartext'], ';'],
    [['ID', 'Benutzername', 'Nachricht'], '\t'],
    [['id', 'from', 'message'], ';'],
    [['comment_id', 'Author', 'Comment'], ';'],
  ]) {
    await paste(page, table(header, sep));
    assert.deepEqual((await cardTexts(page)).sort(), want, `text and author columns of ${header.join(sep)}`);
    const status = await page.textContent('#parse-status');
    assert.match(status, /^2 Kommentare gelesen \((CSV mit ;|TSV mit Tabulator)\)/, status);
    assert.ok(status.includes(`Text: „${header[2]}“`) && status.includes(`Verfasser: „${header[1]}“`), status);
  }
  // the same rows under names the core does not know: no comments, a clear message naming the columns
  await paste(page, table(['Nr.', 'Spalte B', 'Spalte C'], ';'));
  assert.equal(await page.$$eval('#comments .kr-card', (x) => x.length), 0);
  assert.match(await page.textContent('#parse-status'), /^Keine Textspalte erkannt \(CSV mit ;; Spalten: „Nr.“, „Spalte B“, „Spalte C“\)/);
  // JSON fields go through the same names
  await paste(page, JSON.stringify(rows.map(([nr, who, text]) => ({ Nr: nr, Verfasser: who, Kommentartext: text }))));
  assert.deepEqual((await cardTexts(page)).sort(), want);
  await paste(page, JSON.stringify([{ Wert: 'eins' }, { Wert: 'zwei' }]));
  assert.match(await page.textContent('#parse-status'), /^Kein Textfeld in den JSON-Objekten \(Felder: „Wert“\)/);
  // plain lines with commas stay plain lines
  await paste(page, 'Hallo, ich warte seit Wochen.\nDanke, super Service.');
  assert.equal((await cardTexts(page)).length, 2);
  assert.match(await page.textContent('#parse-status'), /\(Zeilen\)/);
  await context.close();

  const en = await openPage({ locale: 'en-GB' });
  await paste(en.page, 'message,from\nI have contacted my lawyer!,Jana K.\n"Thanks, all arrived.",Tom');
  assert.deepEqual((await cardTexts(en.page)).sort(), [['I have contacted my lawyer!', 'Jana K.'], ['Thanks, all arrived.', 'Tom']].sort());
  assert.match(await en.page.textContent('#parse-status'), /^2 comments read \(CSV with commas\) · text: “message”, author: “from”/);
  await paste(en.page, 'date,amount,shop\n2026-01-02,3,Leeds\n2026-01-03,4,York');
  assert.match(await en.page.textContent('#parse-status'), /^No text column found \(CSV with commas; columns: “date”, “amount”, “shop”\)/);
  await en.context.close();
});

test('a parse error or an empty input clears the old results, the gauge and the filters', async () => {
  const { page, context } = await openPage();
  const cleared = async (why) => {
    assert.equal(await page.$$eval('#comments .kr-card', (x) => x.length), 0, `${why}: no cards`);
    assert.equal(await page.getAttribute('#gauge', 'data-state'), 'none', `${why}: gauge`);
    assert.equal(await page.textContent('#gauge-counts'), '', `${why}: counts`);
    assert.equal(await page.$$eval('#level-filters [data-level], #signal-filters [data-signal]', (x) => x.length), 0, `${why}: filters`);
    assert.equal(await page.textContent('#shown'), '', `${why}: shown`);
    assert.equal(await page.$('#reply .reply-quote'), null, `${why}: reply panel`);
    assert.ok(await page.isVisible('#list-empty'), `${why}: says there is nothing`);
  };
  const load = async () => {
    await page.click('button[data-sample="en-delivery"]');
    await page.waitForSelector('#comments .kr-card');
    await page.click('#level-filters button[data-level="escalate"]');
    await page.click('#comments .kr-card .kr-reply-btn');
    await page.waitForSelector('#reply .reply-quote');
  };
  await load();
  await paste(page, '[{"text": "unfinished"');
  await cleared('invalid JSON');
  assert.match(await page.textContent('#parse-status'), /^The input is not valid JSON/);
  await load();
  await paste(page, '   \n  ');
  await cleared('empty input');
  assert.equal(await page.textContent('#parse-status'), 'Nothing to analyse: the input is empty.');
  await load();
  await paste(page, 'a;b\n1;2\n3;4');
  await cleared('no text column');
  // and a good thread afterwards is shown unfiltered
  await page.click('button[data-sample="en-delivery"]');
  await page.waitForSelector('#comments .kr-card');
  assert.equal(await page.getAttribute('#level-filters button:first-child', 'aria-pressed'), 'true');
  await context.close();
});

test('the format labels and every visible string come from i18n.js, in German and in English', async () => {
  const flat = (o, out = []) => {
    for (const v of Object.values(o)) {
      if (typeof v === 'string') out.push(v);
      else if (v && typeof v === 'object') flat(v, out);
    }
    return out;
  };
  const keys = (o, p = '') => Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${p}${k}.`) : [`${p}${k}`])).sort();
  assert.deepEqual(keys(STRINGS.de), keys(STRINGS.en), 'both languages have the same strings');
  const inputs = {
    lines: 'Wo bleibt mein Paket?\nDanke!',
    'csv;': 'author;text\nA;Wo bleibt mein Paket?',
    csv: 'author,text\nA,Wo bleibt mein Paket?',
    tsv: 'author\ttext\nA\tWo bleibt mein Paket?',
    json: '[{"text": "Wo bleibt mein Paket?"}]',
    jsonl: '{"text": "Wo bleibt mein Paket?"}\n{"text": "Danke!"}',
  };
  for (const lang of ['de', 'en']) {
    const other = lang === 'de' ? 'en' : 'de';
    const { page, context } = await openPage({ locale: lang === 'de' ? 'de-DE' : 'en-GB' });
    for (const [format, text] of Object.entries(inputs)) {
      await paste(page, text);
      const status = await page.textContent('#parse-status');
      assert.ok(status.includes(`(${STRINGS[lang].formats[format]})`), `${lang} ${format}: ${status}`);
      assert.doesNotMatch(status, /\((LINES|CSV;?|TSV|JSONL|EMPTY)\)/);
    }
    await page.click('button[data-sample="de-delivery"]');
    await page.waitForSelector('#comments .kr-card');
    await page.click('#comments .kr-card .kr-reply-btn');
    // the page's own words: every [data-i18n] element shows its string, and no visible text is a string of
    // the other language (comment text, authors and the core's reasons are data, not the page's words)
    const i18n = await page.$$eval('[data-i18n]', (els) => els.map((e) => [e.dataset.i18n, e.textContent]));
    for (const [key, text] of i18n) assert.equal(text, STRINGS[lang][key], `${lang} ${key}`);
    const visible = await page.evaluate(() => {
      const data = '.kr-text, .kr-author, .kr-reason-text, .reply-text, .reply-to, textarea, .suggestion p, .gauge-reasons, .gauge-actions, #engine-status';
      const out = [];
      const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        const el = n.parentElement;
        if (!n.textContent.trim() || el.closest(data) || !el.checkVisibility()) continue;
        out.push(n.textContent.trim());
      }
      return out;
    });
    const own = new Set(flat(STRINGS[lang]));
    const foreign = flat(STRINGS[other]).filter((x) => !own.has(x) && x.length > 3);
    for (const text of visible) assert.ok(!foreign.includes(text), `${lang}: "${text}" is from the ${other} strings`);
    await context.close();
  }
});

test('a crash in the analysis worker restarts the worker and is reported', async () => {
  const { page, context } = await openPage({ expected: ['crashForTests', 'RuntimeError', 'unreachable'] });
  await page.click('button[data-sample="en-delivery"]');
  await page.waitForSelector('#comments .kr-card');
  const r = await page.evaluate(async () => {
    const analysis = await import('./analysis.js');
    const crash = await analysis.crashForTests();
    return { name: crash.name, restarts: analysis.restartCount() };
  });
  assert.equal(r.name, 'AnalysisCrash');
  assert.equal(r.restarts, 1);
  assert.ok(await page.isVisible('#banner'), 'the crash is reported on the page');
  assert.match(await page.textContent('#banner'), /crashed/);
  await page.click('button[data-sample="de-pileon"]');
  await page.waitForFunction(() => document.body.dataset.analysis === 'done' && document.querySelector('#comments .kr-card'));
  assert.ok((await cardLevels(page)).some((c) => c.level === 'escalate'), 'the new worker analyses again');
  await context.close();
});

test('10,000 comments: analysed in the worker with the page responsive, a virtual list, filters in under 100 ms', async () => {
  const thread = inventThread(10000);
  const { page, context } = await openPage({ locale: 'de-DE' });
  await page.setViewportSize({ width: 1360, height: 940 });
  await page.evaluate((csv) => { document.getElementById('thread-input').value = csv; }, asGermanCsv(thread));
  // the longest main-thread task while the worker analyses: Long Tasks API and the gaps between animation frames
  await page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); }).observe({ type: 'longtask' });
    window.__gaps = { max: 0, frames: 0 };
    let last = performance.now();
    const tick = (now) => {
      window.__gaps.max = Math.max(window.__gaps.max, now - last);
      window.__gaps.frames += 1;
      last = now;
      if (document.body.dataset.analysis !== 'done') requestAnimationFrame(tick);
    };
    requestAnimationFrame((now) => { last = now; requestAnimationFrame(tick); });
    window.__t0 = performance.now();
  });
  await page.click('#analyze');
  await page.waitForSelector('#progress-row:not([hidden])', { timeout: 5000 });
  const midway = await page.evaluate(() => Number(document.getElementById('progress').value));
  await page.waitForFunction(() => document.body.dataset.analysis === 'done', null, { timeout: 120000 });
  const run = await page.evaluate(() => ({
    wall: performance.now() - window.__t0,
    longest: Math.max(0, ...window.__long),
    longTasks: window.__long.length,
    frameGap: window.__gaps.max,
    frames: window.__gaps.frames,
  }));
  assert.ok(midway < 10000, `progress was shown while the worker ran (${midway})`);
  assert.match(await page.textContent('#shown'), /^10\.000 von 10\.000 Kommentaren$/);
  assert.match(await page.textContent('#parse-status'), /^10\.000 Kommentare gelesen \(CSV mit ;\) · Text: „Kommentartext“, Verfasser: „Verfasser“, Nr\.: „Nr\.“ · analysiert in/);
  assert.match(await page.textContent('#gauge-counts'), /^[\d.]+ Eskalation · [\d.]+ Reaktion · [\d.]+ Überwachung$/);

  // only the cards in view (and a margin) are in the DOM, each tells its place in the list
  const list = async () => page.$$eval('#comments .kr-card', (cs) => cs.map((c) => [c.getAttribute('role'), Number(c.getAttribute('aria-posinset')), Number(c.getAttribute('aria-setsize'))]));
  let drawn = await list();
  assert.equal(await page.getAttribute('#comments', 'role'), 'list');
  assert.ok(drawn.length >= 1 && drawn.length < 60, `${drawn.length} cards drawn`);
  const reach = await page.$eval('#comments', (box) => box.lastElementChild.getBoundingClientRect().bottom - innerHeight);
  assert.ok(reach > 0, 'the drawn cards reach below the viewport');
  assert.deepEqual(drawn[0], ['listitem', 1, 10000]);
  const levels = await cardLevels(page);
  for (let i = 1; i < levels.length; i++) assert.ok(RANK[levels[i - 1].level] >= RANK[levels[i].level], `ordered at ${i}`);
  // scrolled half-way down, the cards of the middle are there and lie in the viewport
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
  await page.waitForFunction(() => Number(document.querySelector('#comments .kr-card')?.getAttribute('aria-posinset')) > 3000);
  const inView = await page.$$eval('#comments .kr-card', (cs) => cs.filter((c) => {
    const r = c.getBoundingClientRect();
    return r.bottom > 0 && r.top < innerHeight;
  }).map((c) => Number(c.getAttribute('aria-posinset'))));
  assert.ok(inView.length > 0 && inView.every((k) => k > 3000 && k < 7000), `cards in view: ${inView}`);
  // keyboard: End goes to the last card, ArrowUp to the one before, Enter opens the reply panel
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForFunction(() => document.querySelector('#comments .kr-card')?.getAttribute('aria-posinset') === '1');
  await page.focus('#comments .kr-card');
  await page.keyboard.press('End');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-posinset')), '10000');
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-posinset')), '9999');
  const id = await page.evaluate(() => document.activeElement.dataset.id);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#reply .reply-quote');
  assert.equal(await page.textContent('#reply .reply-text'), thread.find((c) => c.id === id).text);
  assert.equal(await page.getAttribute('.kr-card.kr-selected', 'data-id'), id);
  await page.keyboard.press('Home');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-posinset')), '1');

  // filters: click → DOM updated and laid out, timed in the page; median of a few clicks per filter
  const sig = await page.getAttribute('#signal-filters button[data-signal]', 'data-signal');
  const timings = await page.evaluate(async (signal) => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const out = { level: [], signal: [], levelFrame: [] };
    const click = async (selector, into, frameInto) => {
      await frame();
      const t0 = performance.now();
      document.querySelector(selector).click();
      document.querySelector('#comments').getBoundingClientRect(); // forces style and layout
      into.push(performance.now() - t0);
      if (frameInto) {
        await new Promise((r) => requestAnimationFrame(r));
        frameInto.push(performance.now() - t0);
      }
    };
    for (let i = 0; i < 5; i++) {
      await click('#level-filters button[data-level="escalate"]', out.level, out.levelFrame);
      await click('#level-filters button[data-level="escalate"]', out.level);
      await click(`#signal-filters button[data-signal="${signal}"]`, out.signal);
      await click(`#signal-filters button[data-signal="${signal}"]`, out.signal);
    }
    return out;
  }, sig);
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const worker = await page.evaluate(async () => (await import('./analysis.js')).lastRun());
  const figures = {
    comments: 10000,
    clickToDoneMs: Math.round(run.wall),
    workerAnalysisMs: Math.round(worker.ms),
    workerSummaryMs: Math.round(worker.summaryMs),
    longestLongTaskMs: Math.round(run.longest),
    longTasks: run.longTasks,
    longestFrameGapMs: Math.round(run.frameGap),
    frames: run.frames,
    levelFilterMedianMs: Number(median(timings.level).toFixed(1)),
    levelFilterMaxMs: Number(Math.max(...timings.level).toFixed(1)),
    levelFilterToNextFrameMedianMs: Number(median(timings.levelFrame).toFixed(1)),
    signalFilterMedianMs: Number(median(timings.signal).toFixed(1)),
    signalFilterMaxMs: Number(Math.max(...timings.signal).toFixed(1)),
  };
  console.log(`# demo page, 10,000 comments: ${JSON.stringify(figures)}`);
  fs.writeFileSync(path.join(artifacts, 'www-10000.json'), `${JSON.stringify(figures, null, 2)}\n`);
  // the budget is 100 ms; asserted with slack for a loaded machine, the real figure is printed above
  assert.ok(figures.levelFilterMedianMs < 250, `level filter ${figures.levelFilterMedianMs} ms`);
  assert.ok(figures.signalFilterMedianMs < 250, `signal filter ${figures.signalFilterMedianMs} ms`);
  await page.click('#level-filters button[data-level="escalate"]');
  const esc = await cardLevels(page);
  assert.ok(esc.length > 0 && esc.every((c) => c.level === 'escalate'));
  await page.click('#level-filters button[data-level="escalate"]');

  // README picture (docs/img/demo-10000.png is this one, palette-reduced): the page after analysing the
  // 10,000 comments, the gauge, the filters with their counts, the first card and the reply panel
  await page.setViewportSize({ width: 1360, height: 1240 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.click('#comments .kr-card .kr-reply-btn');
  await page.waitForSelector('#reply .reply-quote');
  await page.evaluate(() => window.scrollTo(0, document.querySelector('.gauge-panel').offsetTop - 12));
  const shot = path.join(artifacts, 'www-10000.png');
  await page.screenshot({ path: shot });
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
