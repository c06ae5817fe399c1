// Runs thread analysis off the main thread: a module worker (worker.js) with its own instance of the same
// WebAssembly package. The page stays responsive however long the thread is; results arrive in batches.
//
// If the core traps in the worker (a Rust panic aborts), or the worker dies, the worker is ended and a new one
// started; the running job fails with an AnalysisCrash that the page reports, and the next job runs on the
// fresh worker. Only one job runs at a time: a new one cancels the old.

const BATCH = 500;

/** The analysis crashed; the worker has already been restarted. */
export class AnalysisCrash extends Error {
  constructor(message) {
    super(`krisenradar crashed in the analysis worker and was restarted: ${message}`);
    this.name = 'AnalysisCrash';
  }
}

/** A newer job (or a cleared page) replaced this one. */
export class AnalysisCancelled extends Error {
  constructor() {
    super('analysis replaced by a newer one');
    this.name = 'AnalysisCancelled';
  }
}

/**
 * One comment's analysis as the worker sent it: level, score and signals at hand (sorting, filters, counts),
 * the full analysis parsed from its JSON on first use (when the card is drawn).
 */
export class Analysed {
  constructor(json, level, score, signals) {
    this.json = json;
    this.criticality = { level, score }; // what compareByCriticality reads
    this.signals = signals;
    this.parsed = null;
  }

  /** The full analysis (the core's `analyzeBatch` item). */
  get analysis() {
    if (!this.parsed) this.parsed = JSON.parse(this.json);
    return this.parsed;
  }
}

const listeners = new Set();
let worker = null;
let ready = null;
let restarts = 0;
let nextJob = 1;
let last = null; // figures of the last finished job
let current = null; // {job, resolve, reject, analyses, summary, onProgress, total, done}

function start() {
  worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'krisenradar-analysis' });
  ready = new Promise((resolve, reject) => {
    const first = (event) => {
      if (event.data?.type === 'ready') resolve(event.data);
      else if (event.data?.type === 'failed') reject(new Error(event.data.message));
      else return;
      worker.removeEventListener('message', first);
    };
    worker.addEventListener('message', first);
  });
  ready.catch(() => {});
  const w = worker;
  worker.addEventListener('message', (event) => { if (w === worker) onMessage(event.data || {}); });
  worker.addEventListener('error', (event) => {
    if (w !== worker) return;
    event.preventDefault();
    crash(event.message || 'the worker stopped');
  });
}

function restart() {
  worker?.terminate();
  worker = null;
  restarts += 1;
  start();
}

function crash(message) {
  restart();
  const err = new AnalysisCrash(message);
  for (const l of listeners) {
    try { l(err); } catch { /* a listener must not break recovery */ }
  }
  if (current) finish(err);
}

function finish(err) {
  const job = current;
  current = null;
  if (err) { job.reject(err); return; }
  last = { comments: job.total, ms: job.ms, summaryMs: job.summaryMs, wallMs: performance.now() - job.t0 };
  job.resolve({ analyses: job.analyses, summary: job.summary, ...last });
}

function onMessage(msg) {
  if (!current || msg.job !== current.job) return;
  const job = current;
  switch (msg.type) {
    case 'batch':
      for (let i = 0; i < msg.json.length; i++) {
        job.analyses[msg.start + i] = new Analysed(msg.json[i], msg.level[i], msg.score[i], msg.signals[i]);
      }
      job.done += msg.json.length;
      job.onProgress?.(job.done, job.total);
      if (job.done === job.total) job.onAnalysed?.(job.analyses);
      break;
    case 'summary':
      job.summary = msg.summary;
      break;
    case 'done':
      job.ms = msg.ms;
      job.summaryMs = msg.summaryMs;
      finish(null);
      break;
    case 'error':
      if (msg.crashed) crash(msg.message);
      else finish(new Error(msg.message));
      break;
    default:
  }
}

/** Starts the worker (the page calls it at load, so the first analysis does not wait for it). */
export function warmUp() {
  if (!worker) start();
  return ready;
}

/**
 * Analyses `comments` ([{id, text, author?, parent?}]) in the worker.
 * `onProgress` follows the batches; `onAnalysed` gets every analysis before the thread summary is computed.
 * The analyses are `Analysed` items (level, score, signals; the full analysis on demand).
 * @param {object[]} comments
 * @param {{uiLang?: string, summarize?: boolean, onProgress?: (done: number, total: number) => void,
 *   onAnalysed?: (analyses: object[]) => void}} options
 * @returns {Promise<{analyses: Analysed[], summary: object|null, ms: number, summaryMs: number, wallMs: number}>}
 */
export async function analyzeThread(comments, { uiLang, summarize = true, onProgress, onAnalysed } = {}) {
  cancel();
  if (!worker) start();
  const job = nextJob++;
  const t0 = performance.now();
  const p = new Promise((resolve, reject) => {
    current = { job, resolve, reject, analyses: new Array(comments.length), summary: null, done: 0, total: comments.length, onProgress, onAnalysed, t0 };
  });
  try {
    await ready;
  } catch (e) {
    if (current?.job === job) finish(e);
    return p;
  }
  if (current?.job !== job) return p;
  const plain = comments.map(({ id, text, author, parent }) => {
    const c = { id, text };
    if (author) c.author = author;
    if (parent) c.parent = parent;
    return c;
  });
  worker.postMessage({ type: 'analyze', job, comments: plain, options: { uiLang }, batch: BATCH, summarize });
  return p;
}

/** Stops the running job, if any (its promise rejects with AnalysisCancelled). */
export function cancel() {
  if (!current) return;
  worker?.postMessage({ type: 'cancel', job: current.job });
  finish(new AnalysisCancelled());
}

/** Whether a job is running. */
export function busy() {
  return current !== null;
}

/** Calls the core's crashForTests in the worker; resolves to the AnalysisCrash it caused. */
export async function crashForTests() {
  cancel();
  if (!worker) start();
  await ready;
  const job = nextJob++;
  const p = new Promise((resolve, reject) => {
    current = { job, resolve, reject: resolve, analyses: [], summary: null, done: 0, total: 0, t0: performance.now() };
  });
  worker.postMessage({ type: 'crash', job });
  return p;
}

/** The last finished job: {comments, ms (analysis in the worker), summaryMs, wallMs (request to last result)}. */
export function lastRun() {
  return last;
}

/** How often the worker was restarted after a crash. */
export function restartCount() {
  return restarts;
}

/** Called with every AnalysisCrash. */
export function onCrash(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
