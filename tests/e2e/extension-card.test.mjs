// The hover card, the reply assistant and the panel as a user sees them, on the saved-page fixtures: the card is
// styled inside its closed shadow root (level pill and evidence marks have colour, the same colours as the demo
// page's card.css), light or dark like the page, placed beside the comment without covering it and inside the
// viewport (also for a comment at the bottom of the screen); the reply assistant appears at the page's own reply
// box on X, YouTube, Facebook and Reddit and inserts only on the user's click; the panel shows two-line previews
// with "more". The drawing is read through the content script's test hook (`inspect`), like the other tests.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  FIXTURES, ROOT, badge, clickRect, hoverRect, inspect, pageItems, scanFixture, setSettings, start, toContent,
  waitForBadges, waitInspect,
} from './extension-harness.mjs';

const CARD_SITES = ['x.html', 'youtube.html', 'facebook.html', 'reddit.html'];
// The page's own reply box on each site (the `replyBox` selectors of extension/adapters/sites.json).
const SITES = JSON.parse(readFileSync(path.join(ROOT, 'extension/adapters/sites.json'), 'utf8')).sites;
const REPLY_SITES = [['x.html', 'x'], ['youtube.html', 'youtube'], ['facebook.html', 'facebook'], ['reddit.html', 'reddit']];

