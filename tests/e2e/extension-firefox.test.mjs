// The extension in Firefox: firefox-esr headless, driven over WebDriver BiDi (firefox-harness.mjs), with the
// extension installed as a temporary add-on with the manifest the xpi ships (background.scripts, the
// sidebar_action; .ci/package-manifest.mjs). On two site fixtures: the badges on the comments (the same comments, levels and scores as
// `krisenradar scan`), the card opened by a real click on a badge, and the panel in Firefox's real sidebar,
// which follows the active tab. Also: the core runs in the background script, nothing leaves the machine.
//
// What the extension draws sits in closed shadow roots. As in the Chromium tests, the content script describes
// it on the `test:inspect` message, which it answers only with the test flag in extension storage (a page cannot
// set it); the messages go from one of the add-on's own pages. The sidebar is an extension page too: the tests
// read it through `browser.extension.getViews`.
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { forBrowser } from '../../.ci/package-manifest.mjs';
import { FIXTURES, LEVEL_RANK, PROOF_SCRIPT_HASH, ROOT, prepareExtension, scanFixture, serve } from './extension-harness.mjs';
import { ADDON_ID, EXT_ORIGIN, FIREFOX, firefoxVersion, launchFirefox } from './firefox-harness.mjs';

const MANIFEST = JSON.parse(readFileSync(path.join(ROOT, 'extension/manifest.json'), 'utf8'));
const MIN_VERSION = Number.parseInt(MANIFEST.browser_specific_settings.gecko.strict_min_version, 10);
/** Firefox's id for the sidebar of an add-on (its widget id, then `-sidebar-action`). */
const SIDEBAR = `${ADDON_ID.toLowerCase().replace(/[^a-z0-9_-]/g, '_')}-sidebar-action`;
const SITES = ['x.html', 'facebook.html'];
// The same X page with a strict Content-Security-Policy (the harness's /csp/ route): the core must not need the
// page's permission to compile WebAssembly, and the card's styles must not need its style-src.
const CSP_SITE = 'x.html';
const TRANSPARENT = new Set(['transparent', 'rgba(0, 0, 0, 0)', '', null, undefined]);

