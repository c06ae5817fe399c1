// Benchmark (not a test): the extension on huge pages. Prints a table:
//   - 100,000 short comments: badges on screen after the load event and after scrolling to the middle, long
//     tasks after the load event, the content script's longest slice, renderer memory (PSS) and JS heap with
//     and without the extension, the panel opening and listing its first rows, the background cache;
//   - 3,500 comments of 20,000 characters: the same, plus the card's "analysed the first 5,000 characters";
// scale-lib.mjs says exactly what is measured. Run: node tests/e2e/bench-scale.mjs [N] [LONG_N] [LONG_LEN]
import { rmSync } from 'node:fs';
import { badge, hoverRect, launch, prepareExtension, serve, toContent, waitInspect } from './extension-harness.mjs';
import {
  PROBE, heapMetrics, longComments, longTasksAfter, manyComments, navTiming, openPanel, rendererPss, viewportDone,
} from './scale-lib.mjs';

const N = Number(process.argv[2] || 100000);
const LONG_N = Number(process.argv[3] || 3500);
const LONG_LEN = Number(process.argv[4] || 20000);

const extDir = prepareExtension();
const server = await serve();
const rows = [];
const row = (what, value) => { rows.push([what, value]); console.error(`${what}: ${value}`); };

async function baseline(path) {
  // The same page in the same Chromium without the extension: what the page itself costs.
  const plain = await launch(extDir, server.origin, { withExtension: false });
  try {
    const p = await plain.context.newPage();
    await p.addInitScript(PROBE);
    await p.goto(`${server.origin}${path}`, { timeout: 300000 });
    await p.waitForTimeout(3000);
    const pss = (rendererPss(plain.profile) || [null])[0];
    const heap = await heapMetrics(p);
    // The same jump to the middle: the frames it costs the page itself.
    const nav = await navTiming(p);
    await p.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
    await p.waitForTimeout(2000);
    const fr = (await navTiming(p)).frames.filter(([st]) => st >= nav.load);
    return { pss, ...heap, frames: `${fr.length}, longest ${Math.round(Math.max(0, ...fr.map((f) => f[1])))} ms, longest blocking ${Math.round(Math.max(0, ...fr.map((f) => f[4])))} ms` };
  } finally {
    await plain.close();
  }
}

