// A page script attacks the extension: it tries to read what the extension draws (scores, cards, reply
// suggestions, lints), to drive it (open a card, "not critical", "insert" into the reply box) without the user,
// to listen to it, and to detect it through its files. Every attempt is counted; the test fails if any read or
// synthetic action succeeds. Real user input (Playwright's mouse and keyboard: trusted events) must still work.
// docs/extension-security.md describes the threat model.
//
// The attacker is as strong as a page gets: its script runs first (addInitScript: before the content scripts),
// it patches DOM prototypes, observes every mutation, and even knows the extension's id and where the
// buttons are on screen (the test hands it both).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { badge, clickRect, inspect, setSettings, start, waitForBadges, waitInspect } from './extension-harness.mjs';

// Words only the extension's drawing contains (German UI: the browser runs with de-DE).
const CHANNEL = 'den Kanal KR-7QX';
const MARKERS = ['Nicht kritisch', 'Einfügen', 'KR-7QX', 'Kritikalität', 'Eskalation', 'Reaktion',
  'Überwachung', 'Antwortvorschl', 'Rechtliche', 'krisenradar', 'kr-card', 'kr-level', 'kr-insert'];

// Runs in the page's main world before anything else, like the page's own first script.
const ATTACKER = `(() => {
  const A = window.__attack = { added: [], mine: new WeakSet(), captured: [], listeners: [], events: [], paths: [], ceCalls: 0 };
  // Capture shadow roots and event listeners by patching the prototypes the extension might use.
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, { ...init, mode: 'open' });
    A.captured.push(root);
    return root;
  };
  const add = EventTarget.prototype.addEventListener;
  const own = new Set(['message', 'krisenradar:stats', 'krisenradar', 'kr:stats', 'click', 'focusin', 'keydown',
    'mousedown', 'pointerdown', 'focus']);
  add.call(window, 'message', (e) => A.events.push('message:' + String(e.data).slice(0, 80)), true);
  for (const type of ['krisenradar:stats', 'krisenradar', 'kr:stats', 'kr:update'])
    add.call(document, type, (e) => A.events.push(type), true);
  // The real user's clicks and keys: does the event path leak nodes inside the extension's shadow roots?
  for (const type of ['click', 'focusin', 'keydown', 'mousedown', 'pointerdown', 'focus'])
    add.call(window, type, (e) => {
      for (const n of e.composedPath()) if (n.getRootNode && n.getRootNode() instanceof ShadowRoot) A.paths.push(type);
      if (e.target && e.target.shadowRoot) A.paths.push(type + ':open-root');
    }, true);
  EventTarget.prototype.addEventListener = function (type, fn, opts) {
    if (own.has(type)) A.listeners.push(type);
    return add.call(this, type, fn, opts);
  };
  // Pre-define the names an extension might use for its elements.
  for (const name of ['krisenradar-badge', 'krisenradar-layer', 'kr-badge', 'kr-layer']) {
    try { customElements.define(name, class extends HTMLElement { constructor() { super(); A.ceCalls++; } }); } catch {}
  }
  // Every node added to the page after its own parse (the page itself adds none). The parser's last nodes can
  // reach the observer after DOMContentLoaded on a busy machine, so every node present then is the page's own.
  let parsed = false;
  document.addEventListener('DOMContentLoaded', () => {
    parsed = true;
    const walk = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
    while (walk.nextNode()) A.mine.add(walk.currentNode);
  });
  new MutationObserver((list) => {
    if (parsed) for (const m of list) for (const n of m.addedNodes) if (!A.mine.has(n)) A.added.push(n);
  }).observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
})();`;

