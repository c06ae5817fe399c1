// The extension's background: the only place the WebAssembly core runs (a module service worker on Chromium,
// a background script on Firefox). Content scripts never load the core themselves, because a strict page CSP
// would block wasm compilation there; they send batches here instead.
//
// The core is imported statically and initialised once; the init promise is kept, so a worker that the
// browser stopped and restarted simply initialises again on the first message. Badges need only the analysis:
// the badge package starts at once, the whole core (reply assistant, thread summary) on the first request for
// one of them. Messages are plain objects
// with a `kind`; each kind has one handler in HANDLERS.
import { loadBadgeEngine, loadedPackages } from './lib/engine.js';
import { dismissedStore } from './dismissed.js';
import { DEFAULT_SETTINGS, analysisOptions, loadSettings as readSettings, uiLanguage } from './settings.js';

const api = globalThis.browser ?? globalThis.chrome;

// Settings are read once and kept until they change (every batch needs them).
let settingsPromise = null;
function loadSettings() {
  if (!settingsPromise) settingsPromise = readSettings(api).catch((err) => { settingsPromise = null; throw err; });
  return settingsPromise;
}
api.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && changes.settings) settingsPromise = null;
});

let enginePromise = null;
/** The core, initialised once per worker life; a failed start is retried on the next message. */
function engine() {
  if (!enginePromise) {
    enginePromise = loadBadgeEngine().catch((err) => {
      enginePromise = null;
      throw err;
    });
  }
  return enginePromise;
}

/** The whole core, for the reply assistant and the thread summary (loaded on the first call). */
async function assistant() {
  return (await engine()).assistant();
}

// Results by options + text: the same comment on another page (or after a reload) is not analysed twice.
// What is kept is what a content script keeps (no evidence: a card asks for it with `detail`), bounded in bytes,
// not entries: each entry's size is estimated from its text and reasons; the least recently used go first. Keys
// are a 53-bit hash of options and text plus the length, so a long text is not kept twice.
export const CACHE_BYTES = 32 * 1024 * 1024;
const cache = new Map(); // key → { compact, bytes }
let cacheBytes = 0;
// Time spent answering `analyze` (the benchmark reports where a page's time goes): the whole handler, and the
// core's analyzeBatch inside it.
const timing = { batches: 0, handlerMs: 0, engineMs: 0 };

