// The demo page: paste or load a thread, analyse it with the WebAssembly core, show the cards by criticality,
// the thread gauge, filters, and the reply panel. All judgement comes from the core; this file only draws.
import { loadEngine } from './lib/engine.js';
import { renderCard, compareByCriticality, makeLabels } from './lib/card.js';
import { STRINGS, browserLang } from './i18n.js';
import { SAMPLES, sampleComments } from './samples.js';
import { parseThread } from './parse.js';
import { createReplyPanel } from './reply.js';

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
};

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
  state.comments = comments;
  $('parse-status').textContent = t().parsed(comments.length, 'CSV', 0);
  state.selectedId = null;
  analyze();
}

// A sample as editable CSV (author;text), quoted where needed, so it reads like a spreadsheet export.
function toCsv(comments) {
  const q = (v) => (/[;"\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return ['author;text', ...comments.map((c) => `${q(c.author || '')};${q(c.text)}`)].join('\n');
}

function readInput() {
  const parsed = parseThread($('thread-input').value);
  if (parsed.error) {
    $('parse-status').textContent = t().parseError(parsed.error);
    return;
  }
  state.comments = parsed.comments;
  $('parse-status').textContent = t().parsed(parsed.comments.length, parsed.format.toUpperCase(), parsed.skipped);
  state.selectedId = null;
  analyze();
}

function analyze() {
  if (!state.engine) return;
  try {
    const out = state.engine.analyzeBatch(
      state.comments.map(({ id, text }) => ({ id, text })),
      { uiLang: state.lang },
    );
    state.results = out
      .map((analysis, i) => ({ ...state.comments[i], analysis }))
      .sort((a, b) => compareByCriticality(a.analysis, b.analysis));
    state.summary = null;
    if (state.engine.has.summarizeThread && state.comments.length) {
      try {
        state.summary = state.engine.summarizeThread(state.comments, { uiLang: state.lang });
      } catch (e) {
        showBanner('error', t().crashed, e.message);
      }
    }
  } catch (e) {
    state.results = [];
    showBanner('error', t().crashed, e.message);
  }
  render();
}

function counts(results) {
  const c = { escalate: 0, respond: 0, monitor: 0 };
  for (const r of results) c[r.analysis.criticality.level] += 1;
  return c;
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
  lv.replaceChildren(filterButton(s.filterAll, state.levelFilter.size === 0, () => { state.levelFilter.clear(); render(); }));
  for (const level of LEVELS) {
    lv.append(filterButton(state.label('levels', level, state.lang), state.levelFilter.has(level), () => {
      toggle(state.levelFilter, level);
      render();
    }, { className: `lv-${level}`, count: c[level], data: { level } }));
  }
  const sigCount = new Map();
  for (const r of state.results) for (const sig of r.analysis.signals) sigCount.set(sig, (sigCount.get(sig) || 0) + 1);
  const sv = $('signal-filters');
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
  if (state.levelFilter.size && !state.levelFilter.has(r.analysis.criticality.level)) return false;
  if (state.signalFilter.size && !r.analysis.signals.some((x) => state.signalFilter.has(x))) return false;
  return true;
}

function renderCards() {
  const box = $('comments');
  box.replaceChildren();
  const s = t();
  if (!state.results.length) {
    const p = document.createElement('p');
    p.className = 'empty';
    p.textContent = s.empty;
    box.append(p);
    $('shown').textContent = '';
    return;
  }
  const shown = state.results.filter(visible);
  $('shown').textContent = s.shown(shown.length, state.results.length);
  if (!shown.length) {
    const p = document.createElement('p');
    p.className = 'empty';
    p.textContent = s.noMatch;
    box.append(p);
  }
  for (const r of shown) {
    const card = renderCard(r, { lang: state.lang, label: state.label, onReply: selectForReply });
    if (String(r.id) === String(state.selectedId)) card.classList.add('kr-selected');
    card.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && e.target === card) selectForReply(r);
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        const next = e.key === 'ArrowDown' ? card.nextElementSibling : card.previousElementSibling;
        if (next) { next.focus(); e.preventDefault(); }
      }
    });
    box.append(card);
  }
}

let reply;

function selectForReply(r) {
  state.selectedId = r.id;
  for (const c of document.querySelectorAll('.kr-card')) c.classList.toggle('kr-selected', c.dataset.id === String(r.id));
  reply.select(r);
  // one column: the panel sits below the list, so bring it into view
  if (window.matchMedia('(max-width: 960px)').matches) document.querySelector('.reply-panel').scrollIntoView({ block: 'start' });
}

function render() {
  applyStaticText();
  if (!state.engine) return;
  renderGauge();
  renderFilters();
  renderCards();
  reply.setLang(state.lang);
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
    state.comments = [];
    state.results = [];
    state.summary = null;
    $('parse-status').textContent = '';
    reply.select(null);
    render();
  });
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
