// The analysis worker (a module worker): loads the same WebAssembly package as the page and analyses a thread
// in batches, posting each batch as it is done, then the thread summary. The page's main thread only draws.
//
// Messages in:  {type: 'analyze', job, comments: [{id, text, author?, parent?}], options, batch, summarize}
//               {type: 'cancel', job}   a newer job or a cleared page: stop after the current batch
//               {type: 'crash', job}    calls the core's crashForTests (the page's tests use it)
// Messages out: {type: 'ready', version} | {type: 'failed', message}
//               {type: 'batch', job, start, json, level, score, signals}   (per comment: the analysis as
//                 JSON, its level, score and signals)
//               {type: 'summary', job, summary}
//               {type: 'done', job, ms, summaryMs} | {type: 'error', job, message, crashed}
// After a crash (`crashed: true`, a trap in the module) the page ends this worker and starts a new one.
import init, * as core from './pkg/krisenradar.js';

const ready = init().then(() => {
  core.analyzeBatch([{ id: 'warm-up', text: 'Seit drei Wochen kein Paket. Still no package.' }]);
  self.postMessage({ type: 'ready', version: core.version() });
}, (e) => {
  self.postMessage({ type: 'failed', message: String(e && e.message ? e.message : e) });
  throw e;
});

const cancelled = new Set();
const pause = () => new Promise((resolve) => { setTimeout(resolve, 0); });

function fail(job, e) {
  self.postMessage({
    type: 'error',
    job,
    message: String(e && e.message ? e.message : e),
    crashed: e instanceof WebAssembly.RuntimeError,
  });
}

async function analyze({ job, comments, options, batch = 500, summarize = true }) {
  const t0 = performance.now();
  for (let start = 0; start < comments.length; start += batch) {
    if (cancelled.has(job)) return;
    const slice = comments.slice(start, start + batch).map(({ id, text }) => ({ id, text }));
    let analyses;
    try {
      analyses = core.analyzeBatch(slice, options);
    } catch (e) {
      fail(job, e);
      return;
    }
    // Each analysis as a JSON string plus what sorting and filtering need: the page keeps ten thousand
    // strings instead of ten thousand object trees (less to copy, far less for its garbage collector) and
    // parses an analysis only when its card is drawn.
    self.postMessage({
      type: 'batch',
      job,
      start,
      json: analyses.map((a) => JSON.stringify(a)),
      level: analyses.map((a) => a.criticality.level),
      score: analyses.map((a) => a.criticality.score),
      signals: analyses.map((a) => a.signals),
    });
    await pause(); // lets a cancel message in between two batches
  }
  const analysed = performance.now();
  if (summarize && typeof core.summarizeThread === 'function' && comments.length && !cancelled.has(job)) {
    try {
      self.postMessage({ type: 'summary', job, summary: core.summarizeThread(comments, options) });
    } catch (e) {
      fail(job, e);
      return;
    }
  }
  self.postMessage({ type: 'done', job, ms: analysed - t0, summaryMs: performance.now() - analysed });
}

self.addEventListener('message', async (event) => {
  const msg = event.data || {};
  if (msg.type === 'cancel') { cancelled.add(msg.job); return; }
  try {
    await ready;
  } catch {
    return;
  }
  if (msg.type === 'analyze') {
    await analyze(msg);
    cancelled.delete(msg.job);
  } else if (msg.type === 'crash') {
    try {
      core.crashForTests();
    } catch (e) {
      fail(msg.job, e);
    }
  }
});