/** The light --kr-* colours of lib/card.css as rgb() strings (the page fixtures are light). */
function cardColours() {
  const css = readFileSync(path.join(ROOT, 'www/lib/card.css'), 'utf8');
  const selector = ':root, :host, .kr-root, .kr-root.kr-light';
  const at = css.indexOf(`${selector} {`);
  assert.ok(at >= 0, `card.css has ${selector}`);
  const out = {};
  for (const [, name, hex] of css.slice(at, css.indexOf('}', at)).matchAll(/--kr-([\w-]+):\s*#([0-9a-f]{6})/gi)) {
    const n = parseInt(hex, 16);
    out[name] = `rgb(${n >> 16}, ${(n >> 8) & 255}, ${n & 255})`;
  }
  return out;
}
const COLOURS = cardColours();

let extDir;
let server;
let ff;
let ext; // the add-on's options page in a tab: it messages the content scripts and reads the sidebar
const errors = [];

before(async () => {
  const version = firefoxVersion();
  assert.ok(version, `no Firefox at ${FIREFOX} (.ci/setup installs firefox-esr)`);
  assert.ok(version >= MIN_VERSION, `Firefox ${version} is older than the manifest's strict_min_version ${MIN_VERSION}`);
  extDir = prepareExtension();
  // the manifest as the xpi ships it (.ci/package): no service worker, no side panel, only Firefox's keys
  const manifestPath = path.join(extDir, 'manifest.json');
  writeFileSync(manifestPath, JSON.stringify(forBrowser(JSON.parse(readFileSync(manifestPath, 'utf8')), 'firefox')));
  server = await serve();
  ff = await launchFirefox(extDir);
  // Errors on the pages' consoles (content scripts included) fail the suite at the end.
  await ff.bidi.send('session.subscribe', { events: ['log.entryAdded'] });
  ff.bidi.on('log.entryAdded', (e) => {
    if (e.level !== 'error') return;
    const tab = [...ff.tabs].find((t) => t.context === (e.source && e.source.context));
    // The strict-CSP fixture's own inline script is blocked on purpose. Firefox does not always say which tab
    // reported it, so the report is known by the script's hash.
    if (/blocked an inline script/.test(e.text) && e.text.includes(PROOF_SCRIPT_HASH)) return;
    errors.push(`${tab ? tab.url : e.source && e.source.context}: ${e.text}`);
  });
  ext = await ff.newTab(`${EXT_ORIGIN}/options/options.html`);
  await ext.evaluate(() => browser.storage.local.set({ testHooks: true }));
  // The background page shares the add-on's process with its tabs: its later errors are recorded there.
  await ext.evaluate(() => {
    const bg = browser.extension.getBackgroundPage();
    bg.krTestErrors = [];
    bg.addEventListener('error', (e) => bg.krTestErrors.push(String(e.message)));
    bg.addEventListener('unhandledrejection', (e) => bg.krTestErrors.push(String(e.reason)));
    const orig = bg.console.error;
    bg.console.error = (...a) => { bg.krTestErrors.push(a.map(String).join(' ')); orig.apply(bg.console, a); };
  });
});

after(async () => {
  if (ff) await ff.close();
  if (server) await server.close();
  if (extDir) rmSync(extDir, { recursive: true, force: true });
});

/** Sends `msg` to the content script in the (newest) tab showing `url`; returns its answer's result. */
function toContent(url, msg) {
  return ext.evaluate(async ({ url, msg }) => {
    const tabs = (await browser.tabs.query({})).filter((x) => x.url === url);
    if (!tabs.length) throw new Error(`no tab ${url}`);
    const tab = tabs.reduce((a, b) => (b.id > a.id ? b : a));
    const r = await browser.tabs.sendMessage(tab.id, msg);
    if (!r || !r.ok) throw new Error(r ? r.error : 'no answer');
    return { tabId: tab.id, ...r.result };
  }, { url, msg });
}

async function poll(what, fn, timeout = 15000) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last && last.done) return last.value;
    } catch (err) {
      last = String(err);
    }
    if (Date.now() > end) throw new Error(`${what}: not in ${timeout} ms; last: ${String(JSON.stringify(last)).slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Badges (id, level, rect), the open card and the focused badge, from the content script. */
const inspect = (tab) => toContent(tab.url, { kind: 'test:inspect' });
const waitInspect = (tab, fn, timeout) => poll('inspect', async () => {
  const st = await inspect(tab);
  const v = fn(st);
  return v ? { done: true, value: v } : st;
}, timeout);

/** JavaScript in the browser window's own (chrome) document, e.g. to open the sidebar as its menu does. */
async function inChrome(expression) {
  const { contexts } = await ff.bidi.send('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 });
  const win = contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml');
  const r = await ff.bidi.send('script.evaluate', {
    expression, target: { context: win.context }, awaitPromise: true, resultOwnership: 'none',
  });
  if (r.type === 'exception') throw new Error(`chrome: ${r.exceptionDetails.text}`);
  return r.result.value;
}

/**
 * The toolbar button, pressed as its keyboard shortcut presses it (a user action): the background script's
 * action.onClicked opens the sidebar (Chromium opens its side panel by itself instead).
 */
async function pressToolbarButton() {
  const open = await inChrome(`(async () => {
    const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
    const ext = ExtensionParent.GlobalManager.getExtension(${JSON.stringify(ADDON_ID)});
    ExtensionParent.apiManager.global.browserActionFor(ext).triggerAction(window);
    for (let i = 0; i < 100 && SidebarController.currentID !== ${JSON.stringify(SIDEBAR)}; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    return SidebarController.isOpen && SidebarController.currentID === ${JSON.stringify(SIDEBAR)};
  })()`);
  assert.equal(open, true, 'the toolbar button opens the sidebar');
}

const closeSidebar = () => inChrome('SidebarController.hide(), true');

/** What the panel should list for a page's items: flagged (or all) comments, most critical first. */
function panelOrder(items, { all = false } = {}) {
  return items.map((it, i) => ({ it, i }))
    .filter((x) => all || x.it.analysis.criticality.level !== 'monitor')
    .sort((x, y) => (LEVEL_RANK[y.it.analysis.criticality.level] - LEVEL_RANK[x.it.analysis.criticality.level])
      || (y.it.analysis.criticality.score - x.it.analysis.criticality.score) || (x.i - y.i))
    .map((x) => `${x.it.id}:${x.it.analysis.criticality.level}:${x.it.analysis.criticality.score}`);
}

/** Waits until the sidebar's panel shows exactly `want` (see panelOrder). */
function sidebarShows(want) {
  return poll('the sidebar\'s list', () => ext.evaluate((want) => {
    const [view] = browser.extension.getViews({ type: 'sidebar' });
    if (!view) return { view: false };
    const shown = [...view.document.querySelectorAll('#list .kr-card')]
      .map((c) => `${c.dataset.id}:${c.dataset.level}:${Number(c.dataset.score)}`);
    return { done: JSON.stringify(shown) === JSON.stringify(want), value: shown, shown, want };
  }, want));
}

/** Clicks an element of the sidebar's panel (a click() from another extension page: the panel takes it). */
function clickInSidebar(selector) {
  return ext.evaluate((sel) => {
    const [view] = browser.extension.getViews({ type: 'sidebar' });
    view.document.querySelector(sel).click();
  }, selector);
}

describe('Firefox', () => {
  test('the add-on installs, its background script (not a service worker) runs the core', async () => {
    const r = await ext.evaluate(async () => {
      const m = browser.runtime.getManifest();
      const answer = await browser.runtime.sendMessage({ kind: 'catalogue' });
      return {
        scripts: m.background.scripts, hasSidePanel: 'sidePanel' in browser, hasSidebar: !!browser.sidebarAction,
        answer, background: browser.extension.getViews().map((w) => new URL(w.location.href).pathname),
      };
    });
    assert.deepEqual(r.scripts.map((u) => new URL(u).pathname), ['/background.js']);
    assert.ok(r.background.includes('/_generated_background_page.html'), r.background.join(' '));
    assert.equal(r.hasSidePanel, false, 'Firefox has no sidePanel: the sidebar_action is the panel');
    assert.equal(r.hasSidebar, true);
    assert.equal(r.answer.ok, true, JSON.stringify(r.answer));
    assert.match(r.answer.result.version, /^\d+\.\d+/);
  });

  for (const [file, csp] of [...SITES.map((f) => [f, false]), [CSP_SITE, true]]) {
    describe(`${file}${csp ? ' with a strict CSP' : ''}`, () => {
      let tab;
      let expected;
      let listed;

      test('badges: the comments scan finds, with its levels and scores', async () => {
        expected = scanFixture(path.join(FIXTURES, file));
        listed = JSON.parse(readFileSync(path.join(FIXTURES, file.replace(/\.html$/, '.expected.json')), 'utf8')).items;
        assert.ok(expected.length >= 3);
        tab = await ff.newTab(`${server.origin}${csp ? '/csp' : ''}/${file}`);
        if (csp) {
          assert.equal(await tab.evaluate(() => document.documentElement.dataset.inlineScript ?? null), null,
            'the policy is in force (the page\'s inline script did not run)');
        }
        const levels = await poll(`${expected.length} badges`, async () => {
          const s = await toContent(tab.url, { kind: 'test:inspect', summary: true });
          return { done: s.count === expected.length && s.pending === 0, value: s.levels, count: s.count, pending: s.pending };
        }, 20000);
        assert.deepEqual(levels, expected.map((e) => e.criticality.level), 'one badge per comment, in page order');
        const got = await toContent(tab.url, { kind: 'panel:list' });
        assert.deepEqual(got.items.map((i) => i.text), listed.map((e) => e.text), 'the expected texts, in order');
        assert.deepEqual(got.items.map((i) => i.depth), expected.map((e) => e.depth));
        assert.deepEqual(got.items.map((i) => i.analysis.criticality.score), expected.map((e) => e.criticality.score),
          'the core in Firefox scores as the command line does');
      });

      test('card: a real click on the most critical badge opens it, Escape closes it', async () => {
        assert.ok(tab, 'the page is open');
        const st = await inspect(tab);
        const pick = [...st.badges].sort((a, b) => LEVEL_RANK[b.level] - LEVEL_RANK[a.level])[0];
        assert.notEqual(pick.level, 'monitor', 'the fixture has a flagged comment');
        // Into view (the overlay positions the badge on scroll), then a trusted click at its centre.
        await tab.evaluate((y) => window.scrollBy(0, y - 300), pick.rect.w ? pick.rect.y : pick.el.y);
        const bd = await waitInspect(tab, (s) => {
          const x = s.badges.find((b) => b.id === pick.id);
          return x && x.rect.w > 0 && x.rect.y >= 0 && x.rect.y + x.rect.h <= tab.viewport.height && x;
        });
        await tab.clickRect(bd.rect);
        const card = await waitInspect(tab, (s) => s.card.open && s.card.for === pick.id && s.card.hasCard && s.card);
        assert.equal(card.styles.pillLevel, pick.level, 'the card shows the badge\'s level');
        assert.ok(card.marks > 0, 'the evidence is marked in the text');
        // Styled inside the closed shadow root: the card.css colours, as in Chromium.
        const st2 = card.styles;
        assert.ok(!TRANSPARENT.has(st2.markBg), `mark background is ${st2.markBg}`);
        assert.equal(st2.popBg, COLOURS.bg, 'card background');
        assert.equal(st2.pillBg, COLOURS[`${st2.pillLevel}-bg`], `pill of a ${st2.pillLevel} comment`);
        assert.ok(card.buttons.some((b) => b.name === 'dismiss'), 'the card offers "not critical"');
        const { text } = (await toContent(tab.url, { kind: 'panel:list' })).items.find((i) => i.id === pick.id);
        assert.ok(card.text.replace(/\s+/g, ' ').includes(text.replace(/\s+/g, ' ').slice(0, 24)), 'the comment is on the card');
        await ff.bidi.send('input.performActions', {
          context: tab.context,
          actions: [{ type: 'key', id: 'kbd', actions: [{ type: 'keyDown', value: '\uE00C' }, { type: 'keyUp', value: '\uE00C' }] }],
        });
        await waitInspect(tab, (s) => !s.card.open);
      });

      if (file === SITES[0] && !csp) {
        test('"not critical" from the card sticks after a reload (the background\'s store), undo from the card', async () => {
          const openCard = async (id) => {
            const st = await inspect(tab);
            const b = st.badges.find((x) => x.id === id);
            await tab.evaluate((y) => window.scrollBy(0, y - 300), b.rect.w ? b.rect.y : b.el.y);
            const bd = await waitInspect(tab, (s) => {
              const x = s.badges.find((y) => y.id === id);
              return x && x.rect.w > 0 && x.rect.y >= 0 && x.rect.y + x.rect.h <= tab.viewport.height && x;
            });
            await tab.clickRect(bd.rect);
            return waitInspect(tab, (s) => s.card.open && s.card.for === id && s.card.buttons.find((x) => x.name === 'dismiss'));
          };
          const st = await inspect(tab);
          const target = st.badges.find((b) => b.level !== 'monitor');
          await tab.clickRect((await openCard(target.id)).rect);
          await waitInspect(tab, (s) => s.badges.find((x) => x.id === target.id)?.dismissed);
          await tab.goto(tab.url);
          await poll('badges after the reload', async () => {
            const s = await toContent(tab.url, { kind: 'test:inspect', summary: true });
            return { done: s.count === expected.length && s.pending === 0, value: true, count: s.count };
          }, 20000);
          await waitInspect(tab, (s) => s.badges.find((x) => x.id === target.id)?.dismissed);
          await tab.clickRect((await openCard(target.id)).rect);
          await waitInspect(tab, (s) => s.badges.every((x) => !x.dismissed));
        });
      }

      if (!csp) test('panel: the sidebar lists the active tab\'s comments, most critical first; a click scrolls to one', async () => {
        assert.ok(tab, 'the page is open');
        await tab.activate();
        await pressToolbarButton();
        const { items } = await toContent(tab.url, { kind: 'panel:list' });
        // No ?tab= in the sidebar: the panel finds the page as the active tab of its window.
        await sidebarShows(panelOrder(items));
        // Every level: the checkbox as a user ticks it.
        await clickInSidebar('input[name="level"][value="monitor"]');
        const all = await sidebarShows(panelOrder(items, { all: true }));
        assert.equal(all.length, items.length);
        // A click on the last card scrolls the page to that comment and focuses its badge.
        const last = all.at(-1).split(':')[0];
        await clickInSidebar(`#list .kr-card[data-id="${last}"]`);
        await waitInspect(tab, (s) => s.active === last);
        await clickInSidebar('input[name="level"][value="monitor"]');
        await closeSidebar();
      });
    });
  }

  test('the sidebar follows the active tab', async () => {
    const pages = [...ff.tabs].filter((t) => SITES.some((f) => t.url === `${server.origin}/${f}`));
    assert.equal(pages.length, SITES.length);
    const wants = [];
    for (const p of pages) wants.push(panelOrder((await toContent(p.url, { kind: 'panel:list' })).items));
    assert.notDeepEqual(wants[0], wants[1], 'the two pages list differently');
    await pages[0].activate();
    await pressToolbarButton();
    await sidebarShows(wants[0]);
    await pages[1].activate();
    await sidebarShows(wants[1]);
    await pages[0].activate();
    await sidebarShows(wants[0]);
    await closeSidebar();
  });

  test('"scan this page" on a site without an adapter: the toolbar button grants activeTab, the panel injects', async () => {
    // localhost is in neither the content scripts' matches nor the host permissions (the tests add 127.0.0.1):
    // nothing runs there until the user asks.
    const file = 'generic-forum.html';
    const expected = scanFixture(path.join(FIXTURES, file));
    assert.ok(expected.length >= 3);
    const page = await ff.newTab(`${server.origin.replace('127.0.0.1', 'localhost')}/${file}`);
    await assert.rejects(toContent(page.url, { kind: 'test:inspect', summary: true }), 'no content script yet');
    await page.activate();
    await pressToolbarButton();
    await poll('the scan button', () => ext.evaluate(() => {
      const [view] = browser.extension.getViews({ type: 'sidebar' });
      const btn = view && view.document.getElementById('scan-page');
      return { done: !!btn && !btn.hidden, value: true };
    }));
    await clickInSidebar('#scan-page');
    const levels = await poll(`${expected.length} badges`, async () => {
      const st = await toContent(page.url, { kind: 'test:inspect', summary: true });
      return { done: st.count === expected.length && st.pending === 0, value: st.levels, count: st.count };
    }, 20000);
    assert.deepEqual(levels, expected.map((e) => e.criticality.level));
    const { items } = await toContent(page.url, { kind: 'panel:list' });
    await sidebarShows(panelOrder(items));
    await closeSidebar();
    // Only that tab: the host permission was not granted.
    assert.equal(await ext.evaluate((o) => browser.permissions.contains({ origins: [`${o}/*`] }),
      server.origin.replace('127.0.0.1', 'localhost')), false);
  });

  test('nothing left the machine and no page or background script logged an error', async () => {
    assert.deepEqual(ff.foreign, [], 'requests that would have left the machine');
    assert.deepEqual(errors, [], 'errors on the pages (content scripts included)');
    // (An event page that Firefox suspended when idle and started again has lost the record: nothing to check.)
    assert.deepEqual(await ext.evaluate(() => browser.extension.getBackgroundPage()?.krTestErrors ?? []), [],
      'errors in the background script');
  });
});