async function scenario(b, path, label) {
  const page = await b.context.newPage();
  await page.addInitScript(PROBE);
  const t0 = Date.now();
  await page.goto(`${server.origin}${path}`, { timeout: 300000 });
  const first = await viewportDone(page, { timeout: 120000 });
  const nav = await navTiming(page);
  row(`${label}: page load event (after navigation start)`, `${Math.round(nav.load)} ms`);
  row(`${label}: on-screen comments badged, after the load event`, `${Math.round(first.doneAt - nav.load)} ms (${first.visible} comments)`);
  console.error('   milestones after load:', JSON.stringify(Object.fromEntries(Object.entries(first.stats.marks).map(([k, v]) => [k, Math.round(v - nav.load)]))));
  // Let idle time work for a while, then scroll to the middle.
  await page.waitForTimeout(5000);
  const scrolledAt = await page.evaluate(() => {
    window.scrollTo(0, document.documentElement.scrollHeight / 2);
    return performance.now();
  });
  const mid = await viewportDone(page, { timeout: 60000, since: scrolledAt });
  row(`${label}: after scrolling to the middle, on screen badged in`, `${Math.round(mid.ms)} ms (${mid.visible} comments)`);
  await page.waitForTimeout(10000); // idle time reaches the cap
  const end = await toContent(page, { kind: 'test:inspect', viewport: true });
  const after = await navTiming(page);
  const lt = longTasksAfter(after.tasks, nav.load);
  const before = longTasksAfter(after.tasks.filter(([s]) => s < nav.load), 0);
  row(`${label}: long tasks before the load event (the page's own parsing)`, `${before.count}, longest ${before.longest} ms`);
  row(`${label}: long tasks after the load event`, `${lt.count}, longest ${lt.longest} ms`);
  const fr = after.frames.filter(([st]) => st >= nav.load);
  console.error('   frames after load (start after load, ms, render ms, scripts):', JSON.stringify(fr.map((f) => [Math.round(f[0] - nav.load), Math.round(f[1]), Math.round(f[2]), f[3].slice(0, 60)])), 'scrolled at', Math.round(scrolledAt - nav.load));
  const frBefore = after.frames.filter(([st]) => st < nav.load);
  const longest = (list, i) => Math.round(Math.max(0, ...list.map((f) => f[i])));
  row(`${label}: long animation frames (rendering included) before / after the load event: count, longest, longest blocking`,
    `${frBefore.length}, ${longest(frBefore, 1)} ms, ${longest(frBefore, 4)} ms / ${fr.length}, ${longest(fr, 1)} ms, ${longest(fr, 4)} ms`);
  row(`${label}: content script, longest slice / slices over 50 ms / total work`,
    `${end.stats.longestSliceMs} ms (${end.stats.longestSlice}) / ${end.stats.slicesOver50ms} / ${Math.round(end.stats.workMs)} ms; item query ${end.stats.queryMs} ms, viewport search ≤ ${end.stats.windowMs} ms`);
  row(`${label}: analysed (cap) of found`, `${end.info.analysed} (${end.info.budget}) of ${end.info.total}`);
  const heap = await heapMetrics(page);
  row(`${label}: renderer PSS / JS heap / DOM nodes, with the extension`, `${(rendererPss(b.profile) || [null])[0]} MB / ${heap.jsHeapMB} MB / ${heap.nodes}`);
  const p = await openPanel(b, page);
  row(`${label}: panel lists its first rows`, `${p.ms} ms, ${p.rows} rows in the DOM of ${p.total}; "${p.status}"`);
  await p.panel.close();
  const cache = await b.worker.evaluate(async () => {
    const r = await chrome.runtime.sendMessage({ kind: 'cacheStats' });
    return r && r.result;
  }).catch(() => null);
  if (cache) row(`${label}: background cache`, `${cache.entries} entries, ${(cache.bytes / 1048576).toFixed(1)} MB of ${cache.limit / 1048576} MB`);
  console.error(`   ${Date.now() - t0} ms for the scenario`);
  return page;
}

try {
  server.pages.set('/many.html', manyComments(N));
  server.pages.set('/long.html', longComments(LONG_N, LONG_LEN));
  const base = await baseline('/many.html');
  row(`${N} comments: renderer PSS / JS heap / DOM nodes, without the extension`, `${base.pss} MB / ${base.jsHeapMB} MB / ${base.nodes}`);
  row(`${N} comments: without the extension, long animation frames after the load event (same jump to the middle)`, base.frames);
  const b = await launch(extDir, server.origin);
  try {
    // Warm the core once (a browser that has been running).
    const warm = await b.context.newPage();
    server.pages.set('/warm.html', manyComments(20));
    await warm.goto(`${server.origin}/warm.html`);
    await viewportDone(warm);
    await warm.close();
    const many = await scenario(b, '/many.html', `${N} comments`);
    await many.close();
    const long = await scenario(b, '/long.html', `${LONG_N} × ${LONG_LEN} chars`);
    await long.evaluate(() => window.scrollTo(0, 0));
    const first = await badge(long, 0);
    await hoverRect(long, first.rect);
    const card = await waitInspect(long, (st) => st.card.open && st.card.note && st.card, { timeout: 15000 });
    row(`${LONG_N} × ${LONG_LEN} chars: the card says`, `"${card.note}" (${card.marks} evidence marks)`);
    row('requests that left the machine', String(b.foreign.length));
    row('errors logged', b.errors.length ? b.errors.join(' | ').slice(0, 300) : '0');
  } finally {
    await b.close();
  }
  const longBase = await baseline('/long.html');
  row(`${LONG_N} × ${LONG_LEN} chars: renderer PSS / JS heap / DOM nodes, without the extension`, `${longBase.pss} MB / ${longBase.jsHeapMB} MB / ${longBase.nodes}`);
  console.log('\n| measure | value |\n|---|---|');
  for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
} finally {
  await server.close();
  rmSync(extDir, { recursive: true, force: true });
}
