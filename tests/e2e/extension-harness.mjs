// Shared by the extension tests and the benchmark: a copy of the unpacked extension that also runs on the local
// fixture server, a tiny static server on 127.0.0.1 (optionally with a strict Content-Security-Policy), a
// Chromium with the extension loaded, and a guard that records every request leaving the machine.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = path.join(ROOT, 'tests/fixtures/sites');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** The inline script the /csp/ pages carry as the proof that the policy is in force; the policy must block it. */
const PROOF_SCRIPT = 'document.documentElement.dataset.inlineScript = "ran";';
/** Its CSP hash, as a browser names it when it reports the block (the report may not say which tab it came from). */
export const PROOF_SCRIPT_HASH = `sha256-${createHash('sha256').update(PROOF_SCRIPT).digest('base64')}`;
export const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
  + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** The extension as shipped, plus http://127.0.0.1 in its matches (the fixtures are served there). */
export function prepareExtension() {
  const src = path.join(ROOT, 'extension');
  for (const f of ['pkg/krisenradar.js', 'pkg/krisenradar_bg.wasm', 'pkg/krisenradar_badge.js', 'pkg/krisenradar_badge_bg.wasm', 'lib/card.js', 'lib/card-content.js', 'lib/engine.js']) {
    if (!existsSync(path.join(src, f))) {
      throw new Error(`extension/${f} is missing: build the WebAssembly package first (.ci/build-wasm)`);
    }
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'kr-ext-'));
  cpSync(src, dir, { recursive: true });
  const manifestPath = path.join(dir, 'manifest.json');
  const m = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const local = 'http://127.0.0.1/*';
  m.host_permissions.push(local);
  for (const cs of m.content_scripts) cs.matches.push(local);
  for (const w of m.web_accessible_resources || []) w.matches.push(local);
  writeFileSync(manifestPath, JSON.stringify(m, null, 2));
  return dir;
}

/**
 * Serves the fixtures: /NAME.html from tests/fixtures/sites, /csp/NAME.html the same with a strict CSP (and an
 * inline script that such a CSP must block), and generated pages registered with `pages.set(path, html)`.
 */
export async function serve() {
  const pages = new Map();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let p = url.pathname;
    let csp = false;
    if (p.startsWith('/csp/')) {
      csp = true;
      p = p.slice(4);
    }
    let html = pages.get(p);
    if (html === undefined) {
      const name = path.basename(p);
      const file = path.join(FIXTURES, name);
      if (!/^[\w.-]+\.html$/.test(name) || !existsSync(file)) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found');
        return;
      }
      html = readFileSync(file, 'utf8');
    }
    const headers = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
    if (csp) {
      headers['content-security-policy'] = STRICT_CSP;
      // The page's own inline styles go (a strict site ships none), so any style violation would be ours; the
      // inline script stays as the proof that the policy is in force (its violation is expected).
      html = html.replace(/<style>[\s\S]*?<\/style>/gi, '').replace(/ style="[^"]*"/g, '')
        .replace(/<head>/i, `<head><script>${PROOF_SCRIPT}</script>`);
    }
    res.writeHead(200, headers);
    res.end(html);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { origin: `http://127.0.0.1:${port}`, pages, close: () => new Promise((r) => server.close(r)) };
}