/** Read attempts, in the page: each returns [name, leaked?]. */
function readAttempts(markers) {
  const A = window.__attack;
  const out = [];
  const leaks = (s) => markers.some((m) => String(s).includes(m));
  const els = [...document.querySelectorAll('*')];
  out.push(['shadowRoot of any element', els.some((e) => e.shadowRoot)]);
  out.push(['prototype-captured shadow roots', A.captured.length > 0]);
  out.push(['listeners registered through the page prototype', A.listeners.length > 0]);
  out.push(['custom element names pre-defined by the page were used', A.ceCalls > 0]);
  out.push(['text through the shadow roots of added nodes', A.added.some((n) => n.shadowRoot && leaks(n.shadowRoot.textContent))]);
  out.push(['text of added nodes', A.added.some((n) => leaks(n.textContent))]);
  out.push(['attributes on added nodes', A.added.some((n) => n.nodeType === 1 && n.attributes.length > 0)]);
  out.push(['data-kr-* or data-krisenradar attributes', els.some((e) => [...e.attributes].some((a) => /^data-kr/i.test(a.name)))]);
  out.push(['dataset on <html>', Object.keys(document.documentElement.dataset).some((k) => /^kr/i.test(k))]);
  out.push(['body.innerText', leaks(document.body.innerText)]);
  out.push(['body.textContent', leaks(document.body.textContent)]);
  out.push(['selection of the whole page', (() => {
    const sel = getSelection();
    sel.selectAllChildren(document.body);
    const t = sel.toString();
    sel.removeAllRanges();
    return leaks(t);
  })()]);
  out.push(['getHTML with serializable shadow roots', (() => {
    const h = document.body.getHTML ? document.body.getHTML({ serializableShadowRoots: true }) : '';
    return leaks(h);
  })()]);
  out.push(['outerHTML', leaks(document.documentElement.outerHTML)]);
  out.push(['events from the extension', A.events.length > 0]);
  out.push(['event paths into the shadow roots', A.paths.length > 0]);
  // Badge sizes would give away the score's digits (1, 2, 3): all of our hosts must measure the same.
  const widths = new Set(A.added.filter((n) => n.nodeType === 1 && n.isConnected && n.getBoundingClientRect().width > 0)
    .map((n) => Math.round(n.getBoundingClientRect().width * 10)));
  out.push(['score from the badge width', widths.size > 1]);
  out.push(['computed style of added nodes', A.added.some((n) => n.nodeType === 1 && n.isConnected
    && leaks(getComputedStyle(n).content))]);
  return out;
}

/** Drive attempts: synthetic events and click() on everything the extension added, and at given points. */
function driveAttempts(points) {
  const A = window.__attack;
  const ours = new Set(A.added.filter((n) => n.nodeType === 1 && n.isConnected));
  const targets = new Set(ours);
  // What is at the screen position of a button (the page's own elements there are not the extension's).
  for (const [x, y] of points) {
    const e = document.elementFromPoint(x, y);
    if (e && ours.has(e)) targets.add(e);
  }
  // With a reachable shadow root, everything inside it too.
  for (const t of [...targets]) if (t.shadowRoot) for (const e of t.shadowRoot.querySelectorAll('*')) targets.add(e);
  let n = 0;
  for (const t of targets) {
    for (const type of ['mouseover', 'mouseenter', 'pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']) {
      t.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true, cancelable: true, view: window }));
      n++;
    }
    t.dispatchEvent(new PointerEvent('click', { bubbles: true, composed: true }));
    t.dispatchEvent(new FocusEvent('focus'));
    t.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    t.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true, composed: true }));
    t.focus && t.focus();
    t.click && t.click();
    n += 6;
  }
  return n;
}

/** Resource probes with the extension's id: fetch, <img>, <script>, <link>. */
async function probeAttempts(id) {
  const files = ['lib/card.js', 'lib/card-content.js', 'lib/card.css', 'manifest.json', '_locales/de/messages.json',
    'icons/icon-16.png', 'pkg/krisenradar_bg.wasm', 'content/main.js', 'panel/panel.html', 'adapters/sites.json'];
  const out = [];
  for (const f of files) {
    const url = `chrome-extension://${id}/${f}`;
    out.push([`fetch ${f}`, await fetch(url).then(() => true, () => false)]);
    out.push([`<img> ${f}`, await new Promise((resolve) => {
      const img = new Image();
      window.__attack.mine.add(img);
      img.onload = () => resolve(true);
      img.onerror = () => resolve(false);
      img.src = url;
      setTimeout(() => resolve(false), 2000);
    })]);
    if (f.endsWith('.js')) {
      out.push([`<script> ${f}`, await new Promise((resolve) => {
        const s = document.createElement('script');
        window.__attack.mine.add(s);
        s.onload = () => resolve(true);
        s.onerror = () => resolve(false);
        s.src = url;
        document.head.append(s);
        setTimeout(() => resolve(false), 2000);
      })]);
    }
    if (f.endsWith('.css')) {
      out.push([`<link> ${f}`, await new Promise((resolve) => {
        const l = document.createElement('link');
        window.__attack.mine.add(l);
        l.rel = 'stylesheet';
        l.onload = () => resolve(true);
        l.onerror = () => resolve(false);
        l.href = url;
        document.head.append(l);
        setTimeout(() => resolve(false), 2000);
      })]);
    }
  }
  return out;
}

let run;
let server;
let b;
let ext;

before(async () => {
  ({ server, b } = run = await start());
  ext = await b.context.newPage();
  await ext.goto(`chrome-extension://${b.extensionId}/options/options.html`);
  await setSettings(ext, { voice: { company: 'Brennerei Holzapfel', address: 'du', signature: '^Marta', channel: CHANNEL } });
});

after(async () => {
  if (run) await run.stop();
});

const center = (r) => [r.x + r.w / 2, r.y + r.h / 2];

