// The extension in Chromium on the saved-page fixtures: every comment found (the same ones `krisenradar scan`
// finds on the same file, none missed, no non-comments), badges with the right levels, the panel in order,
// the reply assistant, a strict-CSP page, and no request leaving the machine.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  FIXTURES, LEVEL_RANK, badge, clickRect, hoverRect, inspect, pageItems, scanFixture, setSettings, start,
  toContent, waitForBadges, waitInspect,
} from './extension-harness.mjs';

// Every fixture with its expected posts and comments (NAME.expected.json, also checked by tests/scan.rs).
const EXPECTED = readdirSync(FIXTURES).filter((f) => f.endsWith('.expected.json')).sort()
  .map((f) => JSON.parse(readFileSync(path.join(FIXTURES, f), 'utf8')));
const SITES = EXPECTED.filter((e) => e.items.length).map((e) => [e.fixture, e.site, e.items]);
const EMPTY = EXPECTED.filter((e) => !e.items.length).map((e) => e.fixture);

let run;
let server;
let b;
let ext; // an extension page (the panel) used to talk to tabs and storage

before(async () => {
  ({ server, b } = run = await start());
  ext = await b.context.newPage();
  await ext.goto(`chrome-extension://${b.extensionId}/options/options.html`);
});

after(async () => {
  if (run) await run.stop();
});

async function open(file, { csp = false } = {}) {
  const page = await b.context.newPage();
  const url = `${server.origin}${csp ? '/csp' : ''}/${file}`;
  await page.goto(url);
  return { page, url };
}

describe('the badge path loads the analysis alone', () => {
  test('badges come from the badge package; the whole core starts on the first reply check', async () => {
    const packages = async () => (await ext.evaluate(async () => (await chrome.runtime.sendMessage({ kind: 'catalogue' })).result)).packages;
    const { page } = await open('x.html');
    await waitForBadges(page, scanFixture(path.join(FIXTURES, 'x.html')).length);
    assert.deepEqual(await packages(), ['krisenradar_badge'], 'only the analysis package is instantiated');
    const r = await ext.evaluate(async () => chrome.runtime.sendMessage({ kind: 'lintReply', draft: 'Das ist Ihre eigene Schuld, Sie Idiot!' }));
    assert.ok(r.ok && r.result.review.lints.some((l) => l.rule === 'blames-customer'), JSON.stringify(r).slice(0, 300));
    assert.deepEqual(await packages(), ['krisenradar_badge', 'krisenradar'], 'the whole core on first use');
    await page.close();
  });
});

describe('site adapters in the browser', () => {
  for (const [file, site, listed] of SITES) {
    test(`${file}: exactly the expected comments, the ones scan finds, with their levels, badged and listed`, async () => {
      const expected = scanFixture(path.join(FIXTURES, file));
      assert.ok(expected.length >= 3, 'the fixture has comments');
      assert.deepEqual(expected.map((e) => e.text), listed.map((e) => e.text), 'scan finds the expected texts');
      const { page, url } = await open(file);
      const badges = await waitForBadges(page, expected.length);
      const got = await pageItems(ext, url);
      assert.equal(got.siteName, site);
      assert.deepEqual(got.items.map((i) => i.text), listed.map((e) => e.text), 'the expected texts, in order');
      assert.deepEqual(got.items.map((i) => i.depth), listed.map((e) => e.depth), 'the expected depths');
      assert.deepEqual(got.items.map((i) => i.text), expected.map((e) => e.text), 'same texts, same order');
      assert.deepEqual(got.items.map((i) => i.author ?? null), expected.map((e) => e.author ?? null));
      assert.deepEqual(got.items.map((i) => i.kind), expected.map((e) => e.kind));
      assert.deepEqual(got.items.map((i) => i.depth), expected.map((e) => e.depth));
      // The same core judges both: the same levels and scores.
      assert.deepEqual(got.items.map((i) => i.analysis.criticality.level), expected.map((e) => e.criticality.level));
      assert.deepEqual(got.items.map((i) => i.analysis.criticality.score), expected.map((e) => e.criticality.score));
      assert.deepEqual(badges, expected.map((e) => e.criticality.level), 'one badge per comment, in page order');
      await page.close();
    });
  }
});

