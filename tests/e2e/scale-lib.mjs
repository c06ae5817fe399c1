// Shared by the scale test (extension-scale.test.mjs) and the scale benchmark (bench-scale.mjs): generated huge
// pages and honest measurements of what the extension costs on them.
//
// What is measured, and how:
//   - viewport badges: the content script reports (test hook) which items have their top on screen and when
//     the last of them got its badge (performance.now() in the page's time origin); compared with the load
//     event, or with the moment the page scrolled;
//   - long tasks: a PerformanceObserver('longtask') in the page's main world, installed before any script
//     (tasks of the page's own parsing happen before the load event and are reported apart);
//   - our own work: the content script times every slice it runs between two yields (longest, count > 50 ms);
//   - memory: CDP Performance.getMetrics (JSHeapUsedSize: the renderer's V8 heap, which holds the page's and
//     the content script's objects; Nodes) and the proportional set size (PSS, /proc/PID/smaps_rollup) of the
//     renderer process that shows the page, found as the non-extension renderer among the descendants of this
//     browser's main process (Linux only; other platforms report null).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setSettings, toContent, waitForBadges } from './extension-harness.mjs';

const TEXTS = [
  'Seit drei Wochen warte ich auf meine Bestellung und niemand antwortet.',
  'Super Produkt, schnelle Lieferung, gerne wieder!',
  'Wenn das nicht bis Freitag erledigt ist, gehe ich zum Anwalt.',
  'Ordered twice, both arrived broken. I want a refund now.',
  'Was für ein Saftladen, nie wieder.',
  'Danke für die schnelle Hilfe am Telefon.',
  'Is this available in the UK as well?',
  'Ich kündige mein Abo, das ist mir zu teuer geworden.',
  'Your support team is useless and rude.',
  'Habt ihr auch eine Version ohne Zucker?',
];

const HEAD = '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Scale</title>'
  + '<style>shreddit-app, main, shreddit-comment-tree, shreddit-comment { display: block; } '
  + 'shreddit-comment { margin: 8px 0 8px 16px; }</style></head><body><shreddit-app><main><shreddit-comment-tree id="comment-tree">';
const TAIL = '</shreddit-comment-tree></main></shreddit-app></body></html>';

function comment(i, text) {
  return `<shreddit-comment author="nutzer_${i}" thingid="t1_${i}" depth="0" permalink="/r/x/comments/1/c/${i}/">`
    + `<div slot="commentMeta"><a href="/user/nutzer_${i}/">nutzer_${i}</a>`
    + '<faceplate-timeago><time datetime="2026-11-12T10:00:00Z">vor 3 T.</time></faceplate-timeago></div>'
    + `<div slot="comment"><p>${text}</p></div></shreddit-comment>`;
}

/** A Reddit-like page with `n` short comments (each text unique: "(#i)"). */
export function manyComments(n) {
  const parts = [HEAD];
  for (let i = 0; i < n; i++) parts.push(comment(i, `${TEXTS[i % TEXTS.length]} (#${i})`));
  parts.push(TAIL);
  return parts.join('');
}

/**
 * The extension benchmarks' start (bench-extension.mjs, profile-extension.mjs): `/bench.html` with `n` comments,
 * the per-page cap raised so that every one is analysed, and a first small page loaded so that the core is warm
 * (module compiled, lexicons read) like in a browser that has been running. Returns the page's address.
 */
export async function prepareBenchPage({ server, b }, n) {
  server.pages.set('/bench.html', manyComments(n));
  await setSettings(b.worker, { maxPerPage: 20000 });
  const warm = await b.context.newPage();
  server.pages.set('/warm.html', manyComments(20));
  await warm.goto(`${server.origin}/warm.html`);
  await waitForBadges(warm, 20);
  await warm.close();
  return `${server.origin}/bench.html`;
}

/** `n` comments of `len` characters each (sentences repeated, numbered so every text differs). */
export function longComments(n, len) {
  const parts = [HEAD];
  for (let i = 0; i < n; i++) {
    let text = `#${i}: `;
    let k = i;
    while (text.length < len) text += `${TEXTS[k++ % TEXTS.length]} `;
    parts.push(comment(i, text.slice(0, len)));
  }
  parts.push(TAIL);
  return parts.join('');
}

