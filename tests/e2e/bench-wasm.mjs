// Benchmark of the WebAssembly package in headless Chromium, through the real package (www/pkg):
//  - size of the .wasm (raw and gzip -9),
//  - cold start: import + instantiate + the first analysis (lexicons parsed on first use), fresh browser context
//    each run, median of RUNS,
//  - throughput: analyzeBatch over the built-in sample comments (German and English), comments/s, median of RUNS,
//    with and without evidence in the results,
//  - badge package: a fresh instance's first 5,000 comments, right after the first analysis and after the
//    engine's tier-up warm-up (lib/engine.js),
//  - lintReply drafts/s and summarizeThread for a 10 000-comment thread, when the package has them.
// Run: .ci/build-wasm && node tests/e2e/bench-wasm.mjs   (prints a Markdown table; JSON in artifacts/bench-wasm-PKG.json)
// PKG=krisenradar_badge measures the badge package (the analysis alone) instead of the whole core.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './www-serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const www = path.resolve(here, '../../www');
const RUNS = Number(process.env.RUNS || 5);
const ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic'];

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

const PKG = process.env.PKG || 'krisenradar';
const wasmPath = path.join(www, `pkg/${PKG}_bg.wasm`);
if (!fs.existsSync(wasmPath)) {
  console.error('www/pkg missing: run .ci/build-wasm first');
  process.exit(2);
}
const wasm = fs.readFileSync(wasmPath);
const glue = fs.readFileSync(path.join(www, `pkg/${PKG}.js`));
const size = {
  wasmBytes: wasm.length,
  wasmGzip: zlib.gzipSync(wasm, { level: 9 }).length,
  jsBytes: glue.length,
  jsGzip: zlib.gzipSync(glue, { level: 9 }).length,
};

const server = await serve(www, { '/__bench.html': '<!doctype html><meta charset="utf-8"><title>bench</title>' });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: ARGS });
const FIRST = 'Seit drei Wochen warte ich auf mein Paket 😡 Ich gehe jetzt zum Anwalt!';

