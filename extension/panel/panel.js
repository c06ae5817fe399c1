// The panel (Chromium side panel, Firefox sidebar): the comments of the page in the active tab, most critical
// first, with filters, the thread gauge, click to scroll to a comment, "not critical", and export of the flagged
// comments (CSV and JSON, downloaded locally) for the post-crisis review. Cards come from lib/card.js, the
// renderer the demo page uses; the thread gauge comes from the core's summarizeThread.
import { makeLabels, renderCard } from '../lib/card.js';
import { loadMessages, loadSettings, saveSettings, uiLanguage } from '../settings.js';

const api = globalThis.browser ?? globalThis.chrome;
let t = (key) => key;
const $ = (id) => document.getElementById(id);
const PAGE = 50; // rows per request
const VIRTUAL_FROM = 200; // longer lists keep only the rows on screen in the DOM
const ROW_H = 208; // px per row in the virtual list (rows are 200 px: a two-line preview, chips and actions)
const TIMEOUT_MS = 8000;

const state = {
  tabId: null,
  port: null,
  seq: 0,
  waiting: new Map(), // seq → {resolve, reject, timer}
  info: null,
  total: 0,
  counts: null,
  rows: new Map(), // index in the filtered list → row
  gen: 0, // bumps when the filters or the page's list change: older answers are dropped
  label: (g, k) => k,
  lang: 'en',
  has: {},
  summaryVersion: -1,
  virtual: false,
  expanded: new Set(), // ids of comments whose whole text the user opened
};

function localise() {
  for (const el of document.querySelectorAll('[data-i18n]')) {
    const msg = t(el.dataset.i18n);
    if (msg !== el.dataset.i18n) el.textContent = msg;
  }
  document.documentElement.lang = state.lang;
}

async function send(msg) {
  const r = await api.runtime.sendMessage(msg);
  if (!r || !r.ok) throw new Error((r && r.error) || 'no answer');
  return r.result;
}

async function findTab() {
  const forced = new URLSearchParams(location.search).get('tab');
  if (forced) return Number(forced);
  const [tab] = await api.tabs.query({ active: true, lastFocusedWindow: true });
  return tab ? tab.id : null;
}

function status(text) {
  $('status').textContent = text;
}

class NotRunning extends Error {}
class Busy extends Error {}

/**
 * The connection to the page's content script (runtime.connect): requests carry a sequence number, answers come
 * back in pages, and the content script pushes "updated" when its list changes. A page with 100,000 comments is
 * never one message.
 */
function connect() {
  if (state.port) return state.port;
  const port = api.tabs.connect(state.tabId, { name: 'krisenradar-panel' });
  state.port = port;
  port.onMessage.addListener((msg) => {
    if (msg && msg.kind === 'updated') {
      refreshSoon();
      return;
    }
    const w = msg && state.waiting.get(msg.seq);
    if (!w) return;
    state.waiting.delete(msg.seq);
    clearTimeout(w.timer);
    if (msg.ok) w.resolve(msg.result);
    else w.reject(new Error(msg.error));
  });
  port.onDisconnect.addListener(() => {
    const err = api.runtime.lastError;
    if (state.port === port) state.port = null;
    for (const w of state.waiting.values()) {
      clearTimeout(w.timer);
      w.reject(new NotRunning(err ? err.message : 'disconnected'));
    }
    state.waiting.clear();
  });
  return port;
}

function request(kind, extra = {}) {
  const port = connect();
  const seq = ++state.seq;
  return new Promise((resolve, reject) => {
    // A page whose main thread is busy (100,000 comments loading) answers late: that is "busy", not "absent".
    const timer = setTimeout(() => {
      state.waiting.delete(seq);
      reject(new Busy('timeout'));
    }, TIMEOUT_MS);
    state.waiting.set(seq, { resolve, reject, timer });
    try {
      port.postMessage({ kind, seq, ...extra });
    } catch (err) {
      clearTimeout(timer);
      state.waiting.delete(seq);
      state.port = null;
      reject(new NotRunning(String(err && err.message)));
    }
  });
}

function filters() {
  return {
    levels: [...document.querySelectorAll('input[name="level"]:checked')].map((i) => i.value),
    signal: $('signal').value,
    search: $('search').value.trim().toLowerCase(),
    showDismissed: $('show-dismissed').checked,
  };
}

