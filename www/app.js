// The demo page: paste or load a thread, analyse it with the WebAssembly core, show the cards by criticality,
// the thread gauge, filters, and the reply panel. All judgement comes from the core; this file only draws.
// The thread is analysed in a worker (analysis.js), the cards are a virtual list (vlist.js): ten thousand
// comments neither freeze the page nor fill the DOM. The reply panel and the column detection use the core on
// the main thread (small, quick calls).
import { loadEngine } from './lib/engine.js';
import { renderCard, compareByCriticality, makeLabels } from './lib/card.js';
import { STRINGS, browserLang } from './i18n.js';
import { SAMPLES, sampleComments } from './samples.js';
import { parseThread } from './parse.js';
import { createReplyPanel } from './reply.js';
import { analyzeThread, cancel as cancelAnalysis, onCrash as onAnalysisCrash, warmUp } from './analysis.js';
import { createVirtualList } from './vlist.js';

const $ = (id) => document.getElementById(id);
const LEVELS = ['escalate', 'respond', 'monitor'];

const state = {
  lang: pickLang(),
  engine: null,
  label: null,
  comments: [], // [{id, text, author}]
  results: [], // [{id, text, author, analysis}] sorted by criticality
  summary: null,
  levelFilter: new Set(),
  signalFilter: new Set(),
  selectedId: null,
  status: null, // what the input was read as: {n, format, skipped, columns} or {error}
  run: null, // the analysis: {done, total} while it runs, {ms, n} once done
};
let list; // the virtual card list
let runs = 0; // analyses started; a result of an older one is dropped

/** A comment with its analysis, as the card renderer and the reply panel take it. */
class Result {
  constructor({ id, text, author, parent }, analysed) {
    this.id = id;
    this.text = text;
    if (author) this.author = author;
    if (parent) this.parent = parent;
    this.analysed = analysed; // level, score, signals; the full analysis parsed when a card needs it
  }

  get analysis() {
    return this.analysed.analysis;
  }
}

function pickLang() {
  try {
    const saved = localStorage.getItem('krisenradar.lang');
    if (saved === 'de' || saved === 'en') return saved;
  } catch { /* storage may be disabled */ }
  return browserLang();
}

const t = () => STRINGS[state.lang];

function showBanner(kind, head, detail) {
  const b = $('banner');
  b.replaceChildren();
  b.className = `banner banner-${kind}`;
  const strong = document.createElement('strong');
  strong.textContent = head;
  b.append(strong, document.createTextNode(` ${detail}`));
  b.hidden = false;
}

function applyStaticText() {
  const s = t();
  document.documentElement.lang = state.lang;
  document.title = s.title;
  for (const node of document.querySelectorAll('[data-i18n]')) {
    const v = s[node.dataset.i18n];
    if (typeof v === 'string') node.textContent = v;
  }
  $('thread-input').placeholder = s.inputPlaceholder;
  for (const b of document.querySelectorAll('.lang button')) {
    b.setAttribute('aria-pressed', String(b.dataset.lang === state.lang));
  }
  const box = $('sample-buttons');
  box.replaceChildren();
  for (const sample of SAMPLES) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'sample';
    b.dataset.sample = sample.key;
    b.textContent = sample.title[state.lang];
    b.addEventListener('click', () => loadSample(sample));
    box.append(b);
  }
  if (state.engine) {
    $('engine-status').textContent = s.engine(state.engine.version, Math.round(state.engine.instantiateMs + state.engine.warmUpMs));
  }
}

function setLang(lang) {
  state.lang = lang;
  try { localStorage.setItem('krisenradar.lang', lang); } catch { /* ignore */ }
  applyStaticText();
  if (state.comments.length) analyze(); else render();
}

function loadSample(sample) {
  const comments = sampleComments(sample);
  $('thread-input').value = toCsv(comments);
  startThread(comments, { n: comments.length, format: 'csv;', skipped: 0 });
}