try {
  // CPU time of the page's main thread (CDP Performance.getMetrics ThreadTime, seconds): on a busy machine the
  // wall clock measures the neighbours too, the thread time only our work.
  const threadTime = async (cdp) => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'ThreadTime').value;
  };
  const cold = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(`${server.origin}/__bench.html`);
    const c0 = await threadTime(cdp);
    const instantiate = await page.evaluate(async (pkg) => {
      const t0 = performance.now();
      const m = await import(`/pkg/${pkg}.js`);
      await m.default();
      window.__kr = m;
      return performance.now() - t0;
    }, PKG);
    const c1 = await threadTime(cdp);
    const first = await page.evaluate((text) => {
      const t0 = performance.now();
      window.__kr.analyzeBatch([{ id: '1', text }], { uiLang: 'de' });
      return performance.now() - t0;
    }, FIRST);
    const c2 = await threadTime(cdp);
    cold.push({ instantiate, first, total: instantiate + first, cpuInstantiate: (c1 - c0) * 1000, cpuFirst: (c2 - c1) * 1000, cpuTotal: (c2 - c0) * 1000 });
    await context.close();
  }

  // A fresh instance's first 5,000 comments (what a page meets after the extension's service worker woke up),
  // results without evidence as the extension asks for them: right after the first analysis, and after the
  // engine's tier-up warm-up (lib/engine.js, badge package only). CPU time of the main thread, fresh context
  // each run, alternating.
  const fresh = { plain: [], tieredUp: [] };
  for (let i = 0; i < (PKG === 'krisenradar_badge' ? RUNS : 0); i++) {
    for (const mode of ['plain', 'tieredUp']) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      await page.goto(`${server.origin}/__bench.html`);
      await page.evaluate(async ([pkg, mode]) => {
        const { SAMPLES, sampleComments } = await import('/samples.js');
        const base = SAMPLES.flatMap((s) => sampleComments(s).map((c) => c.text));
        window.__items = Array.from({ length: 5000 }, (_, i) => ({ id: String(i), text: `${base[i % base.length]} (#${i})` }));
        if (mode === 'plain') {
          const m = await import(`/pkg/${pkg}.js`);
          await m.default();
          m.analyzeBatch([{ id: 'w', text: 'Seit drei Wochen kein Paket. Still no package.' }]);
          window.__analyze = (items) => m.analyzeBatch(items, { uiLang: 'de', evidence: false });
        } else {
          const { loadBadgeEngine } = await import('/lib/engine.js');
          const engine = await loadBadgeEngine();
          await engine.tieredUp;
          window.__analyze = (items) => engine.analyzeBatch(items, { uiLang: 'de', evidence: false });
        }
      }, [PKG, mode]);
      const before = await threadTime(cdp);
      await page.evaluate(() => {
        for (let i = 0; i < 5000; i += 100) window.__analyze(window.__items.slice(i, i + 100));
      });
      fresh[mode].push((await threadTime(cdp) - before) * 1000);
      await context.close();
    }
  }

  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(`${server.origin}/__bench.html`);
  await page.evaluate(async (pkg) => {
    const m = await import(`/pkg/${pkg}.js`);
    await m.default();
    m.analyzeBatch([{ id: 'w', text: 'warm' }]);
  }, PKG);
  // CPU-time throughput: one more timed pass, measured by the main thread's CPU time
  // (and the same without evidence in the results: what the extension's badges ask for)
  const cpuRuns = [];
  const cpuRunsLean = [];
  for (let r = 0; r < RUNS; r++) {
    for (const evidence of [true, false]) {
      const before = await threadTime(cdp);
      const n = await page.evaluate(async ([pkg, evidence]) => {
        const m = await import(`/pkg/${pkg}.js`);
        const { SAMPLES, sampleComments } = await import('/samples.js');
        const base = SAMPLES.flatMap((s) => sampleComments(s).map((c) => c.text));
        const items = Array.from({ length: 20000 }, (_, i) => ({ id: String(i), text: base[i % base.length] }));
        for (let i = 0; i < items.length; i += 1000) m.analyzeBatch(items.slice(i, i + 1000), { uiLang: 'en', evidence });
        return items.length;
      }, [PKG, evidence]);
      (evidence ? cpuRuns : cpuRunsLean).push(n / (await threadTime(cdp) - before));
    }
  }
  const hot = await page.evaluate(async ([runs, pkg]) => {
    const m = await import(`/pkg/${pkg}.js`);
    await m.default();
    const { SAMPLES, sampleComments } = await import('/samples.js');
    const base = SAMPLES.flatMap((s) => sampleComments(s).map((c) => c.text));
    const N = 20000;
    const items = Array.from({ length: N }, (_, i) => ({ id: String(i), text: base[i % base.length] }));
    const bytes = items.reduce((n, c) => n + new TextEncoder().encode(c.text).length, 0);
    const BATCH = 1000;
    const pass = () => {
      const t0 = performance.now();
      for (let i = 0; i < N; i += BATCH) m.analyzeBatch(items.slice(i, i + BATCH), { uiLang: 'en' });
      return performance.now() - t0;
    };
    pass(); // warm-up (lexicons, tier-up)
    const analyze = [];
    for (let r = 0; r < runs; r++) analyze.push(N / (pass() / 1000));
    const out = { comments: N, distinct: base.length, avgBytes: bytes / N, analyze };
    if (typeof m.lintReply === 'function') {
      const drafts = [
        'Das tut uns leid! Bitte schreiben Sie uns eine Direktnachricht, dann kümmern wir uns heute darum.',
        'It is not our fault!!! You should have read the manual.',
        'Danke für Ihre Geduld – wir prüfen das sofort und melden uns bis morgen.',
      ];
      const t0 = performance.now();
      let n = 0;
      while (performance.now() - t0 < 1500) { m.lintReply(drafts[n % 3], { comment: base[n % base.length] }); n++; }
      out.lintPerSec = n / ((performance.now() - t0) / 1000);
    }
    if (typeof m.summarizeThread === 'function') {
      const thread = Array.from({ length: 10000 }, (_, i) => ({
        id: String(i), text: base[i % base.length], author: `u${i % 700}`, timestamp: 1790000000 + i * 7,
      }));
      const t0 = performance.now();
      m.summarizeThread(thread, { uiLang: 'de' });
      out.summarize10kMs = performance.now() - t0;
    }
    return out;
  }, [RUNS, PKG]);
  await context.close();

  const result = {
    date: new Date().toISOString(),
    chromium: browser.version(),
    size,
    loadAverage: fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
    coldStartMs: {
      instantiate: median(cold.map((c) => c.instantiate)),
      firstAnalysis: median(cold.map((c) => c.first)),
      total: median(cold.map((c) => c.total)),
      cpuInstantiate: median(cold.map((c) => c.cpuInstantiate)),
      cpuFirstAnalysis: median(cold.map((c) => c.cpuFirst)),
      cpuTotal: median(cold.map((c) => c.cpuTotal)),
      runs: cold,
    },
    throughput: {
      commentsPerSec: median(hot.analyze),
      commentsPerCpuSec: median(cpuRuns),
      commentsPerCpuSecWithoutEvidence: median(cpuRunsLean),
      freshInstanceFirst5000CpuMs: fresh.plain.length
        ? { plain: median(fresh.plain), tieredUp: median(fresh.tieredUp), runs: fresh } : undefined,
      runs: hot.analyze,
      comments: hot.comments,
      distinctTexts: hot.distinct,
      avgBytes: hot.avgBytes,
      lintReplyPerSec: hot.lintPerSec,
      summarizeThread10kMs: hot.summarize10kMs,
    },
  };
  fs.mkdirSync(path.join(here, 'artifacts'), { recursive: true });
  fs.writeFileSync(path.join(here, `artifacts/bench-wasm-${PKG}.json`), JSON.stringify(result, null, 2));
  const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
  const ms = (n) => `${n.toFixed(1)} ms`;
  console.log(`| measure (Chromium ${result.chromium}, median of ${RUNS}, load average ${result.loadAverage}) | value |`);
  console.log('|---|---|');
  console.log(`| ${PKG}_bg.wasm | ${kb(size.wasmBytes)} raw, ${kb(size.wasmGzip)} gzip |`);
  console.log(`| ${PKG}.js (glue) | ${kb(size.jsBytes)} raw, ${kb(size.jsGzip)} gzip |`);
  const c = result.coldStartMs;
  console.log(`| import + instantiate | ${ms(c.instantiate)} wall, ${ms(c.cpuInstantiate)} CPU |`);
  console.log(`| first analysis (parses the lexicons) | ${ms(c.firstAnalysis)} wall, ${ms(c.cpuFirstAnalysis)} CPU |`);
  console.log(`| instantiate + first analysis | ${ms(c.total)} wall, ${ms(c.cpuTotal)} CPU |`);
  console.log(`| analyzeBatch throughput | ${Math.round(result.throughput.commentsPerSec).toLocaleString('en')} comments/s wall, ${Math.round(result.throughput.commentsPerCpuSec).toLocaleString('en')} per CPU-second (${hot.comments} comments, ${hot.distinct} distinct, ${hot.avgBytes.toFixed(0)} bytes avg) |`);
  console.log(`| analyzeBatch without evidence (\`evidence: false\`) | ${Math.round(result.throughput.commentsPerCpuSecWithoutEvidence).toLocaleString('en')} per CPU-second |`);
  const f = result.throughput.freshInstanceFirst5000CpuMs;
  if (f) console.log(`| a fresh instance's first 5,000 comments, without evidence: right after the first analysis / after the tier-up warm-up | ${ms(f.plain)} / ${ms(f.tieredUp)} CPU |`);
  if (hot.lintPerSec) console.log(`| lintReply | ${Math.round(hot.lintPerSec).toLocaleString('en')} drafts/s |`);
  if (hot.summarize10kMs) console.log(`| summarizeThread, 10 000 comments | ${ms(hot.summarize10kMs)} |`);
} finally {
  await browser.close();
  await server.close();
}