// Runs in the page's main world before any script.
export const PROBE = `
window.__kr = { tasks: [], frames: [] };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__kr.tasks.push([e.startTime, e.duration]);
}).observe({ type: 'longtask', buffered: true });
// Long animation frames (Chromium 123+): unlike long tasks they include the browser's style, layout and paint.
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.__kr.frames.push([e.startTime, e.duration, e.renderStart ? e.startTime + e.duration - e.renderStart : 0,
        e.scripts.map((s) => s.invoker + ':' + Math.round(s.duration)).join(' '), e.blockingDuration || 0]);
    }
  }).observe({ type: 'long-animation-frame', buffered: true });
} catch {}
`;

/** Polls the content script until every item with its top on screen has a badge; returns its report. */
export async function viewportDone(page, { timeout = 60000, since = 0 } = {}) {
  const end = Date.now() + timeout;
  let last = null;
  for (;;) {
    try {
      last = await toContent(page, { kind: 'test:inspect', viewport: true });
      if (last.visible > 0 && last.badged === last.visible) return { ...last, ms: Math.max(0, last.doneAt - since) };
    } catch (err) {
      last = String(err);
    }
    if (Date.now() > end) throw new Error(`viewport not badged in ${timeout} ms: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function navTiming(page) {
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    return { load: nav.loadEventEnd, dcl: nav.domContentLoadedEventEnd, fcp: fcp ? fcp.startTime : null,
      tasks: window.__kr ? window.__kr.tasks : [], frames: window.__kr ? window.__kr.frames : [] };
  });
}

/** Long tasks that started at or after `from` (page time): count and longest. */
export function longTasksAfter(tasks, from) {
  const after = tasks.filter(([start]) => start >= from);
  return { count: after.length, longest: Math.round(Math.max(0, ...after.map(([, d]) => d))) };
}

/** PSS in MB of the renderer processes of this browser that are not the extension's, largest first. */
export function rendererPss(profile) {
  try {
    const ps = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const procs = ps.split('\n').filter(Boolean).map((l) => {
      const m = l.trim().match(/^(\d+)\s+(\d+)\s+(.*)$/);
      return { pid: Number(m[1]), ppid: Number(m[2]), args: m[3] };
    });
    const root = procs.find((p) => p.args.includes(`--user-data-dir=${profile}`) && !p.args.includes('--type='));
    if (!root) return null;
    const mine = new Set([root.pid]);
    for (let grew = true; grew;) {
      grew = false;
      for (const p of procs) if (!mine.has(p.pid) && mine.has(p.ppid)) { mine.add(p.pid); grew = true; }
    }
    const out = [];
    for (const p of procs) {
      if (!mine.has(p.pid) || !p.args.includes('--type=renderer') || p.args.includes('--extension-process')) continue;
      const rollup = readFileSync(`/proc/${p.pid}/smaps_rollup`, 'utf8');
      const kb = Number((rollup.match(/^Pss:\s+(\d+) kB/m) || [])[1] || 0);
      out.push(Math.round(kb / 1024));
    }
    return out.sort((a, b) => b - a);
  } catch {
    return null;
  }
}

/** JS heap and DOM node count of a page (CDP). */
export async function heapMetrics(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
    return { jsHeapMB: Math.round(m.JSHeapUsedSize / 1048576), nodes: m.Nodes };
  } finally {
    await cdp.detach();
  }
}

/**
 * Opens the panel for the page's tab; returns the time until it lists its first rows, how many rows it drew
 * and what it says.
 */
export async function openPanel(b, page) {
  const ext = await b.context.newPage();
  await ext.goto(`chrome-extension://${b.extensionId}/options/options.html`);
  const tabId = await ext.evaluate(async (url) => {
    const tabs = (await chrome.tabs.query({})).filter((x) => x.url === url);
    return tabs.reduce((a, c) => (c.id > a.id ? c : a)).id;
  }, page.url());
  await ext.close();
  const panel = await b.context.newPage();
  const t0 = Date.now();
  await panel.goto(`chrome-extension://${b.extensionId}/panel/panel.html?tab=${tabId}`);
  await panel.waitForFunction(() => document.querySelectorAll('#list > li').length > 0
    || /auf dieser Seite nicht|not running on this page/i.test(document.getElementById('status').textContent), null, { timeout: 30000 });
  const ms = Date.now() - t0;
  const shown = await panel.evaluate(() => ({
    rows: document.querySelectorAll('#list > li').length,
    total: Number(document.getElementById('list').dataset.total || 0),
    status: document.getElementById('status').textContent,
    counts: document.getElementById('counts').textContent,
    more: !document.getElementById('more').hidden,
  }));
  return { panel, ms, ...shown };
}