describe('pages without comments', () => {
  for (const file of EMPTY) {
    test(`${file}: nothing is badged or listed (and scan finds nothing)`, async () => {
      assert.deepEqual(scanFixture(path.join(FIXTURES, file)), []);
      const { page, url } = await open(file);
      // Long enough for the first scan and one more choice of adapter (the page could still be loading).
      await page.waitForTimeout(2500);
      const got = await pageItems(ext, url);
      assert.deepEqual(got.items, [], got.items.map((i) => i.text).join(' | '));
      const state = await inspect(page);
      assert.equal(state.badges.length, 0, 'no badge');
      await page.close();
    });
  }
});

describe('the generic adapter on every fixture (structural fallback where there is no comment markup)', () => {
  test('the extension reads each page as `krisenradar scan --site generic` does', async () => {
    // The site fixtures, and the pages of sites without an adapter (tests/fixtures/unknown-sites).
    const unknown = path.join(FIXTURES, '../unknown-sites');
    const pages = [
      ...EXPECTED.map(({ fixture }) => ({ file: path.join(FIXTURES, fixture), url: `/${fixture}` })),
      ...readdirSync(unknown).filter((f) => f.endsWith('.html')).sort()
        .map((f) => ({ file: path.join(unknown, f), url: `/unknown-sites/${f}` })),
    ];
    for (const { file, url } of pages) {
      if (url.startsWith('/unknown-sites/')) server.pages.set(url, readFileSync(file, 'utf8'));
      const want = scanFixture(file, ['--site', 'generic', '--no-analysis']);
      const page = await b.context.newPage();
      await page.goto(`${server.origin}${url}`);
      await waitInspect(page, (st) => st && st.stats);
      const got = await toContent(page, { kind: 'test:generic' });
      const shape = (l) => l.map((f) => [f.kind, f.depth, f.text, f.author ?? null, f.time ?? null]);
      assert.deepEqual(shape(got.items), shape(want), url);
      await page.close();
    }
  });
});