/** The --kr-* colours of lib/card.css: the light block and the dark (.kr-root.kr-dark) block, as rgb() strings. */
function cardColours() {
  const css = readFileSync(path.join(ROOT, 'www/lib/card.css'), 'utf8');
  const block = (selector) => {
    const at = css.indexOf(`${selector} {`);
    assert.ok(at >= 0, `card.css has ${selector}`);
    const body = css.slice(at, css.indexOf('}', at));
    const out = {};
    for (const [, name, hex] of body.matchAll(/--kr-([\w-]+):\s*#([0-9a-f]{6})/gi)) {
      const n = parseInt(hex, 16);
      out[name] = `rgb(${n >> 16}, ${(n >> 8) & 255}, ${n & 255})`;
    }
    return out;
  };
  return { light: block(':root, :host, .kr-root, .kr-root.kr-light'), dark: block('.kr-root.kr-dark') };
}
const COLOURS = cardColours();
const TRANSPARENT = new Set(['transparent', 'rgba(0, 0, 0, 0)', '', null, undefined]);

let run;
let server;
let b;
let ext;

before(async () => {
  ({ server, b } = run = await start());
  ext = await b.context.newPage();
  await ext.goto(`chrome-extension://${b.extensionId}/options/options.html`);
  await setSettings(ext, { uiLang: 'de', voice: { company: 'Brennerei Holzapfel', address: 'du', signature: '^Marta', channel: 'eine Direktnachricht' } });
});

after(async () => {
  if (run) await run.stop();
});

async function open(file, { colorScheme = 'light', style = null, viewport = { width: 1200, height: 900 } } = {}) {
  const page = await b.context.newPage();
  await page.setViewportSize(viewport);
  await page.emulateMedia({ colorScheme });
  await page.goto(`${server.origin}/${file}`);
  if (style) await page.addStyleTag({ content: style });
  const expected = scanFixture(path.join(FIXTURES, file));
  await waitForBadges(page, expected.length);
  return { page, expected };
}

const overlaps = (a, c) => a.x < c.x + c.w - 0.5 && c.x < a.x + a.w - 0.5 && a.y < c.y + c.h - 0.5 && c.y < a.y + a.h - 0.5;
const inside = (r, vp) => r.x >= 0 && r.y >= 0 && r.x + r.w <= vp.w + 0.5 && r.y + r.h <= vp.h + 0.5;
const fmt = (r) => r && `${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.w)}×${Math.round(r.h)}`;

/** The first badge (page order) with this level whose card marks evidence. */
async function flaggedBadge(page) {
  const st = await inspect(page);
  const order = ['escalate', 'respond', 'monitor'];
  const pick = [...st.badges].sort((x, y) => order.indexOf(x.level) - order.indexOf(y.level))[0];
  assert.ok(pick, 'the page has badges');
  return pick;
}

/** Hovers badge `id` and waits for its card with marks; the mouse then moves onto the card's own area. */
async function openCard(page, id) {
  const bd = await badge(page, id);
  await hoverRect(page, bd.rect);
  const st = await waitInspect(page, (s) => s.card.open && s.card.for === id && s.card.marks > 0 && s.card.styles.markBg && s);
  return { bd, card: st.card };
}

function checkPlacement(card, bd, what) {
  assert.ok(card.comment, `${what}: the card knows the comment it describes`);
  assert.ok(!overlaps(card.rect, card.comment), `${what}: card ${fmt(card.rect)} (${card.side}) covers the comment ${fmt(card.comment)}`);
  assert.ok(!overlaps(card.rect, bd.rect), `${what}: card ${fmt(card.rect)} (${card.side}) covers its badge ${fmt(bd.rect)}, comment ${fmt(card.comment)}`);
  assert.ok(inside(card.rect, card.viewport), `${what}: card ${fmt(card.rect)} outside the viewport ${card.viewport.w}×${card.viewport.h}`);
  for (const btn of card.buttons) {
    assert.ok(inside(btn.rect, card.viewport), `${what}: "${btn.text}" ${fmt(btn.rect)} outside the viewport`);
  }
}

describe('the hover card is styled inside its shadow root', () => {
  for (const file of CARD_SITES) {
    test(`${file}: level pill and evidence marks have colour, the card sits beside the comment`, async () => {
      const { page } = await open(file);
      const pick = await flaggedBadge(page);
      const { bd, card } = await openCard(page, pick.id);
      const s = card.styles;
      console.log(`# ${file}: ${pick.level} pill ${s.pillBg} / ${s.pillFg}, mark (${s.markKind}) ${s.markBg}, card ${s.popBg}, side ${card.side}`);
      assert.ok(!TRANSPARENT.has(s.pillBg), `pill background is ${s.pillBg}`);
      assert.ok(!TRANSPARENT.has(s.markBg), `mark background is ${s.markBg}`);
      assert.ok(!TRANSPARENT.has(s.popBg), `card background is ${s.popBg}`);
      // The same colours as the demo page: card.css's light values on a light page.
      assert.ok(['light', 'auto'].includes(card.theme), card.theme);
      assert.equal(s.pillBg, COLOURS.light[`${s.pillLevel}-bg`], `pill of a ${s.pillLevel} comment`);
      assert.equal(s.pillFg, COLOURS.light[s.pillLevel]);
      assert.equal(s.cardBorder, COLOURS.light[s.pillLevel]);
      assert.equal(s.popBg, COLOURS.light.bg);
      checkPlacement(card, bd, file);
      await page.close();
    });
  }

  test('badges use the card\'s level colours (monitor grey, as in the demo page)', async () => {
    const { page } = await open('reddit.html');
    const st = await toContent(page, { kind: 'test:inspect', styles: true });
    const seen = new Map(st.badges.filter((x) => !x.dismissed).map((x) => [x.level, x.bg]));
    assert.ok(seen.size >= 2, `several levels on the page: ${[...seen.keys()]}`);
    for (const [level, bg] of seen) assert.equal(bg, COLOURS.light[level], `${level} badge`);
    await page.close();
  });

  test('dark: a dark page and the dark preference get the dark card; the preference alone too', async () => {
    // A page with a dark background (its own), in the light preference: the card follows the page.
    const dark = await open('x.html', { style: 'html, body { background: #15202b !important; color: #e7e9ea; }' });
    let { card } = await openCard(dark.page, (await flaggedBadge(dark.page)).id);
    assert.equal(card.theme, 'dark');
    assert.equal(card.styles.popBg, COLOURS.dark.bg);
    assert.equal(card.styles.pillBg, COLOURS.dark[`${card.styles.pillLevel}-bg`]);
    assert.ok(!TRANSPARENT.has(card.styles.markBg));
    await dark.page.close();
    // A page without a background of its own in the dark preference: the card follows the preference.
    const pref = await open('reddit.html', { colorScheme: 'dark' });
    ({ card } = await openCard(pref.page, (await flaggedBadge(pref.page)).id));
    assert.equal(card.theme, 'auto');
    assert.equal(card.styles.popBg, COLOURS.dark.bg);
    assert.equal(card.styles.pillBg, COLOURS.dark[`${card.styles.pillLevel}-bg`]);
    await pref.page.close();
  });
});

describe('placement', () => {
  test('beside a narrow comment: right of it, or left when the right has no room', async () => {
    for (const [style, side] of [
      ['body { max-width: 620px; margin: 0 0 0 20px !important; }', 'right'],
      ['body { max-width: 620px; margin: 0 0 0 auto !important; }', 'left'],
    ]) {
      const { page } = await open('x.html', { style });
      const pick = await flaggedBadge(page);
      const { bd, card } = await openCard(page, pick.id);
      assert.equal(card.side, side, `card at ${fmt(card.rect)}, comment ${fmt(card.comment)}`);
      checkPlacement(card, bd, `${side} column`);
      await page.close();
    }
  });

  test('a comment at the bottom of the viewport: the card stays inside, "Nicht kritisch" visible', async () => {
    for (const file of ['youtube.html', 'facebook.html', 'x.html']) {
      // Room above and below the thread, so that any comment can be scrolled to the bottom edge.
      const { page } = await open(file, { viewport: { width: 1000, height: 640 }, style: 'body { padding: 100vh 0 !important; }' });
      const st = await inspect(page);
      for (const pick of [st.badges[st.badges.length - 1], st.badges.find((x) => x.level !== 'monitor')]) {
        await page.evaluate(() => window.scrollTo(0, 0));
        const first = (await inspect(page)).badges.find((x) => x.id === pick.id);
        const vh = page.viewportSize().height;
        // The comment's bottom (its badge) 12 px above the bottom edge.
        await page.evaluate((y) => window.scrollTo(0, y), first.rect.y + first.rect.h - vh + 12);
        const bd = (await inspect(page)).badges.find((x) => x.id === pick.id);
        assert.ok(bd.rect.y + bd.rect.h > vh - 40 && bd.rect.y + bd.rect.h <= vh, `badge near the bottom: ${fmt(bd.rect)}`);
        await hoverRect(page, bd.rect);
        const card = await waitInspect(page, (s) => s.card.open && s.card.for === pick.id && s.card.buttons.length && s.card);
        checkPlacement(card, bd, `${file} ${pick.id} at the bottom`);
        assert.ok(card.buttons.some((x) => x.text === 'Nicht kritisch'));
        await page.mouse.move(2, 2);
        await waitInspect(page, (s) => !s.card.open);
      }
      await page.close();
    }
  });

  test('the card follows its comment when the page scrolls; unpinned, it closes when the comment leaves', async () => {
    const { page } = await open('youtube.html', { viewport: { width: 1000, height: 640 }, style: 'body { padding: 100vh 0 !important; max-width: 560px; }' });
    const pick = await flaggedBadge(page);
    const bd = await badge(page, pick.id);
    await clickRect(page, bd.rect); // pinned
    const first = await waitInspect(page, (s) => s.card.open && s.card.for === pick.id && s.card);
    await page.mouse.move(2, 2);
    await page.evaluate(() => window.scrollBy(0, 150));
    const moved = await waitInspect(page, (s) => s.card.open && s.card.comment && Math.abs(s.card.comment.y - (first.comment.y - 150)) < 1 && s);
    const bd2 = moved.badges.find((x) => x.id === pick.id);
    checkPlacement(moved.card, bd2, 'after scrolling');
    assert.ok(Math.abs(moved.card.rect.y - first.rect.y) > 1 || moved.card.rect.y <= 8.5, 'the card moved with the comment (or sits at the top edge)');
    // Unpinned (hover), the card closes when its comment scrolls off the screen.
    await page.keyboard.press('Escape');
    await waitInspect(page, (s) => !s.card.open);
    await hoverRect(page, (await badge(page, pick.id)).rect);
    await waitInspect(page, (s) => s.card.open && s.card.for === pick.id);
    await page.evaluate(() => window.scrollBy(0, 2000));
    await waitInspect(page, (s) => !s.card.open);
    await page.close();
  });

  test('keyboard: Enter pins the card and moves the focus in, Escape closes it and returns to the badge', async () => {
    const { page } = await open('youtube.html');
    const pick = await flaggedBadge(page);
    await badge(page, pick.id);
    await page.evaluate(() => document.activeElement && document.activeElement.blur());
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      if ((await inspect(page)).active === pick.id) break;
    }
    await waitInspect(page, (s) => s.active === pick.id && s.card.open);
    await page.keyboard.press('Enter');
    await waitInspect(page, (s) => s.card.focusInside);
    // Tab through the card: its controls, then back to the badge (the card closes).
    let st;
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      st = await inspect(page);
      if (!st.card.open) break;
      assert.ok(st.card.focusInside, 'Tab stays in the card until its last control');
    }
    await waitInspect(page, (s) => !s.card.open && s.active === pick.id);
    await page.keyboard.press('Enter');
    await waitInspect(page, (s) => s.card.focusInside);
    await page.keyboard.press('Escape');
    await waitInspect(page, (s) => !s.card.open && s.active === pick.id);
    await page.close();
  });
});

