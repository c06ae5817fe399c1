// The settings page. Everything stays in storage.local; own selectors ask for access to their site only.
import { loadMessages, loadSettings, saveSettings, uiLanguage } from '../settings.js';

const api = globalThis.browser ?? globalThis.chrome;
let t = (key) => key;
const $ = (id) => document.getElementById(id);
const lines = (s) => s.split('\n').map((l) => l.trim()).filter(Boolean);

async function localise() {
  const lang = uiLanguage(await loadSettings(api), api.i18n.getUILanguage && api.i18n.getUILanguage());
  t = await loadMessages(api, lang);
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll('[data-i18n]')) {
    const msg = t(el.dataset.i18n);
    if (msg !== el.dataset.i18n) el.textContent = msg;
  }
}

function parseCustom(text) {
  const out = [];
  for (const line of lines(text)) {
    const [host, item, textSel, author] = line.split('|').map((x) => x.trim());
    if (host && item) out.push({ host: host.toLowerCase(), item, text: textSel || '', author: author || '' });
  }
  return out;
}

async function fill() {
  const s = await loadSettings(api);
  $('enabled').checked = !!s.enabled;
  $('disabledSites').value = (s.disabledSites || []).join('\n');
  $('sensitivity').value = String(s.sensitivity);
  $('sensitivity-out').textContent = Number(s.sensitivity).toFixed(2);
  $('maxPerPage').value = String(s.maxPerPage);
  for (const c of document.querySelectorAll('input[name="languages"]')) c.checked = (s.languages || []).includes(c.value);
  $('uiLang').value = s.uiLang || 'auto';
  $('company').value = s.voice.company || '';
  for (const r of document.querySelectorAll('input[name="address"]')) r.checked = r.value === (s.voice.address || 'sie');
  $('signature').value = s.voice.signature || '';
  $('channel').value = s.voice.channel || '';
  $('watchWords').value = (s.watchWords || []).join('\n');
  $('customSelectors').value = (s.customSelectors || [])
    .map((c) => [c.host, c.item, c.text || '', c.author || ''].join(' | ')).join('\n');
}

async function save(e) {
  e.preventDefault();
  const custom = parseCustom($('customSelectors').value);
  const bad = custom.find((c) => {
    try {
      for (const sel of [c.item, c.text, c.author].filter(Boolean)) document.createDocumentFragment().querySelector(sel);
      return false;
    } catch {
      return true;
    }
  });
  if (bad) {
    $('saved').textContent = t('badSelector', [bad.host]);
    return;
  }
  if (custom.length && api.permissions && api.permissions.request) {
    // Access to the user's own sites only, asked for while the user clicks "save".
    const origins = custom.map((c) => `*://${c.host}/*`);
    try { await api.permissions.request({ origins }); } catch { /* the user can grant it later */ }
  }
  const languages = [...document.querySelectorAll('input[name="languages"]:checked')].map((c) => c.value);
  await saveSettings(api, {
    enabled: $('enabled').checked,
    disabledSites: lines($('disabledSites').value).map((h) => h.toLowerCase()),
    sensitivity: Number($('sensitivity').value),
    maxPerPage: Math.min(100000, Math.max(100, Math.round(Number($('maxPerPage').value) || 5000))),
    languages: languages.length ? languages : ['de', 'en'],
    uiLang: $('uiLang').value,
    voice: {
      company: $('company').value.trim(),
      address: (document.querySelector('input[name="address"]:checked') || {}).value || 'sie',
      signature: $('signature').value.trim(),
      channel: $('channel').value.trim(),
    },
    watchWords: lines($('watchWords').value),
    customSelectors: custom,
  });
  await registerCustom(custom);
  $('saved').textContent = t('saved');
}

/** Own selectors: the content scripts run on those hosts too, once the user granted access. */
async function registerCustom(custom) {
  if (!api.scripting || !api.scripting.registerContentScripts) return;
  try { await api.scripting.unregisterContentScripts({ ids: ['krisenradar-custom'] }); } catch { /* none yet */ }
  if (!custom.length) return;
  try {
    await api.scripting.registerContentScripts([{
      id: 'krisenradar-custom',
      matches: custom.map((c) => `*://${c.host}/*`),
      // the same scripts, in the same order, as on the built-in sites (the card renderer first)
      js: api.runtime.getManifest().content_scripts[0].js,
      runAt: 'document_idle',
      persistAcrossSessions: true,
    }]);
  } catch { /* access not granted: the panel's "scan this page" still works */ }
}

$('sensitivity').addEventListener('input', () => {
  $('sensitivity-out').textContent = Number($('sensitivity').value).toFixed(2);
});
$('form').addEventListener('submit', save);
localise().then(fill);