/** cyrb53: a fast 53-bit string hash (two 32-bit lanes). */
function hash53(str, seed = 0) {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
const cacheKey = (optKey, text) => `${hash53(optKey)}:${hash53(text)}:${text.length}`;

/** Rough bytes a compact analysis holds in the worker's heap (strings count twice: UTF-16). */
function estimateBytes(r, textLength) {
  let n = 600 + textLength * 2;
  for (const re of (r.criticality && r.criticality.reasons) || []) n += 120 + 2 * String(re.message || '').length;
  return n;
}

function cached(key) {
  const v = cache.get(key);
  if (v !== undefined) { cache.delete(key); cache.set(key, v); }
  return v;
}
function remember(key, entry) {
  const old = cache.get(key);
  if (old) { cacheBytes -= old.bytes; cache.delete(key); }
  cache.set(key, entry);
  cacheBytes += entry.bytes;
  while (cacheBytes > CACHE_BYTES && cache.size > 1) {
    const [k, v] = cache.entries().next().value;
    cache.delete(k);
    cacheBytes -= v.bytes;
  }
}

/**
 * What a content script keeps per comment: the core's result without evidence (`analyzeBatch` with
 * `evidence: false` leaves the list empty and counts it) and at most 20 reasons.
 */
const MAX_REASONS = 20;
function compact(r) {
  const { evidence, id, ...rest } = r;
  const crit = rest.criticality;
  return {
    ...rest,
    criticality: crit.reasons.length > MAX_REASONS ? { ...crit, reasons: crit.reasons.slice(0, MAX_REASONS) } : crit,
  };
}

let assets = null;
/** The adapters and the card style sheet, read once from the extension's own files. */
async function loadAssets() {
  if (!assets) {
    const [sites, cardCss] = await Promise.all([
      fetch(api.runtime.getURL('adapters/sites.json')).then((r) => r.json()),
      fetch(api.runtime.getURL('lib/card.css')).then((r) => (r.ok ? r.text() : '')).catch(() => ''),
    ]);
    assets = { sites: sites.sites, cardCss };
  }
  return assets;
}

const messageFiles = new Map();
function loadMessagesFor(lang) {
  if (!messageFiles.has(lang)) {
    messageFiles.set(lang, fetch(api.runtime.getURL(`_locales/${lang}/messages.json`)).then((r) => r.json()));
  }
  return messageFiles.get(lang);
}

const dismissed = dismissedStore(api.storage.local);

const MAX_ITEMS = 1000;
const MAX_TEXT = 20000;
/** Comments longer than this are analysed on their first part (the content script says so on the card). */
export const ANALYSIS_TEXT_CAP = 5000;

async function currentOptions(uiLang) {
  const settings = await loadSettings();
  const options = analysisOptions(settings, uiLang);
  return { options, optKey: JSON.stringify(options) };
}

const HANDLERS = {
  /** Everything a content script needs to start: adapters, card styles, settings, labels. */
  async init(msg) {
    const [a, settings, e] = await Promise.all([loadAssets(), loadSettings(), engine()]);
    const lang = uiLanguage(settings, msg.browserLang);
    return {
      sites: a.sites, cardCss: a.cardCss, settings, lang, messages: await loadMessagesFor(lang),
      catalogue: e.catalogue, has: e.has, version: e.version,
    };
  },

  /** The interface strings for a language (content scripts switch language with the settings). */
  async messages(msg) {
    return { messages: await loadMessagesFor(msg.lang === 'de' ? 'de' : 'en') };
  },

  /**
   * {items: [{id, text}]} → {results: [{id, ...analysis without evidence, evidenceCount}]}, in the same order.
   * Texts are cut at ANALYSIS_TEXT_CAP characters (the content script cuts them first and tells the user).
   */
  async analyze(msg) {
    const started = performance.now();
    const items = Array.isArray(msg.items) ? msg.items.slice(0, MAX_ITEMS) : [];
    const { options, optKey } = await currentOptions(msg.uiLang);
    const results = new Array(items.length);
    const todo = [];
    items.forEach((item, i) => {
      const text = String(item.text ?? '').slice(0, ANALYSIS_TEXT_CAP);
      const key = cacheKey(optKey, text);
      const hit = cached(key);
      if (hit) results[i] = { ...hit.compact, id: item.id };
      else todo.push({ i, id: String(item.id), text, key });
    });
    if (todo.length) {
      const e = await engine();
      const t0 = performance.now();
      const out = e.analyzeBatch(todo.map(({ id, text }) => ({ id, text })), { ...options, evidence: false });
      timing.engineMs += performance.now() - t0;
      out.forEach((r, k) => {
        const { i, text, key } = todo[k];
        const c = compact(r);
        results[i] = { ...c, id: items[i].id };
        remember(key, { compact: c, bytes: estimateBytes(c, text.length) });
      });
    }
    timing.batches += 1;
    timing.handlerMs += performance.now() - started;
    return { results };
  },

  /** {text} → the full analysis with its evidence, for a card that opens (analysed again: one comment). */
  async detail(msg) {
    const text = String(msg.text ?? '').slice(0, ANALYSIS_TEXT_CAP);
    const { options } = await currentOptions(msg.uiLang);
    const e = await engine();
    const [r] = e.analyzeBatch([{ id: 'detail', text }], options);
    const { id, ...analysis } = r;
    return { analysis };
  },

  /** The cache's size and the time spent analysing (the benchmarks report them). */
  async cacheStats() {
    return { entries: cache.size, bytes: cacheBytes, limit: CACHE_BYTES, timing };
  },

  /** The comments marked "not critical" on a page (stored per salted page hash, pruned: dismissed.js). */
  async 'dismissed:get'(msg) {
    return { keys: await dismissed.get(String(msg.page ?? '')) };
  },

  async 'dismissed:set'(msg) {
    return { count: await dismissed.set(String(msg.page ?? ''), msg.keys) };
  },

  async catalogue() {
    const e = await engine();
    return { catalogue: e.catalogue, has: e.has, version: e.version, packages: loadedPackages() };
  },

  async settings() {
    return { settings: await loadSettings() };
  },

  /** The reply assistant, when this build of the core has it. */
  async lintReply(msg) {
    const e = await assistant();
    if (!e.has.lintReply) return { unsupported: true };
    return { review: e.lintReply(String(msg.draft ?? '').slice(0, MAX_TEXT), msg.context ?? undefined) };
  },

  async suggestReplies(msg) {
    const e = await assistant();
    if (!e.has.suggestReplies) return { unsupported: true };
    const settings = await loadSettings();
    const voice = msg.voice ?? settings.voice;
    return {
      suggestions: e.suggestReplies(String(msg.text ?? '').slice(0, MAX_TEXT), voice,
        analysisOptions(settings, msg.uiLang)),
    };
  },

  /** The thread early warning over a page's comments, when this build of the core has it. */
  async summarizeThread(msg) {
    const e = await assistant();
    if (!e.has.summarizeThread) return { unsupported: true };
    const comments = (Array.isArray(msg.comments) ? msg.comments : []).slice(0, 5000)
      .map((c) => ({ ...c, text: String(c.text ?? '').slice(0, 2000) }));
    const settings = await loadSettings();
    return { summary: e.summarizeThread(comments, analysisOptions(settings, msg.uiLang)) };
  },
};

/** Runs `work` and answers through `reply`: `{ok: true, result}`, or `{ok: false, error}` when it failed. */
function settle(work, reply) {
  Promise.resolve()
    .then(work)
    .then(
      (result) => reply({ ok: true, result }),
      (err) => reply({ ok: false, error: String((err && err.message) || err) }),
    );
}

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  const handler = msg && typeof msg.kind === 'string' && Object.hasOwn(HANDLERS, msg.kind) ? HANDLERS[msg.kind] : null;
  if (!handler) return false; // messages for other listeners (the panel) are not ours
  settle(() => handler(msg, sender), sendResponse);
  return true;
});