describe('reply assist at the page\'s own reply box', () => {
  for (const [file, name] of REPLY_SITES) {
    test(`${file}: the assistant appears beside the reply box and inserts only on a trusted click`, async () => {
      const site = SITES.find((s) => s.name === name);
      const { page } = await open(file);
      const selector = site.replyBox.join(', ');
      assert.ok(await page.locator(selector).count() >= 1, `${file} has a reply box matching ${selector}`);
      const box = page.locator(selector).first();
      const read = () => box.evaluate((el) => ('value' in el && typeof el.value === 'string' ? el.value : el.textContent));
      await box.scrollIntoViewIfNeeded();
      await box.focus();
      const assist = await waitInspect(page, (s) => s.assist.open && s.assist.suggestions.length && s.assist);
      const pointer = assist.suggestions.find((x) => x.text.includes('Direktnachricht'));
      assert.ok(pointer, 'the brand-voice pointer is offered');
      assert.ok(!overlaps(assist.rect, assist.box), `assistant ${fmt(assist.rect)} covers the reply box ${fmt(assist.box)}`);
      assert.ok(assist.comment && !overlaps(assist.rect, assist.comment), `assistant ${fmt(assist.rect)} covers the comment ${fmt(assist.comment)}`);
      assert.ok(inside(assist.rect, assist.viewport), `assistant ${fmt(assist.rect)} in the viewport`);
      const before = await read();
      // A page script clicking what is at the button's place, and untrusted clicks on the buttons themselves.
      await page.evaluate(([x, y]) => {
        const el = document.elementFromPoint(x, y);
        if (el) {
          el.click();
          el.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, clientX: x, clientY: y }));
        }
      }, [pointer.insert.x + pointer.insert.w / 2, pointer.insert.y + pointer.insert.h / 2]);
      const { clicks } = await toContent(page, { kind: 'test:untrustedClicks' });
      assert.ok(clicks >= 4, `untrusted clicks on the assistant's buttons: ${clicks}`);
      await page.waitForTimeout(200);
      assert.equal(await read(), before, 'untrusted clicks inserted nothing');
      assert.ok((await inspect(page)).assist.open, 'untrusted clicks did not close the assistant');
      // The user's click inserts.
      await clickRect(page, (await inspect(page)).assist.suggestions.find((x) => x.text.includes('Direktnachricht')).insert);
      await page.waitForFunction(({ sel }) => {
        const el = document.querySelector(sel);
        return ('value' in el && typeof el.value === 'string' ? el.value : el.textContent).includes('Direktnachricht');
      }, { sel: selector });
      await page.close();
    });
  }
});