// A sample as editable CSV (author;text), quoted where needed, so it reads like a spreadsheet export.
function toCsv(comments) {
  const q = (v) => (/[;"\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return ['author;text', ...comments.map((c) => `${q(c.author || '')};${q(c.text)}`)].join('\n');
}

function readInput() {
  if (!state.engine) return;
  const parsed = parseThread($('thread-input').value, { detectColumns: state.engine.detectColumns });
  if (parsed.error || !parsed.comments.length) {
    // nothing of the old thread stays on screen: results, gauge, filters and the reply panel are cleared
    clearThread({ error: parsed.error || { kind: parsed.format === 'empty' ? 'empty' : 'none' }, format: parsed.format });
    return;
  }
  const status = { n: parsed.comments.length, format: parsed.format, skipped: parsed.skipped, columns: parsed.columns };
  // a long paste: the parsing had this task, drawing and handing over to the worker get the next
  const at = runs;
  if (parsed.comments.length > 500) setTimeout(() => { if (runs === at) startThread(parsed.comments, status); });
  else startThread(parsed.comments, status);
}

/** The old thread's results, filters and selection go; `comments` become the thread. */
function resetThread(comments, status) {
  state.comments = comments;
  state.results = [];
  state.summary = null;
  state.levelFilter.clear();
  state.signalFilter.clear();
  state.selectedId = null;
  state.status = status;
  reply?.select(null);
}

/** A new thread: the old one goes, the new one is analysed. */
function startThread(comments, status) {
  resetThread(comments, status);
  analyze();
}

function clearThread(status = null) {
  runs += 1; // whatever still arrives for the old thread is ignored
  cancelAnalysis();
  resetThread([], status);
  state.run = null;
  document.body.dataset.analysis = 'idle';
  render();
}

function statusText() {
  const s = t();
  const st = state.status;
  if (!st) return '';
  if (st.error) {
    const e = st.error;
    if (e.kind === 'json') return s.parseError(e.detail);
    if (e.kind === 'no-text-column') return s.noTextColumn(s.formats[st.format] || st.format, e.columns);
    if (e.kind === 'no-text-field') return s.noTextField(e.columns);
    return s.nothing;
  }
  let text = s.parsed(st.n, s.formats[st.format] || st.format, st.skipped);
  if (st.columns) text += ` · ${s.columnsUsed(st.columns)}`;
  const run = state.run;
  if (run && run.ms !== undefined) text += ` · ${s.analysedIn(run.ms)}`;
  return text;
}

function showProgress() {
  const run = state.run;
  const bar = $('progress');
  const running = Boolean(run && run.ms === undefined && run.total > 500);
  $('comments').setAttribute('aria-busy', String(Boolean(run && run.ms === undefined)));
  $('progress-row').hidden = !running;
  if (!running) return;
  bar.max = run.total;
  bar.value = run.done;
  $('progress-text').textContent = t().analysing(run.done, run.total);
}

async function analyze() {
  if (!state.engine) return;
  const run = ++runs;
  const comments = state.comments;
  const big = comments.length > 500;
  state.run = { done: 0, total: comments.length };
  document.body.dataset.analysis = 'running';
  render();
  const own = () => run === runs;
  const toResults = (analyses) => analyses
    .map((analysed, i) => new Result(comments[i], analysed))
    .sort((a, b) => compareByCriticality(a.analysed, b.analysed));
  let early = false; // the cards were drawn before the summary came
  try {
    const out = await analyzeThread(comments, {
      uiLang: state.lang,
      onProgress: (done, total) => {
        if (!own()) return;
        state.run = { done, total };
        showProgress();
      },
      // a long thread: show the cards as soon as they are analysed, the summary follows
      onAnalysed: big ? (analyses) => {
        if (!own()) return;
        state.results = toResults(analyses);
        state.summary = null;
        early = true;
        setTimeout(() => { if (own()) render(); }); // drawn in a task of its own: no long block
      } : undefined,
    });
    if (!own()) return;
    if (!early) state.results = toResults(out.analyses);
    state.summary = out.summary;
    state.run = { ms: out.wallMs, n: comments.length, workerMs: out.ms, summaryMs: out.summaryMs };
    document.body.dataset.analysis = 'done';
  } catch (e) {
    if (!own() || e.name === 'AnalysisCancelled') return;
    state.results = [];
    state.summary = null;
    state.run = null;
    document.body.dataset.analysis = 'failed';
    if (e.name !== 'AnalysisCrash') showBanner('error', t().crashed, e.message); // a crash is reported by its listener
  }
  render();
}

// Levels and signals counted once per result list (the filters and the gauge read them on every click).
const tally = new WeakMap();
function tallyOf(results) {
  let c = tally.get(results);
  if (!c) {
    c = { escalate: 0, respond: 0, monitor: 0, signals: new Map() };
    for (const r of results) {
      c[r.analysed.criticality.level] += 1;
      for (const sig of r.analysed.signals) c.signals.set(sig, (c.signals.get(sig) || 0) + 1);
    }
    tally.set(results, c);
  }
  return c;
}

function counts(results) {
  return tallyOf(results);
}

// The gauge without the thread summary: a plain reading of the per-comment levels the core assigned.
// crisis: two or more escalations, or one with at least half the thread needing action;
// tense: one escalation, or a quarter of the thread needing a response.
function gaugeFromCounts(c) {
  const total = c.escalate + c.respond + c.monitor;
  if (!total) return null;
  const acting = (c.escalate + c.respond) / total;
  if (c.escalate >= 2 || (c.escalate >= 1 && acting >= 0.5)) return 'crisis';
  if (c.escalate >= 1 || c.respond / total >= 0.25) return 'tense';
  return 'calm';
}

function renderGauge() {
  const s = t();
  const c = counts(state.results);
  const sum = state.summary;
  const fromSummary = Boolean(sum && ['calm', 'tense', 'crisis'].includes(sum.status));
  const g = fromSummary ? sum.status : gaugeFromCounts(c);
  const box = $('gauge');
  box.dataset.state = g || 'none';
  box.dataset.source = fromSummary ? 'summary' : 'counts';
  $('gauge-state').textContent = g ? s.gauge[g] : '–';
  $('gauge-counts').textContent = state.results.length ? s.counts(c.escalate, c.respond, c.monitor) : '';
  $('gauge-basis').textContent = !g ? '' : fromSummary ? s.gaugeBasisSummary : s.gaugeBasis;
  const reasons = $('gauge-reasons');
  reasons.replaceChildren();
  const actions = $('gauge-actions');
  actions.replaceChildren();
  $('gauge-actions-head').hidden = true;
  if (!fromSummary) return;
  for (const r of (sum.reasons || []).filter((x) => x.status === sum.status).slice(0, 3)) {
    const li = document.createElement('li');
    li.textContent = r.message;
    reasons.append(li);
  }
  for (const a of (sum.actions || []).slice(0, 4)) {
    const li = document.createElement('li');
    li.textContent = a.message;
    li.dataset.kind = a.kind;
    actions.append(li);
  }
  $('gauge-actions-head').hidden = actions.childElementCount === 0;
}

function filterButton(text, pressed, onClick, extra = {}) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = `filter${extra.className ? ` ${extra.className}` : ''}`;
  b.setAttribute('aria-pressed', String(pressed));
  b.textContent = text;
  if (extra.count !== undefined) {
    const n = document.createElement('span');
    n.className = 'count';
    n.textContent = String(extra.count);
    b.append(n);
  }
  for (const [k, v] of Object.entries(extra.data || {})) b.dataset[k] = v;
  b.addEventListener('click', onClick);
  return b;
}

function renderFilters() {
  const s = t();
  const c = counts(state.results);
  const lv = $('level-filters');
  const sv = $('signal-filters');
  document.querySelector('.filters').hidden = state.results.length === 0;
  if (!state.results.length) {
    lv.replaceChildren();
    sv.replaceChildren();
    return;
  }
  lv.replaceChildren(filterButton(s.filterAll, state.levelFilter.size === 0, () => { state.levelFilter.clear(); render(); }));
  for (const level of LEVELS) {
    lv.append(filterButton(state.label('levels', level, state.lang), state.levelFilter.has(level), () => {
      toggle(state.levelFilter, level);
      render();
    }, { className: `lv-${level}`, count: c[level], data: { level } }));
  }
  const sigCount = c.signals;
  sv.replaceChildren(filterButton(s.filterAll, state.signalFilter.size === 0, () => { state.signalFilter.clear(); render(); }));
  for (const { key } of state.engine ? state.engine.catalogue.signals : []) {
    if (!sigCount.has(key)) continue;
    sv.append(filterButton(state.label('signals', key, state.lang), state.signalFilter.has(key), () => {
      toggle(state.signalFilter, key);
      render();
    }, { count: sigCount.get(key), data: { signal: key } }));
  }
}

function toggle(set, v) {
  if (set.has(v)) set.delete(v); else set.add(v);
}

function visible(r) {
  if (state.levelFilter.size && !state.levelFilter.has(r.analysed.criticality.level)) return false;
  if (state.signalFilter.size && !r.analysed.signals.some((x) => state.signalFilter.has(x))) return false;
  return true;
}

function renderCard_(r) {
  const card = renderCard(r, { lang: state.lang, label: state.label, onReply: selectForReply });
  if (String(r.id) === String(state.selectedId)) card.classList.add('kr-selected');
  card.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && e.target === card) selectForReply(r);
  });
  return card;
}