/** Rows [from, to) of the filtered list, fetched in pages where missing. */
async function ensureRows(from, to) {
  const gen = state.gen;
  for (let i = from; i < to; i += 1) {
    if (state.rows.has(i)) continue;
    const offset = Math.floor(i / PAGE) * PAGE;
    const r = await request('query', { filters: filters(), offset, limit: PAGE });
    if (gen !== state.gen) return false;
    applyQuery(r);
    i = offset + PAGE - 1;
  }
  return true;
}

function applyQuery(r) {
  state.info = r.info;
  state.total = r.total;
  state.counts = r.counts;
  r.rows.forEach((row, k) => state.rows.set(r.offset + k, row));
}

function rowElement(it) {
  const li = document.createElement('li');
  li.dataset.id = it.id;
  if (it.dismissed) li.classList.add('dismissed');
  const card = renderCard(
    { id: it.id, text: it.text, author: it.author || undefined, analysis: it.analysis },
    { lang: state.lang, label: state.label, doc: document },
  );
  card.title = t('scrollTo');
  card.addEventListener('click', () => scrollTo(it.id));
  card.addEventListener('keydown', (e) => {
    if (e.target === card && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      scrollTo(it.id);
    }
  });
  preview(card, it.id);
  const actions = document.createElement('div');
  actions.className = 'row-actions';
  const dismiss = document.createElement('button');
  dismiss.type = 'button';
  dismiss.className = 'dismiss';
  dismiss.textContent = it.dismissed ? t('undismiss') : t('dismiss');
  dismiss.addEventListener('click', async () => {
    await request('dismiss', { id: it.id, dismissed: !it.dismissed });
    await refresh();
  });
  actions.append(dismiss);
  if (it.truncated) {
    const note = document.createElement('span');
    note.className = 'trunc';
    note.textContent = t('truncatedNote', ['5000']);
    actions.append(note);
  }
  li.append(card, actions);
  return li;
}

/**
 * The comment as a preview: two lines of its text, head and chips, the reasons folded; "more" (shown only when
 * there is more: see fitPreviews) opens the whole text and the reasons. Opened rows stay open while the list is
 * redrawn.
 */
function preview(card, id) {
  const text = card.querySelector('.kr-text');
  if (!text) return;
  const open = state.expanded.has(id);
  text.classList.toggle('kr-clamp', !open);
  text.id = `text-${id}`;
  const more = document.createElement('button');
  more.type = 'button';
  more.className = 'kr-more';
  more.setAttribute('aria-controls', text.id);
  const show = (on) => {
    text.classList.toggle('kr-clamp', !on);
    card.classList.toggle('kr-folded', !on);
    card.closest('li')?.classList.toggle('expanded', on);
    more.textContent = on ? t('previewLess') : t('previewMore');
    more.setAttribute('aria-expanded', String(on));
  };
  show(open);
  more.addEventListener('click', (e) => {
    e.stopPropagation(); // not the card's "scroll to the comment"
    const on = !state.expanded.has(id);
    if (on) state.expanded.add(id);
    else state.expanded.delete(id);
    show(on);
  });
  text.after(more);
}

/** Hides "more" where the whole text fits in the two-line preview and there are no reasons to unfold. */
function fitPreviews(list) {
  for (const more of list.querySelectorAll('.kr-more')) {
    const text = more.previousElementSibling;
    if (more.getAttribute('aria-expanded') === 'true') continue;
    more.hidden = text.scrollHeight <= text.clientHeight + 1 && !more.closest('.kr-card').querySelector('.kr-reasons');
  }
}

/** Draws the list: every row for short lists, only the rows on screen (plus a margin) for long ones. */
async function render() {
  const list = $('list');
  const total = state.total;
  state.virtual = total > VIRTUAL_FROM;
  list.classList.toggle('virtual', state.virtual);
  let from = 0;
  let to = total;
  if (state.virtual) {
    list.style.height = `${total * ROW_H}px`;
    const top = list.getBoundingClientRect().top; // negative once scrolled past the list's start
    from = Math.max(0, Math.floor(-top / ROW_H) - 3);
    to = Math.min(total, from + Math.ceil(window.innerHeight / ROW_H) + 6);
  } else list.style.height = '';
  const gen = state.gen;
  if (!(await ensureRows(from, to)) || gen !== state.gen) return;
  const rows = [];
  for (let i = from; i < to; i += 1) {
    const it = state.rows.get(i);
    if (!it) continue;
    const li = rowElement(it);
    if (state.virtual) li.style.top = `${i * ROW_H}px`;
    rows.push(li);
  }
  list.replaceChildren(...rows);
  for (const li of rows) li.classList.toggle('expanded', state.expanded.has(li.dataset.id));
  fitPreviews(list);
  list.dataset.total = String(total);
  header();
}