describe('reply assist with the keyboard', () => {
  test('Alt+ArrowDown from the reply box into the suggestions, Enter inserts, Escape back to the box', async () => {
    const { page } = await open('youtube.html');
    const selector = SITES.find((x) => x.name === 'youtube').replyBox.join(', ');
    const box = page.locator(selector).first();
    await box.scrollIntoViewIfNeeded();
    await box.focus();
    await waitInspect(page, (s) => s.assist.open && s.assist.suggestions.length);
    await page.keyboard.press('Alt+ArrowDown');
    await waitInspect(page, (s) => s.assist.focusInside);
    // The first suggestion's "insert" has the focus; Enter is the user's own key press.
    await page.keyboard.press('Enter');
    await page.waitForFunction((sel) => document.querySelector(sel).textContent.length > 10, selector);
    await page.keyboard.press('Alt+ArrowDown');
    await waitInspect(page, (s) => s.assist.focusInside);
    await page.keyboard.press('Escape');
    await waitInspect(page, (s) => !s.assist.open);
    assert.ok(await box.evaluate((el) => el === document.activeElement), 'the focus is back in the reply box');
    await page.waitForTimeout(200);
    assert.equal((await inspect(page)).assist.open, false, 'focusing the box again did not reopen it');
    await page.close();
  });
});