// Content scripts send their analysis batches over a long-lived connection (a one-off message opens a channel
// each time): requests carry a sequence number, answers echo it. Only `analyze` is served there.
api.runtime.onConnect.addListener((port) => {
  if (port.name !== 'krisenradar-analyze') return;
  port.onMessage.addListener((msg) => {
    settle(() => {
      if (!msg || msg.kind !== 'analyze') throw new Error('krisenradar: only analyze is served on this connection');
      return HANDLERS.analyze(msg, port.sender);
    }, (r) => {
      try { port.postMessage({ ...r, seq: msg && msg.seq }); } catch { /* the page went away */ }
    });
  });
});

// Settings written by an older version keep their values; new keys get their defaults.
api.runtime.onInstalled.addListener(async () => {
  const stored = await api.storage.local.get('settings');
  await api.storage.local.set({ settings: { ...DEFAULT_SETTINGS, ...(stored.settings || {}) } });
});

// The toolbar button opens the panel: the side panel on Chromium, the sidebar on Firefox.
if (api.sidePanel && api.sidePanel.setPanelBehavior) {
  api.sidePanel.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => {});
} else if (api.sidebarAction && api.action) {
  api.action.onClicked.addListener(() => { api.sidebarAction.open(); });
}

// Start the core as soon as the worker starts, so the first batch does not wait for it.
engine().catch(() => {});