function header() {
  const info = state.info;
  const c = state.counts || { all: 0, escalate: 0, respond: 0 };
  $('counts').textContent = t('counts', [String(c.all), String(c.escalate), String(c.respond)]);
  const more = $('more');
  if (info && info.more) {
    more.hidden = false;
    more.textContent = t('analyseMore', [String(info.step)]);
    status(t('analysedOf', [String(info.analysed), String(info.total)]));
  } else {
    more.hidden = true;
    if (!state.total) status(c.all ? t('noneMatch') : t('noComments'));
    else status('');
  }
}

async function scrollTo(id) {
  try {
    await request('scrollTo', { id });
  } catch {
    status(t('pageGone'));
  }
}

async function gauge() {
  const g = $('gauge');
  const reasons = $('gauge-reasons');
  const info = state.info;
  if (!info || !state.has.summarizeThread || !state.counts || !state.counts.all) {
    g.hidden = true;
    reasons.replaceChildren();
    return;
  }
  if (info.version === state.summaryVersion) return;
  state.summaryVersion = info.version;
  try {
    const { summary } = await request('summary');
    if (!summary) return;
    g.hidden = false;
    g.dataset.status = summary.status;
    g.setAttribute('aria-valuenow', String(['calm', 'tense', 'crisis'].indexOf(summary.status)));
    g.setAttribute('aria-valuetext', t(summary.status));
    reasons.replaceChildren();
    for (const r of (summary.reasons || []).slice(0, 3)) {
      const li = document.createElement('li');
      li.textContent = r.message;
      reasons.append(li);
    }
  } catch {
    g.hidden = true;
  }
}

function notOnPage() {
  state.info = null;
  state.total = 0;
  state.rows.clear();
  $('page').textContent = '';
  $('counts').textContent = '';
  $('scan-page').hidden = false;
  $('site-toggle').hidden = true;
  $('more').hidden = true;
  $('list').replaceChildren();
  status(t('notOnPage'));
}

async function refresh() {
  if (state.tabId === null) state.tabId = await findTab();
  if (state.tabId === null) {
    status(t('noTab'));
    return;
  }
  state.gen += 1;
  state.rows.clear();
  const gen = state.gen;
  let first;
  try {
    first = await request('query', { filters: filters(), offset: 0, limit: PAGE });
  } catch (err) {
    if (gen !== state.gen) return;
    if (err instanceof Busy) {
      status(t('pageBusy'));
      refreshSoon(1000);
      return;
    }
    notOnPage();
    return;
  }
  if (gen !== state.gen) return;
  applyQuery(first);
  $('scan-page').hidden = true;
  const d = state.info;
  let host = '';
  try { host = new URL(d.url).hostname; } catch { host = ''; }
  state.host = host;
  $('page').textContent = d.site ? `${d.site} · ${host}` : host;
  const settings = await loadSettings(api);
  const off = (settings.disabledSites || []).includes(host) || !settings.enabled;
  const toggle = $('site-toggle');
  toggle.hidden = !host;
  toggle.textContent = off ? t('enableSite', [host]) : t('disableSite', [host]);
  toggle.setAttribute('aria-pressed', String(!off));
  await render();
  gauge();
}