describe('panel', () => {
  test('two-line previews with "mehr", full text after a click, "weniger" folds it again', async () => {
    const { page } = await open('youtube.html');
    const { tabId } = await pageItems(ext, page.url());
    const panel = await b.context.newPage();
    await panel.setViewportSize({ width: 380, height: 800 });
    await panel.goto(`chrome-extension://${b.extensionId}/panel/panel.html?tab=${tabId}`);
    await panel.locator('input[name="level"][value="monitor"]').check();
    await panel.waitForFunction(() => document.querySelectorAll('#list .kr-card').length > 0);
    await panel.waitForTimeout(300);
    // the list may be drawn once more while the page's analyses arrive: measure rows that are laid out
    await panel.waitForFunction(() => [...document.querySelectorAll('#list > li .kr-text')]
      .every((t) => t.getBoundingClientRect().height > 0));
    const rows = await panel.$$eval('#list > li', (lis) => lis.map((li) => {
      const t = li.querySelector('.kr-text');
      const line = parseFloat(getComputedStyle(t).lineHeight);
      const more = li.querySelector('.kr-more');
      const reasons = li.querySelector('.kr-reasons');
      return {
        id: li.dataset.id, h: t.getBoundingClientRect().height, line, full: t.scrollHeight,
        more: more && !more.hidden ? more.textContent : null,
        reasons: !!reasons, reasonsShown: !!reasons && reasons.getBoundingClientRect().height > 0,
      };
    }));
    for (const r of rows) assert.ok(r.h <= 2 * r.line + 1, `row ${r.id}: ${r.h} px for a line height of ${r.line}`);
    const long = rows.find((r) => r.more && r.full > r.h + 1);
    assert.ok(long, 'a comment longer than two lines has "mehr"');
    assert.equal(long.more, 'mehr');
    assert.ok(rows.filter((r) => !r.more).every((r) => r.full <= r.h + 1 && !r.reasons), 'no "mehr" where nothing is folded');
    assert.ok(rows.every((r) => !r.reasonsShown), 'the reasons are folded in the preview');
    const li = panel.locator(`#list > li[data-id="${long.id}"]`);
    await li.locator('.kr-more').click();
    const open1 = await li.evaluate((el) => ({
      h: el.querySelector('.kr-text').getBoundingClientRect().height, label: el.querySelector('.kr-more').textContent,
      expanded: el.querySelector('.kr-more').getAttribute('aria-expanded'),
      reasons: el.querySelector('.kr-reasons') ? el.querySelector('.kr-reasons').getBoundingClientRect().height : null,
    }));
    assert.ok(open1.h > 2 * long.line + 1, `expanded: ${open1.h}`);
    assert.ok(open1.reasons === null || open1.reasons > 0, 'the reasons unfold with the text');
    assert.deepEqual([open1.label, open1.expanded], ['weniger', 'true']);
    await li.locator('.kr-more').click();
    const h2 = await li.evaluate((el) => el.querySelector('.kr-text').getBoundingClientRect().height);
    assert.ok(h2 <= 2 * long.line + 1);
    // The toggle does not scroll the page to the comment (that is what a click on the card does).
    await page.waitForTimeout(200);
    assert.notEqual((await inspect(page)).active, long.id);
    await li.locator('.kr-card').click({ position: { x: 10, y: 10 } });
    await waitInspect(page, (s) => s.active === long.id);
    await panel.close();
    await page.close();
  });

  test('the panel follows the colour-scheme preference, its cards with it', async () => {
    const { page } = await open('reddit.html');
    const { tabId } = await pageItems(ext, page.url());
    for (const scheme of ['light', 'dark']) {
      const panel = await b.context.newPage();
      await panel.emulateMedia({ colorScheme: scheme });
      await panel.goto(`chrome-extension://${b.extensionId}/panel/panel.html?tab=${tabId}`);
      await panel.waitForFunction(() => document.querySelectorAll('#list .kr-card').length > 0);
      const got = await panel.evaluate(() => {
        const card = document.querySelector('#list .kr-card');
        return { page: getComputedStyle(document.documentElement).backgroundColor, card: getComputedStyle(card).backgroundColor,
          pill: getComputedStyle(card.querySelector('.kr-level')).backgroundColor, level: card.dataset.level };
      });
      assert.equal(got.card, COLOURS[scheme].bg, `${scheme} card`);
      assert.equal(got.pill, COLOURS[scheme][`${got.level}-bg`], `${scheme} pill`);
      assert.equal(got.page, scheme === 'dark' ? 'rgb(15, 18, 23)' : 'rgb(246, 248, 250)', `${scheme} panel`);
      await panel.close();
    }
    await page.close();
  });

  test('a long list (virtual rows): every row shows its preview and its "Nicht kritisch"; "mehr" opens a row over the next', async () => {
    const words = 'Die Lieferung kam wieder zu spät und der Kundendienst antwortet nicht auf meine Mails obwohl ich dreimal geschrieben habe'.split(' ');
    const items = [];
    for (let i = 0; i < 240; i++) {
      let text = '';
      for (let k = i; text.length < 160 + (i % 4) * 150; k += 7) text += `${words[k % words.length]} `;
      items.push(`<article class="comment"><span class="author">Person ${i}</span><div class="comment-content"><p>${text.trim()}.</p></div></article>`);
    }
    server.pages.set('/long-thread.html', `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Forum</title></head><body><main>${items.join('\n')}</main></body></html>`);
    const page = await b.context.newPage();
    await page.goto(`${server.origin}/long-thread.html`);
    await waitForBadges(page, 240, 60000);
    const { tabId } = await pageItems(ext, page.url());
    const panel = await b.context.newPage();
    await panel.setViewportSize({ width: 380, height: 800 });
    await panel.goto(`chrome-extension://${b.extensionId}/panel/panel.html?tab=${tabId}`);
    await panel.locator('input[name="level"][value="monitor"]').check();
    await panel.waitForFunction(() => document.querySelector('#list.virtual') && document.querySelectorAll('#list .kr-card').length > 3);
    await panel.waitForTimeout(300);
    const rows = await panel.$$eval('#list > li', (lis) => lis.map((li) => {
      const r = li.getBoundingClientRect();
      const d = li.querySelector('button.dismiss').getBoundingClientRect();
      const t = li.querySelector('.kr-text');
      return { id: li.dataset.id, top: r.top, bottom: r.bottom, dTop: d.top, dBottom: d.bottom, text: t.getBoundingClientRect().height, line: parseFloat(getComputedStyle(t).lineHeight) };
    }));
    for (const r of rows) {
      assert.ok(r.dTop >= r.top && r.dBottom <= r.bottom + 0.5, `row ${r.id}: "Nicht kritisch" at ${r.dTop}–${r.dBottom} inside ${r.top}–${r.bottom}`);
      assert.ok(r.text <= 2 * r.line + 1, `row ${r.id}: preview ${r.text} px`);
    }
    const li = panel.locator(`#list > li[data-id="${rows[0].id}"]`);
    await li.locator('.kr-more').click();
    const h = await li.evaluate((el) => el.getBoundingClientRect().height);
    assert.ok(h > rows[0].bottom - rows[0].top, `the opened row grows: ${h}`);
    await panel.close();
    await page.close();
  });
});

describe('privacy and errors', () => {
  test('no request left the browser and nothing logged an error', () => {
    assert.deepEqual(b.foreign, []);
    assert.deepEqual(b.errors, []);
  });
});