test('a page script can neither read nor drive the extension; the user still can', async () => {
  const page = await b.context.newPage();
  await page.addInitScript(ATTACKER);
  await page.goto(`${server.origin}/x.html`);
  const n = (await waitForBadges(page, 5, 20000).catch(async () => (await inspect(page)).badges)).length;
  assert.ok(n >= 3, 'the extension runs on the page');
  let attempts = 0;
  const successes = [];
  const tally = (list, stage) => {
    for (const [name, leaked] of list) {
      attempts += 1;
      if (leaked) successes.push(`${stage}: ${name}`);
    }
  };
  const reads = (stage) => page.evaluate(readAttempts, MARKERS).then((l) => tally(l, stage));

  // 1. Badges drawn: read everything, then try to open cards without the user.
  await reads('badges');
  const st0 = await inspect(page);
  const badgePoints = st0.badges.map((x) => center(x.rect));
  const url0 = page.url();
  attempts += await page.evaluate(driveAttempts, badgePoints);
  await page.waitForTimeout(300);
  assert.equal(page.url(), url0, 'the drive attempts stayed on the page');
  let st = await waitInspect(page, (x) => x); // retried: the content script may answer late on a busy machine
  attempts += 1;
  if (st.card.open) successes.push('synthetic events opened a card');
  tally([['badges dismissed by synthetic events', st.badges.some((x) => x.dismissed)]], 'drive');

  // 2. The user opens a card (a real click): the page tries to read it and to press "not critical".
  const target = await badge(page, 1);
  await clickRect(page, target.rect);
  const card = await waitInspect(page, (s) => s.card.open && s.card.buttons.length && s.card);
  await reads('card open');
  const dismissAt = card.buttons.find((x) => x.name === 'dismiss').rect;
  attempts += await page.evaluate(driveAttempts, [center(dismissAt)]);
  await page.waitForTimeout(300);
  st = await waitInspect(page, (x) => x);
  tally([['"not critical" by synthetic events', st.badges.some((x) => x.dismissed)]], 'drive');

  // 3. The reply assistant: the page focuses its own reply box (that opens the assistant, which only shows),
  //    reads, and tries to press "insert".
  await page.keyboard.press('Escape');
  const box = page.locator('div[data-testid="tweetTextarea_0"]');
  await box.focus();
  const sugg = await waitInspect(page, (s) => s.assist.open && s.assist.suggestions.length && s.assist.suggestions);
  await page.keyboard.type('Sie Idiot, das ist Ihre Schuld!');
  await waitInspect(page, (s) => s.assist.lints.length > 0);
  await reads('assistant open');
  const before = await box.textContent();
  attempts += await page.evaluate(driveAttempts, sugg.map((x) => center(x.insert)));
  await page.waitForTimeout(300);
  tally([['"insert" by synthetic events', (await box.textContent()) !== before]], 'drive');

  // 4. Resource probes with the extension's id.
  tally(await page.evaluate(probeAttempts, b.extensionId), 'probe');
  await reads('end');

  console.log(`# attack attempts: ${attempts}, successes: ${successes.length}`);
  assert.deepEqual(successes, [], `the page succeeded ${successes.length} of ${attempts} times`);
  assert.ok(attempts > 300, `${attempts} attempts`);

  // Real user input still works: a real click on "insert" puts the text in; on "not critical" dismisses.
  const st2 = await inspect(page);
  const pointer = st2.assist.suggestions.find((x) => x.text.includes('KR-7QX'));
  await box.focus();
  await clickRect(page, pointer.insert);
  await page.waitForFunction(() => document.querySelector('div[data-testid="tweetTextarea_0"]').textContent.includes('KR-7QX'));
  // A real click on × closes the assistant (it may cover the badges).
  await clickRect(page, (await inspect(page)).assist.close);
  await waitInspect(page, (s) => !s.assist.open);
  const t2 = await badge(page, 1);
  await clickRect(page, t2.rect);
  const card2 = await waitInspect(page, (s) => s.card.open && s.card.buttons.length && s.card);
  await clickRect(page, card2.buttons.find((x) => x.name === 'dismiss').rect);
  await waitInspect(page, (s) => s.badges[1].dismissed);
  // Clean up the dismissal for other tests in this browser.
  const again = await badge(page, 1);
  await clickRect(page, again.rect);
  const card3 = await waitInspect(page, (s) => s.card.open && s.card.buttons.length && s.card);
  await clickRect(page, card3.buttons.find((x) => x.name === 'dismiss').rect);
  await waitInspect(page, (s) => !s.badges[1].dismissed);
  assert.deepEqual(b.foreign, []);
  assert.deepEqual(b.errors.filter((e) => e.startsWith('worker')), []);
  await page.close();
});