function csvCell(v) {
  const s = v === null || v === undefined ? '' : String(v);
  // Cells that a spreadsheet would run as a formula are quoted with a leading apostrophe.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The flagged comments (not monitor, not dismissed), most critical first, fetched in pages. */
async function flagged() {
  const out = [];
  for (;;) {
    const r = await request('flagged', { offset: out.length });
    out.push(...r.rows);
    if (!r.rows.length || out.length >= r.total) return out;
  }
}

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function stamp() {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

export function toCsv(items, data) {
  const head = ['id', 'site', 'page', 'author', 'time', 'permalink', 'level', 'score', 'channel', 'signals',
    'categories', 'topic', 'lang', 'text', 'reasons'];
  const rows = items.map((it) => {
    const a = it.analysis;
    return [it.id, data.siteName, data.url, it.author, it.time, it.permalink, a.criticality.level,
      a.criticality.score, a.criticality.channel, a.signals.join(';'), a.toxicity.categories.join(';'), a.topic,
      a.lang.code, it.text, a.criticality.reasons.map((r) => r.message).join(' | ')];
  });
  return `${[head, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

async function exportCsv() {
  const items = await flagged();
  download(`krisenradar-${stamp()}.csv`, 'text/csv;charset=utf-8', `\ufeff${toCsv(items, state.info)}`);
  status(t('exported', [String(items.length)]));
}

async function exportJson() {
  const items = await flagged();
  const d = state.info;
  const out = {
    exportedAt: new Date().toISOString(),
    page: { url: d.url, title: d.title, site: d.siteName },
    items: items.map((it) => ({
      id: it.id, author: it.author, time: it.time, permalink: it.permalink, depth: it.depth, text: it.text,
      ...it.analysis,
    })),
  };
  download(`krisenradar-${stamp()}.json`, 'application/json', `${JSON.stringify(out, null, 2)}\n`);
  status(t('exported', [String(items.length)]));
}

async function scanPage() {
  // The user asked for this page: activeTab lets the panel run the content scripts once, on this tab only.
  try {
    // Paths from the extension's root: Firefox resolves relative ones against this page (panel/lib/...).
    await api.scripting.executeScript({
      target: { tabId: state.tabId },
      files: ['/lib/card-content.js', '/content/extract.js', '/content/overlay.js', '/content/reply.js', '/content/main.js'],
    });
    setTimeout(refresh, 400);
  } catch {
    status(t('cannotScan'));
  }
}

async function toggleSite() {
  const settings = await loadSettings(api);
  const set = new Set(settings.disabledSites || []);
  if (set.has(state.host)) set.delete(state.host);
  else set.add(state.host);
  await saveSettings(api, { disabledSites: [...set], enabled: true });
  setTimeout(refresh, 200);
}

let refreshTimer = null;
function refreshSoon(ms = 300) {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(refresh, ms);
}

let scrollFrame = 0;
function onScroll() {
  if (!state.virtual || scrollFrame) return;
  scrollFrame = requestAnimationFrame(() => {
    scrollFrame = 0;
    render();
  });
}

async function analyseMore() {
  try {
    state.info = await request('more');
    header();
  } catch { /* the page went away; refresh says so */ }
  refreshSoon();
}

async function main() {
  const settings = await loadSettings(api);
  state.lang = uiLanguage(settings, api.i18n.getUILanguage && api.i18n.getUILanguage());
  t = await loadMessages(api, state.lang);
  localise();
  try {
    const { catalogue, has } = await send({ kind: 'catalogue' });
    state.label = makeLabels(catalogue);
    state.has = has || {};
    const select = $('signal');
    for (const s of catalogue.signals) {
      const o = document.createElement('option');
      o.value = s.key;
      o.textContent = s[state.lang] || s.en;
      select.append(o);
    }
  } catch {
    status(t('noEngine'));
  }
  for (const el of document.querySelectorAll('.filters input, .filters select')) {
    el.addEventListener('input', () => refreshSoon(80));
    el.addEventListener('change', () => refreshSoon(80));
  }
  window.addEventListener('scroll', onScroll, { passive: true });
  window.addEventListener('resize', onScroll, { passive: true });
  $('more').addEventListener('click', analyseMore);
  $('export-csv').addEventListener('click', exportCsv);
  $('export-json').addEventListener('click', exportJson);
  $('scan-page').addEventListener('click', scanPage);
  $('site-toggle').addEventListener('click', toggleSite);
  if (api.tabs.onActivated) {
    api.tabs.onActivated.addListener(() => {
      if (new URLSearchParams(location.search).get('tab')) return;
      state.tabId = null;
      if (state.port) state.port.disconnect();
      state.port = null;
      refreshSoon();
    });
  }
  await refresh();
}

main();