/** Chromium with the extension; every request that is not local is aborted and recorded in `foreign`. */
export async function launch(extDir, origin, { withExtension = true } = {}) {
  process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';
  const profile = mkdtempSync(path.join(tmpdir(), 'kr-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    locale: 'de-DE',
    viewport: { width: 1200, height: 900 },
    args: [
      ...(withExtension ? [`--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`] : []),
      '--no-sandbox', '--disable-gpu',
      '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-quic', '--lang=de-DE', ...(process.env.KR_CHROME_ARGS ? process.env.KR_CHROME_ARGS.split(' ') : []),
    ],
  });
  const foreign = [];
  const requests = [];
  const allowed = (u) => u.startsWith(`${origin}/`) || u.startsWith('chrome-extension://') || u.startsWith('data:')
    || u.startsWith('blob:') || u === 'about:blank';
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (allowed(u)) return route.continue();
    foreign.push(u);
    return route.abort();
  });
  context.on('request', (r) => {
    requests.push(r.url());
    if (!allowed(r.url())) foreign.push(r.url());
  });
  let worker = null;
  let extensionId = null;
  if (withExtension) {
    [worker] = context.serviceWorkers();
    if (!worker) worker = await context.waitForEvent('serviceworker', { timeout: 15000 });
    extensionId = new URL(worker.url()).host;
    // The content scripts answer the tests' `test:inspect` message only with this flag in extension storage
    // (which a page cannot write): it is how the tests see inside the closed shadow roots.
    await worker.evaluate(() => chrome.storage.local.set({ testHooks: true }));
  }
  const errors = [];
  if (worker) worker.on('console', (msg) => { if (msg.type() === 'error') errors.push(`worker: ${msg.text()}`); });
  const watch = (page) => {
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      // The strict-CSP fixture's own inline script is blocked on purpose.
      if (page.url().includes('/csp/') && msg.text().startsWith('Executing inline script violates')) return;
      errors.push(`${page.url()}: ${msg.text()}`);
    });
    page.on('pageerror', (err) => errors.push(`${page.url()}: ${err.message}`));
  };
  context.on('page', watch);
  for (const p of context.pages()) watch(p);
  return {
    context, worker, extensionId, foreign, requests, errors, profile,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The extension, the fixture server and a browser for one test file or benchmark. `stop()` ends all three, also
 * after a start that failed half-way. */
export async function start() {
  const run = { extDir: prepareExtension(), server: null, b: null };
  run.stop = async () => {
    if (run.b) await run.b.close();
    if (run.server) await run.server.close();
    rmSync(run.extDir, { recursive: true, force: true });
  };
  try {
    run.server = await serve();
    run.b = await launch(run.extDir, run.server.origin);
  } catch (e) {
    await run.stop();
    throw e;
  }
  return run;
}

/** What `krisenradar scan` finds on a fixture: the reference the extension must match. */
export function scanFixture(file, extra = []) {
  const bin = process.env.KRISENRADAR_BIN
    || [path.join(ROOT, 'target/release/krisenradar'), path.join(ROOT, 'target/debug/krisenradar')].find(existsSync);
  if (!bin) throw new Error('no krisenradar binary: cargo build first (or set KRISENRADAR_BIN)');
  const r = spawnSync(bin, ['scan', '--no-evidence', file, ...extra], { encoding: 'utf8', maxBuffer: 256 << 20 });
  // 4: a page without comments (nothing found)
  if (r.status !== 0 && r.status !== 4) throw new Error(`krisenradar scan ${file}: ${r.stderr}`);
  return r.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

export const LEVEL_RANK = { monitor: 0, respond: 1, escalate: 2 };

/** The comments the content script found on a tab, asked from an extension page (like the panel does). */
export async function pageItems(extPage, tabUrl) {
  return extPage.evaluate(async (url) => {
    const tabs = await chrome.tabs.query({});
    const tab = tabs.find((x) => x.url === url);
    if (!tab) throw new Error(`no tab ${url}`);
    const r = await chrome.tabs.sendMessage(tab.id, { kind: 'panel:list' });
    if (!r || !r.ok) throw new Error(r ? r.error : 'no answer');
    return { tabId: tab.id, ...r.result };
  }, tabUrl);
}

// What the extension draws lives in closed shadow roots: neither a page script nor Playwright's selectors can
// look inside. The tests ask the content script through an extension page instead (`test:inspect`, answered
// only with the test flag in extension storage), and act like a user: the mouse at the screen position of a
// button, the keyboard. Those events are trusted, like a real user's.

const extPages = new WeakMap();
/** An extension page in the page's browser context, to message the content script from. */
export async function extPageFor(context) {
  let p = extPages.get(context);
  if (!p || p.isClosed()) {
    const [worker] = context.serviceWorkers();
    const id = new URL(worker.url()).host;
    p = await context.newPage();
    await p.goto(`chrome-extension://${id}/options/options.html`);
    extPages.set(context, p);
  }
  return p;
}

/** Sends a message to the content script of the tab showing `page` (the newest tab with its address). */
export async function toContent(page, msg) {
  const ext = await extPageFor(page.context());
  return ext.evaluate(async ({ url, msg }) => {
    const tabs = (await chrome.tabs.query({})).filter((x) => x.url === url);
    if (!tabs.length) throw new Error(`no tab ${url}`);
    const tab = tabs.reduce((a, b) => (b.id > a.id ? b : a));
    const r = await chrome.tabs.sendMessage(tab.id, msg);
    if (!r || !r.ok) throw new Error(r ? r.error : 'no answer');
    return r.result;
  }, { url: page.url(), msg });
}

/** Badges (id, level, score, dismissed, screen rect, aria-label), the open card and the reply assistant. */
export function inspect(page) {
  return toContent(page, { kind: 'test:inspect' });
}

/** Polls `inspect` until `fn(state)` is truthy; returns that value. */
export async function waitInspect(page, fn, { timeout = 10000, interval = 50 } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await inspect(page);
      const v = fn(last);
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`condition not met in ${timeout} ms; last state: ${String(JSON.stringify(last)).slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** Waits until the page shows `n` badges that all have a level (analysis done). */
export async function waitForBadges(page, n, timeout = 20000, { countOnly = false } = {}) {
  const end = Date.now() + timeout;
  let last = null;
  for (;;) {
    try {
      last = await toContent(page, { kind: 'test:inspect', summary: true, countOnly });
      if (last.count === n && last.pending === 0) return last.levels;
    } catch (err) {
      last = String(err);
    }
    if (Date.now() > end) throw new Error(`expected ${n} badges; last: ${JSON.stringify(last && last.count !== undefined ? { count: last.count, pending: last.pending } : last)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const center = (r) => [r.x + r.w / 2, r.y + r.h / 2];

/** Scrolls badge `i` (index in page order, or id) into view and returns its state with a fresh rect. */
export async function badge(page, which) {
  const pick = (st) => (typeof which === 'number' ? st.badges[which] : st.badges.find((x) => x.id === which));
  let b = pick(await inspect(page));
  if (!b) throw new Error(`no badge ${which}`);
  const vh = page.viewportSize().height;
  const r = b.rect.w ? b.rect : b.el; // a badge in the overlay of a huge page is positioned once on screen
  if (r.y < 0 || r.y + r.h > vh || !b.rect.w) {
    await page.evaluate((dy) => window.scrollBy(0, dy), r.y - vh / 2);
    b = await waitInspect(page, (st) => {
      const x = pick(st);
      return x && x.rect.w > 0 && x.rect.y >= 0 && x.rect.y + x.rect.h <= vh && x;
    });
  }
  return b;
}

/** A real (trusted) mouse click at the centre of a rect from `inspect`. */
export async function clickRect(page, rect) {
  const [x, y] = center(rect);
  await page.mouse.click(x, y);
}

export async function hoverRect(page, rect) {
  const [x, y] = center(rect);
  await page.mouse.move(x, y);
}

export async function setSettings(extPage, patch) {
  await extPage.evaluate(async (p) => {
    const cur = (await chrome.storage.local.get('settings')).settings || {};
    await chrome.storage.local.set({ settings: { ...cur, ...p } });
  }, patch);
}
