// The comments the user marked "not critical", per page, in storage.local under `dismissed`:
//   { version: 2, salt: "<random hex, per install>", pages: { "<page hash>": { t: <ms, last change>, k: ["<text key>", …] } } }
// Pages are stored as a salted SHA-256 of origin + path, never as readable addresses, so the list does not read
// as a history of the pages someone moderated; the comments are text hashes already (content/main.js). The
// list is bounded: pages untouched for 90 days go, then the oldest beyond 500 pages, and at most 2,000 comments
// are kept per page (the newest). Only the background reads and writes it.
// Pure functions (prune, migrate) are tested under node: tests/e2e/dismissed.test.mjs.

export const MAX_AGE_MS = 90 * 24 * 60 * 60 * 1000;
export const MAX_PAGES = 500;
export const MAX_KEYS_PER_PAGE = 2000;

const isStore = (v) => v && typeof v === 'object' && v.version === 2 && typeof v.salt === 'string'
  && v.pages && typeof v.pages === 'object';

function randomSalt() {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}

/** Salted SHA-256 of a page key (origin + path), hex, the first 32 digits. */
export async function pageHash(salt, page) {
  const data = new TextEncoder().encode(`${salt}\n${page}`);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  return [...digest.slice(0, 16)].map((x) => x.toString(16).padStart(2, '0')).join('');
}

/**
 * Drops pages older than `maxAgeMs` (by their last change), then the oldest beyond `maxPages`, keeps at most
 * `maxKeys` comments per page (the last ones added) and removes empty or malformed entries. Returns a new store.
 */
export function prune(store, now, { maxAgeMs = MAX_AGE_MS, maxPages = MAX_PAGES, maxKeys = MAX_KEYS_PER_PAGE } = {}) {
  const entries = [];
  for (const [hash, e] of Object.entries(store.pages || {})) {
    if (!e || !Array.isArray(e.k) || !Number.isFinite(e.t)) continue;
    const keys = e.k.filter((x) => typeof x === 'string');
    if (!keys.length || now - e.t > maxAgeMs) continue;
    entries.push([hash, { t: e.t, k: keys.length > maxKeys ? keys.slice(keys.length - maxKeys) : keys }]);
  }
  entries.sort((a, b) => b[1].t - a[1].t);
  return { version: 2, salt: store.salt, pages: Object.fromEntries(entries.slice(0, maxPages)) };
}

/**
 * The stored value in the current form: an empty store with a fresh salt when there is none; the first version
 * ({ "<readable address>": [keys] }) is converted (addresses hashed, dated now) so no dismissal is lost.
 */
export async function migrate(stored, now) {
  if (isStore(stored)) return stored;
  const store = { version: 2, salt: randomSalt(), pages: {} };
  if (stored && typeof stored === 'object') {
    for (const [page, keys] of Object.entries(stored)) {
      if (!Array.isArray(keys) || !keys.length) continue;
      store.pages[await pageHash(store.salt, page)] = { t: now, k: keys.filter((x) => typeof x === 'string') };
    }
  }
  return store;
}

/** Reads and writes the list through one queue, so two tabs dismissing at once do not lose an entry. */
export function dismissedStore(storage, now = () => Date.now()) {
  let queue = Promise.resolve();
  const run = (fn) => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => {});
    return next;
  };
  async function load() {
    const { dismissed } = await storage.get('dismissed');
    const store = await migrate(dismissed, now());
    if (store !== dismissed) await storage.set({ dismissed: store });
    return store;
  }
  return {
    /** The text keys dismissed on a page (origin + path). */
    get: (page) => run(async () => {
      const store = await load();
      const e = store.pages[await pageHash(store.salt, String(page))];
      return e ? e.k : [];
    }),
    /** Replaces a page's dismissed keys (an empty list forgets the page), then prunes the whole list. */
    set: (page, keys) => run(async () => {
      const store = await load();
      const hash = await pageHash(store.salt, String(page));
      const list = (Array.isArray(keys) ? keys : []).filter((x) => typeof x === 'string');
      if (list.length) store.pages[hash] = { t: now(), k: list };
      else delete store.pages[hash];
      await storage.set({ dismissed: prune(store, now()) });
      return list.length;
    }),
  };
}
