// Benchmark (not a test): the extension on a 5,000-comment page. Reports
//   - time until every comment has its badge (from navigation start, and from the content script's start),
//   - the longest main-thread task while that happens (Long Tasks API),
//   - time from appending one comment to its badge (median and worst of 20).
// Budgets from the issue: ≤ 300 ms, no task > 50 ms, ≤ 50 ms.
// Run: node tests/e2e/bench-extension.mjs [N]   (needs the built extension/pkg and extension/lib)
import { rmSync } from 'node:fs';
import { launch, prepareExtension, serve, toContent, waitForBadges } from './extension-harness.mjs';

const N = Number(process.argv[2] || 5000);

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

function page(n) {
  const parts = ['<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Bench</title>'
    + '<style>shreddit-app, main, shreddit-comment-tree, shreddit-comment { display: block; } shreddit-comment { margin: 8px 0 8px 16px; }</style></head><body>',
    '<shreddit-app><main><shreddit-comment-tree id="comment-tree">'];
  for (let i = 0; i < n; i++) {
    parts.push(`<shreddit-comment author="nutzer_${i}" thingid="t1_${i}" depth="0" permalink="/r/x/comments/1/c/${i}/">`,
      `<div slot="commentMeta"><a href="/user/nutzer_${i}/">nutzer_${i}</a><faceplate-timeago><time datetime="2026-11-12T10:00:00Z">vor 3 T.</time></faceplate-timeago></div>`,
      `<div slot="comment"><p>${TEXTS[i % TEXTS.length]} (#${i})</p></div></shreddit-comment>`);
  }
  parts.push('</shreddit-comment-tree></main></shreddit-app></body></html>');
  return parts.join('');
}

// Runs in the page (main world) before any script: long tasks and the moment the last badge got its level.
const PROBE = `
window.__kr = { longest: 0, longTasks: 0, done: null, started: null };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    window.__kr.longTasks++;
    window.__kr.longest = Math.max(window.__kr.longest, e.duration);
    (window.__kr.tasks ||= []).push([e.startTime, e.duration]);
  }
}).observe({ type: 'longtask', buffered: true });
`;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const extDir = prepareExtension();
const server = await serve();
const b = await launch(extDir, server.origin);
try {
  server.pages.set('/bench.html', page(N));
  // Every comment of the page and the appended ones, not just the default 5,000 a page.
  await b.worker.evaluate(async () => {
    const cur = (await chrome.storage.local.get('settings')).settings || {};
    await chrome.storage.local.set({ settings: { ...cur, maxPerPage: 20000 } });
  });
  // A first page load warms the core (module compile and lexicons) like a browser that has been running.
  const warm = await b.context.newPage();
  server.pages.set('/warm.html', page(20));
  await warm.goto(`${server.origin}/warm.html`);
  await waitForBadges(warm, 20);
  await warm.close();

  const p = await b.context.newPage();
  await p.addInitScript(PROBE);
  await p.goto(`${server.origin}/bench.html`);
  // Badges are in closed shadow roots: the content script reports them (test hook; polled every 50 ms, so
  // "all badged" is up to about 60 ms late). On a page this big off-screen badges wait in the overlay, hidden
  // until they scroll into view; "badged" means analysed and placed.
  await waitForBadges(p, N, 300000);
  const done = await p.evaluate(() => performance.now());
  const first = await p.evaluate((done) => {
    const nav = performance.getEntriesByType('navigation')[0];
    return { done, loaded: nav.loadEventEnd, dcl: nav.domContentLoadedEventEnd,
      longest: window.__kr.longest, longTasks: window.__kr.longTasks, tasks: window.__kr.tasks || [] };
  }, done);

  // Append one comment at a time; time until its badge has a level.
  const latencies = [];
  for (let k = 0; k < 20; k++) {
    const t0 = await p.evaluate((k) => {
      const tree = document.getElementById('comment-tree');
      const c = document.createElement('shreddit-comment');
      c.setAttribute('author', `neu_${k}`);
      c.setAttribute('thingid', `t1_new${k}`);
      const body = document.createElement('div');
      body.setAttribute('slot', 'comment');
      body.textContent = `Neuer Kommentar Nummer ${k}: die Lieferung ist schon wieder zu spät, langsam reicht es.`;
      c.append(body);
      const start = performance.now();
      tree.append(c);
      return start;
    }, k);
    await waitForBadges(p, N + k + 1, 30000);
    const st = await toContent(p, { kind: 'test:inspect' });
    latencies.push(Math.max(...st.badges.map((x) => x.badgedAt || 0)) - t0);
    await p.waitForTimeout(50);
  }
  const after = await p.evaluate(() => ({ longest: window.__kr.longest, longTasks: window.__kr.longTasks,
    tasks: window.__kr.tasks || [] }));
  // Tasks that start after the load event: the page has been parsed, the scanner works (document_idle).
  const ours = after.tasks.filter(([start]) => start >= first.loaded);
  const report = {
    comments: N,
    badgedAfterNavigationMs: Math.round(first.done),
    badgedAfterLoadMs: Math.round(first.done - first.loaded),
    longestTaskMs: Math.round(Math.max(first.longest, after.longest)),
    longTasksOver50ms: after.longTasks,
    longestTaskAfterLoadMs: Math.round(Math.max(0, ...ours.map(([, d]) => d))),
    longTasksAfterLoad: ours.length,
    appendToBadgeMedianMs: Math.round(median(latencies)),
    appendToBadgeWorstMs: Math.round(Math.max(...latencies)),
    foreignRequests: b.foreign.length,
  };
  console.log(JSON.stringify(report, null, 2));
} finally {
  await b.close();
  await server.close();
  rmSync(extDir, { recursive: true, force: true });
}
