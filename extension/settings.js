// The user's settings, stored with storage.local (they survive updates: new keys get defaults, old values stay).
// Shared by the background, the panel and the options page.

export const DEFAULT_SETTINGS = Object.freeze({
  /** Master switch. */
  enabled: true,
  /** Hostnames where the user switched the extension off. */
  disabledSites: [],
  /** 0 = only the clearest cases … 1 = flag early. */
  sensitivity: 0.5,
  /** Languages the comments are in: both = detect per comment; one = treat every comment as that language. */
  languages: ['de', 'en'],
  /** Language of the reasons and the interface: "auto" follows the browser. */
  uiLang: 'auto',
  /** Brand voice for the reply assistant. */
  voice: { company: '', address: 'sie', signature: '', channel: '' },
  /** Product names, campaign terms: raise attention. */
  watchWords: [],
  /** Comments analysed per page before the panel offers "analyse more" (on-screen ones always are). */
  maxPerPage: 5000,
  /** The user's own adapters: [{host, item, text, author, replyBox}]. */
  customSelectors: [],
});

export async function loadSettings(api) {
  const stored = await api.storage.local.get('settings');
  const s = { ...DEFAULT_SETTINGS, ...(stored.settings || {}) };
  s.voice = { ...DEFAULT_SETTINGS.voice, ...(s.voice || {}) };
  return s;
}

export async function saveSettings(api, patch) {
  const current = await loadSettings(api);
  const next = { ...current, ...patch };
  await api.storage.local.set({ settings: next });
  return next;
}

/** "de" or "en": the setting, else the browser's language. */
export function uiLanguage(settings, fallback) {
  if (settings.uiLang === 'de' || settings.uiLang === 'en') return settings.uiLang;
  const nav = fallback || (globalThis.navigator && navigator.language) || 'en';
  return String(nav).toLowerCase().startsWith('de') ? 'de' : 'en';
}

/** The options `analyzeBatch` takes, from the settings. */
export function analysisOptions(settings, uiLangHint) {
  const sensitivity = Number.isFinite(Number(settings.sensitivity))
    ? Math.min(1, Math.max(0, Number(settings.sensitivity))) : 0.5;
  const opts = {
    uiLang: uiLanguage(settings, uiLangHint),
    sensitivity,
    watchWords: (settings.watchWords || []).map(String).filter((w) => w.trim()),
  };
  const langs = (settings.languages || []).filter((l) => l === 'de' || l === 'en');
  if (langs.length === 1) opts.lang = langs[0];
  return opts;
}

/** Fills $P1$… placeholders (our messages name them p1, p2, …) with `subs`. */
export function format(messages, key, subs = []) {
  const m = messages && messages[key];
  if (!m) return key;
  return m.message.replace(/\$P(\d)\$/g, (_, n) => String(subs[Number(n) - 1] ?? ''));
}

/**
 * The interface strings in the user's language (the setting, else the browser's), read from the bundled
 * _locales files: the interface follows the language setting, which chrome.i18n alone cannot do.
 */
export async function loadMessages(api, lang) {
  const url = api.runtime.getURL(`_locales/${lang === 'de' ? 'de' : 'en'}/messages.json`);
  const messages = await fetch(url).then((r) => r.json());
  return (key, subs) => format(messages, key, Array.isArray(subs) ? subs : subs === undefined ? [] : [subs]);
}
