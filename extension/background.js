// The extension's background: the only place the WebAssembly core runs (a module service worker on Chromium,
// a background script on Firefox). Content scripts never load the core themselves, because a strict page CSP
// would block wasm compilation there; they send batches here instead.
//
// The core is imported statically and initialised once; the init promise is kept, so a worker that the
// browser stopped and restarted simply initialises again on the first message. Messages are plain objects
// with a `kind`; each kind has one handler in HANDLERS.
import { loadEngine } from './lib/engine.js';
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
    enginePromise = loadEngine().catch((err) => {
      enginePromise = null;
      throw err;
    });
  }
  return enginePromise;
}

// Results by options + text: the same comment on another page (or after a reload) is not analysed twice.
const CACHE_LIMIT = 20000;
const cache = new Map();
function cached(key) {
  const v = cache.get(key);
  if (v !== undefined) { cache.delete(key); cache.set(key, v); }
  return v;
}
function remember(key, value) {
  cache.set(key, value);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value);
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

  /** {items: [{id, text}]} → {results: [{id, ...analysis}]}, in the same order. */
  async analyze(msg) {
    const items = Array.isArray(msg.items) ? msg.items.slice(0, MAX_ITEMS) : [];
    const settings = await loadSettings();
    const options = analysisOptions(settings, msg.uiLang);
    const optKey = JSON.stringify(options);
    const results = new Array(items.length);
    const todo = [];
    items.forEach((item, i) => {
      const text = String(item.text ?? '').slice(0, MAX_TEXT);
      const hit = cached(`${optKey}\u0000${text}`);
      if (hit) results[i] = { ...hit, id: item.id };
      else todo.push({ i, id: String(item.id), text });
    });
    if (todo.length) {
      const e = await engine();
      const out = e.analyzeBatch(todo.map(({ id, text }) => ({ id, text })), options);
      out.forEach((r, k) => {
        const { i, text } = todo[k];
        results[i] = { ...r, id: items[i].id };
        remember(`${optKey}\u0000${text}`, r);
      });
    }
    return { results };
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
    return { catalogue: e.catalogue, has: e.has, version: e.version };
  },

  async settings() {
    return { settings: await loadSettings() };
  },

  /** The reply assistant, when this build of the core has it. */
  async lintReply(msg) {
    const e = await engine();
    if (!e.has.lintReply) return { unsupported: true };
    return { review: e.lintReply(String(msg.draft ?? '').slice(0, MAX_TEXT), msg.context ?? undefined) };
  },

  async suggestReplies(msg) {
    const e = await engine();
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
    const e = await engine();
    if (!e.has.summarizeThread) return { unsupported: true };
    const comments = (Array.isArray(msg.comments) ? msg.comments : []).slice(0, 20000);
    const settings = await loadSettings();
    return { summary: e.summarizeThread(comments, analysisOptions(settings, msg.uiLang)) };
  },
};

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  const handler = msg && typeof msg.kind === 'string' && Object.hasOwn(HANDLERS, msg.kind) ? HANDLERS[msg.kind] : null;
  if (!handler) return false; // messages for other listeners (the panel) are not ours
  Promise.resolve()
    .then(() => handler(msg, sender))
    .then(
      (result) => sendResponse({ ok: true, result }),
      (err) => sendResponse({ ok: false, error: String((err && err.message) || err) }),
    );
  return true;
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