let drawnLang = null;

function renderCards() {
  const s = t();
  const empty = $('list-empty');
  const shown = state.results.length ? state.results.filter(visible) : [];
  $('shown').textContent = state.results.length ? s.shown(shown.length, state.results.length) : '';
  empty.hidden = shown.length > 0;
  empty.textContent = state.results.length ? s.noMatch : state.run && state.run.ms === undefined ? '' : s.empty;
  if (drawnLang !== state.lang) {
    drawnLang = state.lang;
    list.reset(); // the cards' labels change: draw them anew
  }
  list.setItems(shown);
}

let reply;

function selectForReply(r) {
  state.selectedId = r.id;
  for (const c of list.drawn()) c.classList.toggle('kr-selected', c.dataset.id === String(r.id));
  reply.select(r);
  // one column: the panel sits below the list, so bring it into view
  if (window.matchMedia('(max-width: 960px)').matches) document.querySelector('.reply-panel').scrollIntoView({ block: 'start' });
}

function render() {
  applyStaticText();
  $('parse-status').textContent = statusText();
  showProgress();
  if (!state.engine) return;
  renderGauge();
  renderFilters();
  renderCards();
  reply?.setLang(state.lang);
}

async function main() {
  applyStaticText();
  for (const b of document.querySelectorAll('.lang button')) b.addEventListener('click', () => setLang(b.dataset.lang));
  $('analyze').addEventListener('click', readInput);
  $('thread-input').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) readInput();
  });
  $('clear').addEventListener('click', () => {
    $('thread-input').value = '';
    clearThread();
  });
  list = createVirtualList($('comments'), { renderItem: renderCard_ });
  onAnalysisCrash((e) => showBanner('error', t().crashed, e.message));
  warmUp().catch(() => { /* reported when an analysis needs the worker */ });
  try {
    state.engine = await loadEngine({ onCrash: (e) => showBanner('error', t().crashed, e.message) });
  } catch (e) {
    showBanner('error', t().engineFailed, String(e && e.message ? e.message : e));
    document.body.dataset.ready = 'failed';
    return;
  }
  state.label = makeLabels(state.engine.catalogue);
  reply = createReplyPanel($('reply'), { engine: state.engine, strings: () => t(), lang: state.lang, label: state.label });
  render();
  document.body.dataset.ready = 'true';
}

main();