describe('localised markup and keyboard', () => {
  test('Facebook in the English UI (localised aria-labels) gives the same comments', async () => {
    const html = readFileSync(path.join(FIXTURES, 'facebook.html'), 'utf8')
      .replace(/aria-label="Kommentar von /g, 'aria-label="Comment by ')
      .replace(/aria-label="Antwort von /g, 'aria-label="Reply by ')
      .replace(/ auf den Kommentar von /g, ' to ')
      .replace(/Mehr ansehen/g, 'See more')
      .replace(/Weitere Kommentare ansehen/g, 'View more comments')
      .replace('lang="de"', 'lang="en"');
    server.pages.set('/facebook-en.html', html);
    const expected = scanFixture(path.join(FIXTURES, 'facebook.html'));
    const { page, url } = await open('facebook-en.html');
    await waitForBadges(page, expected.length);
    const got = await pageItems(ext, url);
    assert.deepEqual(got.items.map((i) => [i.author, i.depth, i.text]), expected.map((e) => [e.author, e.depth, e.text]));
    await page.close();
  });

  test('badges and cards work with the keyboard: focus, Enter, Escape', async () => {
    const expected = scanFixture(path.join(FIXTURES, 'linkedin.html'));
    const { page } = await open('linkedin.html');
    await waitForBadges(page, expected.length);
    const first = (await inspect(page)).badges[0];
    // Tab from the top of the page to the first badge (the page's own links come first).
    await page.evaluate(() => document.activeElement && document.activeElement.blur());
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      if ((await inspect(page)).active === first.id) break;
    }
    // Focus shows the card; Enter pins it and moves the focus into it.
    await waitInspect(page, (st) => st.active === first.id && st.card.open && st.card.hasCard);
    await page.keyboard.press('Enter');
    await waitInspect(page, (st) => st.card.focusInside);
    await page.keyboard.press('Escape');
    await waitInspect(page, (st) => !st.card.open && st.active === first.id);
    // The badge names itself for screen readers.
    assert.match(first.label, /krisenradar: .+ 100/);
    await page.close();
  });
});

describe('strict pages and page changes', () => {
  test('a page served with a strict Content-Security-Policy is analysed (the core runs in the background)', async () => {
    const expected = scanFixture(path.join(FIXTURES, 'x.html'));
    const { page, url } = await open('x.html', { csp: true });
    // The policy is in force: the page's own inline script was blocked.
    assert.equal(await page.evaluate(() => document.documentElement.dataset.inlineScript ?? null), null);
    await waitForBadges(page, expected.length);
    const got = await pageItems(ext, url);
    assert.deepEqual(got.items.map((i) => i.text), expected.map((e) => e.text));
    // The hover card renders there too (shadow DOM, constructed style sheets).
    await hoverRect(page, (await badge(page, 1)).rect);
    await waitInspect(page, (st) => st.card.open && st.card.hasReason);
    await page.close();
  });

  test('infinite scroll, "read more" and SPA navigation are followed; each text is analysed once', async () => {
    const { page, url } = await open('reddit.html');
    const expected = scanFixture(path.join(FIXTURES, 'reddit.html'));
    await waitForBadges(page, expected.length);
    const before = (await pageItems(ext, url)).items;
    // Infinite scroll: the site appends more comments (one repeats an earlier text).
    await page.evaluate(() => {
      const tree = document.querySelector('shreddit-comment-tree');
      for (const [id, author, text] of [
        ['t1_new1', 'neu_nina', 'Ich warte seit einem Monat auf mein Geld. Das ist Betrug, ich zeige euch an!'],
        ['t1_new2', 'neu_nils', 'Honestly the customer service there is a joke. Took them a month to answer my email and the answer was useless.'],
      ]) {
        const c = document.createElement('shreddit-comment');
        c.setAttribute('author', author);
        c.setAttribute('thingid', id);
        c.setAttribute('depth', '0');
        const body = document.createElement('div');
        body.setAttribute('slot', 'comment');
        const p = document.createElement('p');
        p.textContent = text;
        body.append(p);
        c.append(body);
        tree.append(c);
      }
    });
    await waitForBadges(page, expected.length + 2);
    let items = (await pageItems(ext, url)).items;
    assert.equal(items.at(-2).author, 'neu_nina');
    assert.equal(items.at(-1).analysis.criticality.score, before.at(-1).analysis.criticality.score);
    // "Read more": the text of a comment grows; it is analysed again.
    await page.evaluate(() => {
      const p = document.querySelector('shreddit-comment[thingid="t1_lx1eeee"] div[slot="comment"]');
      const more = document.createElement('p');
      more.textContent = 'Nachtrag: Die haben mich am Telefon angeschrien. Ich gehe damit jetzt an die Presse.';
      p.append(more);
    });
    await page.waitForFunction(async () => true);
    await expectEventually(async () => {
      items = (await pageItems(ext, url)).items;
      const w = items.find((i) => i.author === 'whisky_wolfgang');
      return w && w.text.includes('Nachtrag') && w.analysis.criticality.score > 0;
    });
    // SPA navigation: the app swaps the thread for another one without a page load.
    await page.evaluate(() => {
      history.pushState({}, '', '/r/Spirituosen/comments/zzz/anderer_beitrag/');
      const tree = document.querySelector('shreddit-comment-tree');
      tree.replaceChildren();
      document.querySelector('shreddit-post').remove();
      const c = document.createElement('shreddit-comment');
      c.setAttribute('author', 'spa_sven');
      c.setAttribute('thingid', 't1_spa');
      c.setAttribute('depth', '0');
      const body = document.createElement('div');
      body.setAttribute('slot', 'comment');
      body.textContent = 'Ganz neuer Thread nach der Navigation.';
      c.append(body);
      tree.append(c);
    });
    await waitForBadges(page, 1);
    items = (await pageItems(ext, page.url())).items;
    assert.deepEqual(items.map((i) => i.author), ['spa_sven']);
    await page.close();
  });
});

async function expectEventually(fn, timeout = 10000) {
  const end = Date.now() + timeout;
  for (;;) {
    if (await fn()) return;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('panel', () => {
  test('lists the comments by criticality, scrolls to one on click, exports CSV and JSON, "not critical" sticks', async () => {
    const { page, url } = await open('facebook.html');
    const expected = scanFixture(path.join(FIXTURES, 'facebook.html'));
    await waitForBadges(page, expected.length);
    const { tabId, items } = await pageItems(ext, url);
    const panel = await b.context.newPage();
    await panel.goto(`chrome-extension://${b.extensionId}/panel/panel.html?tab=${tabId}`);
    // Show every level.
    await panel.locator('input[name="level"][value="monitor"]').check();
    await panel.waitForFunction((n) => document.querySelectorAll('#list .kr-card').length === n, items.length);
    const shown = await panel.$$eval('#list .kr-card', (cards) => cards.map((c) => ({
      id: c.dataset.id, level: c.dataset.level, score: Number(c.dataset.score),
    })));
    const want = items.map((it, i) => ({ it, i }))
      .sort((x, y) => (LEVEL_RANK[y.it.analysis.criticality.level] - LEVEL_RANK[x.it.analysis.criticality.level])
        || (y.it.analysis.criticality.score - x.it.analysis.criticality.score) || (x.i - y.i))
      .map((x) => x.it.id);
    assert.deepEqual(shown.map((s) => s.id), want, 'most critical first');
    // Filters: only "escalate".
    await panel.locator('input[name="level"][value="monitor"]').uncheck();
    await panel.locator('input[name="level"][value="respond"]').uncheck();
    const esc = items.filter((i) => i.analysis.criticality.level === 'escalate').length;
    await panel.waitForFunction((n) => document.querySelectorAll('#list .kr-card').length === n, esc);
    await panel.locator('input[name="level"][value="respond"]').check();
    await panel.locator('input[name="level"][value="monitor"]').check();

    // Click to scroll: the comment's badge gets the focus in the page.
    const last = items.at(-1);
    await panel.locator(`#list .kr-card[data-id="${last.id}"]`).click();
    await waitInspect(page, (st) => st.active === last.id);

    // Export of the flagged comments.
    const flagged = items.filter((i) => i.analysis.criticality.level !== 'monitor');
    const [csv] = await Promise.all([panel.waitForEvent('download'), panel.locator('#export-csv').click()]);
    const csvText = readFileSync(await csv.path(), 'utf8').replace(/^\ufeff/, '');
    const rows = csvText.trim().split('\r\n');
    assert.equal(rows[0].split(',')[0], 'id');
    assert.equal(rows.length, flagged.length + 1);
    const [json] = await Promise.all([panel.waitForEvent('download'), panel.locator('#export-json').click()]);
    const data = JSON.parse(readFileSync(await json.path(), 'utf8'));
    assert.equal(data.items.length, flagged.length);
    assert.equal(data.page.site, 'facebook');
    assert.ok(data.items.every((i) => i.criticality && i.text));

    // "Not critical" from the panel: the badge shows it, the panel hides it, a reload keeps it.
    const target = flagged[0];
    await panel.locator(`#list li[data-id="${target.id}"] button.dismiss`).click();
    await waitInspect(page, (st) => st.badges.find((x) => x.id === target.id)?.dismissed);
    await panel.waitForFunction((id) => !document.querySelector(`#list li[data-id="${id}"]`), target.id);
    await page.reload();
    await waitForBadges(page, expected.length);
    const again = await waitInspect(page, (st) => st.badges.find((x) => x.dismissed));
    // Undo from the card in the page: a real click on the badge, then on "Show as critical again".
    await clickRect(page, (await badge(page, again.id)).rect);
    const undo = await waitInspect(page, (st) => st.card.open && st.card.buttons.find((x) => x.name === 'dismiss'));
    await clickRect(page, undo.rect);
    await waitInspect(page, (st) => st.badges.every((x) => !x.dismissed));
    await panel.close();
    await page.close();
  });
});

describe('reply assist', () => {
  test('suggestions and a channel pointer appear at the reply box, insert on click, nothing is submitted', async () => {
    await setSettings(ext, { voice: { company: 'Brennerei Holzapfel', address: 'du', signature: '^Marta', channel: 'eine Direktnachricht' } });
    const { page } = await open('x.html');
    const expected = scanFixture(path.join(FIXTURES, 'x.html'));
    await waitForBadges(page, expected.length);
    let submitted = false;
    page.on('request', (r) => { if (r.method() !== 'GET') submitted = true; });
    const box = page.locator('div[data-testid="tweetTextarea_0"]');
    await box.focus();
    const suggestions = await waitInspect(page, (st) => st.assist.open && st.assist.suggestions.length && st.assist.suggestions);
    assert.ok(suggestions.length >= 1, 'at least the channel pointer');
    const pointer = suggestions.find((x) => x.text.includes('eine Direktnachricht'));
    assert.ok(pointer, 'the brand-voice pointer names the private channel');
    assert.ok(pointer.text.includes('^Marta'));
    // Nothing is inserted before the click.
    assert.equal((await box.textContent()).trim(), '');
    await clickRect(page, pointer.insert);
    await page.waitForFunction(() => document.querySelector('div[data-testid="tweetTextarea_0"]').textContent.includes('Direktnachricht'));
    // Live lints of the draft, when the core has the reply checker.
    const has = await ext.evaluate(async () => (await chrome.runtime.sendMessage({ kind: 'catalogue' })).result.has);
    if (has.lintReply) {
      await box.press('End');
      await page.keyboard.type(' Das ist doch Ihre eigene Schuld, Sie Idiot!');
      await waitInspect(page, (st) => st.assist.lints.some((l) => l.rule));
    }
    assert.equal(submitted, false);
    assert.equal(await page.locator('button[data-testid="tweetButtonInline"]').getAttribute('aria-disabled'), 'true');
    await page.close();
  });

  test('a textarea reply box (old.reddit) gets the text on click', async () => {
    const { page } = await open('old-reddit.html');
    const expected = scanFixture(path.join(FIXTURES, 'old-reddit.html'));
    await waitForBadges(page, expected.length);
    const box = page.locator('form.usertext.cloneable textarea[name="text"]');
    await box.focus();
    const [first] = await waitInspect(page, (st) => st.assist.open && st.assist.suggestions.length && st.assist.suggestions);
    await clickRect(page, first.insert);
    await expectEventually(async () => /Direktnachricht/.test(await box.inputValue()));
    await page.close();
  });
});

describe('controls', () => {
  test('switching a site off removes the badges; on again brings them back', async () => {
    const { page } = await open('linkedin.html');
    const expected = scanFixture(path.join(FIXTURES, 'linkedin.html'));
    await waitForBadges(page, expected.length);
    await setSettings(ext, { disabledSites: ['127.0.0.1'] });
    await waitInspect(page, (st) => st.badges.length === 0);
    await setSettings(ext, { disabledSites: [] });
    await waitForBadges(page, expected.length);
    await page.close();
  });

  test('own selectors from the options read a site without an adapter', async () => {
    await setSettings(ext, { customSelectors: [{ host: '127.0.0.1', item: 'div.eintrag', text: 'div.text', author: 'span.name' }] });
    const { page, url } = await open('generic-forum.html');
    await waitForBadges(page, 3);
    const got = await pageItems(ext, url);
    assert.equal(got.siteName, 'custom:127.0.0.1');
    assert.deepEqual(got.items.map((i) => i.author), ['Ingrid aus Bamberg', 'Familie Roth', 'Mark Evans']);
    assert.match(got.items[1].text, /^Das Zimmer war leider nicht geputzt/);
    await setSettings(ext, { customSelectors: [] });
    await page.close();
  });

  test('sensitivity and watch words change the analysis', async () => {
    const { page, url } = await open('instagram.html');
    const expected = scanFixture(path.join(FIXTURES, 'instagram.html'));
    await waitForBadges(page, expected.length);
    const before = (await pageItems(ext, url)).items;
    await setSettings(ext, { watchWords: ['Apfelbrand'], sensitivity: 0.9 });
    await expectEventually(async () => {
      const now = (await pageItems(ext, url)).items;
      return now.length === before.length && now.some((it, i) => it.analysis.criticality.score !== before[i].analysis.criticality.score);
    });
    await setSettings(ext, { watchWords: [], sensitivity: 0.5 });
    await page.close();
  });
});

describe('languages', () => {
  test('the interface follows the language setting: German and English', async () => {
    const expected = scanFixture(path.join(FIXTURES, 'x.html'));
    for (const [lang, dismiss, reasonsLang] of [['de', 'Nicht kritisch', /Rechtliche|Beschwerde|Drohung|Negativ/], ['en', 'Not critical', /Legal|Complaint|Threat|Negative/]]) {
      await setSettings(ext, { uiLang: lang });
      const { page, url } = await open('x.html');
      await waitForBadges(page, expected.length);
      const second = await badge(page, 1);
      await hoverRect(page, second.rect);
      const card = await waitInspect(page, (st) => st.card.open && st.card.buttons.length && st.card);
      assert.equal(card.buttons.find((x) => x.name === 'dismiss').text, dismiss);
      assert.match(card.reasons, reasonsLang);
      assert.match(second.label, lang === 'de' ? /Kritikalität/ : /criticality/);
      const { tabId } = await pageItems(ext, url);
      const panel = await b.context.newPage();
      await panel.goto(`chrome-extension://${b.extensionId}/panel/panel.html?tab=${tabId}`);
      await panel.waitForFunction(() => document.querySelectorAll('#list .kr-card').length > 0);
      assert.equal(await panel.locator('#export-csv').textContent(), lang === 'de' ? 'Markierte als CSV' : 'Flagged as CSV');
      await panel.close();
      await page.close();
    }
    await setSettings(ext, { uiLang: 'auto' });
  });
});

describe('background', () => {
  test('a stopped service worker starts again on the next batch and analyses it', async () => {
    const { page } = await open('old-reddit.html');
    const expected = scanFixture(path.join(FIXTURES, 'old-reddit.html'));
    await waitForBadges(page, expected.length);
    const cdp = await b.context.newCDPSession(ext);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach();
    await page.evaluate(() => {
      const table = document.getElementById('siteTable_t3_1gq9xyz');
      const thing = document.createElement('div');
      thing.className = 'thing comment';
      thing.dataset.type = 'comment';
      thing.dataset.author = 'nach_dem_neustart';
      const md = document.createElement('div');
      md.className = 'md';
      md.textContent = 'Dieser Kommentar kam, nachdem der Hintergrund gestoppt wurde. Absolute Frechheit!';
      const body = document.createElement('div');
      body.className = 'usertext-body';
      body.append(md);
      const entry = document.createElement('div');
      entry.className = 'entry';
      entry.append(body);
      thing.append(entry);
      table.append(thing);
    });
    await waitForBadges(page, expected.length + 1);
    await page.close();
  });
});

describe('privacy and errors', () => {
  test('no request left the browser and nothing logged an error', () => {
    assert.deepEqual(b.foreign, []);
    assert.ok(b.requests.some((u) => u.startsWith(server.origin)), 'the guard saw the local requests');
    assert.deepEqual(b.errors, []);
  });
});
