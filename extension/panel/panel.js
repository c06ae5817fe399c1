// The panel (Chromium side panel, Firefox sidebar): the comments of the page in the active tab, most critical
// first, with filters, the thread gauge, click to scroll to a comment, "not critical", and export of the flagged
// comments (CSV and JSON, downloaded locally) for the post-crisis review. Cards come from lib/card.js, the
// renderer the demo page uses; the thread gauge comes from the core's summarizeThread.
import { compareByCriticality, makeLabels, renderCard } from '../lib/card.js';
import { loadMessages, loadSettings, saveSettings, uiLanguage } from '../settings.js';

const api = globalThis.browser ?? globalThis.chrome;
let t = (key) => key;
const $ = (id) => document.getElementById(id);
const MAX_CARDS = 400;

const state = {
  tabId: null,
  data: null,
  label: (g, k) => k,
  lang: 'en',
  has: {},
  summaryFor: '',
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

async function toTab(msg) {
  const r = await api.tabs.sendMessage(state.tabId, msg);
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

function filters() {
  const levels = new Set([...document.querySelectorAll('input[name="level"]:checked')].map((i) => i.value));
  return {
    levels,
    signal: $('signal').value,
    search: $('search').value.trim().toLowerCase(),
    showDismissed: $('show-dismissed').checked,
  };
}

function visible(items) {
  const f = filters();
  return items.filter((it) => {
    const a = it.analysis;
    if (!f.levels.has(a.criticality.level)) return false;
    if (it.dismissed && !f.showDismissed) return false;
    if (f.signal && !a.signals.includes(f.signal)) return false;
    if (f.search && !`${it.text}\n${it.author || ''}`.toLowerCase().includes(f.search)) return false;
    return true;
  });
}

function sorted(items) {
  // Stable: equal criticality keeps page order.
  return items.map((it, i) => ({ it, i }))
    .sort((x, y) => compareByCriticality(x.it.analysis, y.it.analysis) || x.i - y.i)
    .map((x) => x.it);
}

function render() {
  const data = state.data;
  const list = $('list');
  list.replaceChildren();
  if (!data) return;
  const items = sorted(visible(data.items));
  const counts = { escalate: 0, respond: 0, monitor: 0 };
  for (const it of data.items) if (!it.dismissed) counts[it.analysis.criticality.level] += 1;
  $('counts').textContent = t('counts', [String(data.items.length), String(counts.escalate), String(counts.respond)]);
  for (const it of items.slice(0, MAX_CARDS)) {
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
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        scrollTo(it.id);
      }
    });
    const actions = document.createElement('div');
    actions.className = 'row-actions';
    const dismiss = document.createElement('button');
    dismiss.type = 'button';
    dismiss.className = 'dismiss';
    dismiss.textContent = it.dismissed ? t('undismiss') : t('dismiss');
    dismiss.addEventListener('click', async () => {
      await toTab({ kind: 'panel:dismiss', id: it.id, dismissed: !it.dismissed });
      await refresh();
    });
    actions.append(dismiss);
    li.append(card, actions);
    list.append(li);
  }
  if (items.length > MAX_CARDS) status(t('showingFirst', [String(MAX_CARDS), String(items.length)]));
  else if (!items.length) status(data.items.length ? t('noneMatch') : t('noComments'));
  else status('');
}

async function scrollTo(id) {
  try {
    await toTab({ kind: 'panel:scrollTo', id });
  } catch {
    status(t('pageGone'));
  }
}

async function gauge() {
  const data = state.data;
  const g = $('gauge');
  const reasons = $('gauge-reasons');
  if (!data || !state.has.summarizeThread || !data.items.length) {
    g.hidden = true;
    reasons.replaceChildren();
    return;
  }
  const comments = data.items.filter((it) => !it.dismissed).map((it) => {
    const ts = Date.parse(it.time || '');
    return { id: it.id, text: it.text, author: it.author || null, timestamp: Number.isFinite(ts) ? ts / 1000 : null };
  });
  const key = JSON.stringify(comments.map((c) => c.id + c.text.length));
  if (key === state.summaryFor) return;
  state.summaryFor = key;
  try {
    const { summary } = await send({ kind: 'summarizeThread', comments, uiLang: state.lang });
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

async function refresh() {
  if (state.tabId === null) state.tabId = await findTab();
  if (state.tabId === null) {
    status(t('noTab'));
    return;
  }
  try {
    state.data = await toTab({ kind: 'panel:list' });
    $('scan-page').hidden = true;
  } catch {
    state.data = null;
    $('page').textContent = '';
    $('counts').textContent = '';
    $('scan-page').hidden = false;
    $('site-toggle').hidden = true;
    status(t('notOnPage'));
    render();
    return;
  }
  const d = state.data;
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
  render();
  gauge();
}

function csvCell(v) {
  const s = v === null || v === undefined ? '' : String(v);
  // Cells that a spreadsheet would run as a formula are quoted with a leading apostrophe.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function flagged() {
  if (!state.data) return [];
  return sorted(state.data.items.filter((it) => !it.dismissed && it.analysis.criticality.level !== 'monitor'));
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

function exportCsv() {
  const items = flagged();
  download(`krisenradar-${stamp()}.csv`, 'text/csv;charset=utf-8', `\ufeff${toCsv(items, state.data)}`);
  status(t('exported', [String(items.length)]));
}

function exportJson() {
  const items = flagged();
  const d = state.data;
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
    await api.scripting.executeScript({
      target: { tabId: state.tabId },
      files: ['lib/card-content.js', 'content/extract.js', 'content/overlay.js', 'content/reply.js', 'content/main.js'],
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
function refreshSoon() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(refresh, 150);
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
    el.addEventListener('input', render);
    el.addEventListener('change', render);
  }
  $('export-csv').addEventListener('click', exportCsv);
  $('export-json').addEventListener('click', exportJson);
  $('scan-page').addEventListener('click', scanPage);
  $('site-toggle').addEventListener('click', toggleSite);
  api.runtime.onMessage.addListener((msg, sender) => {
    if (msg && msg.kind === 'page:updated' && sender.tab && sender.tab.id === state.tabId) refreshSoon();
    return false;
  });
  if (api.tabs.onActivated) {
    api.tabs.onActivated.addListener(() => {
      if (new URLSearchParams(location.search).get('tab')) return;
      state.tabId = null;
      refreshSoon();
    });
  }
  await refresh();
}

main();
