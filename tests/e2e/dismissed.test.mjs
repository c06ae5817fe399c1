// The "not critical" list (extension/dismissed.js) under node: pages are stored as salted hashes, never as
// addresses; the list is pruned by age (90 days) and count (500 pages, 2,000 comments a page); the first
// storage format is converted without losing entries; concurrent writes do not lose one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  MAX_AGE_MS, MAX_KEYS_PER_PAGE, MAX_PAGES, dismissedStore, migrate, pageHash, prune,
} from '../../extension/dismissed.js';

const DAY = 24 * 60 * 60 * 1000;

/** storage.local stand-in: a plain object, values copied like the real API does. */
function memoryStorage(initial = {}) {
  const data = structuredClone(initial);
  return {
    data,
    async get(key) { return key in data ? { [key]: structuredClone(data[key]) } : {}; },
    async set(obj) { for (const [k, v] of Object.entries(obj)) data[k] = structuredClone(v); },
  };
}

test('pages are stored as salted hashes; the address appears nowhere in storage', async () => {
  const storage = memoryStorage();
  const store = dismissedStore(storage, () => 1000 * DAY);
  await store.set('https://www.reddit.com/r/geheim/comments/abc/', ['k1:10', 'k2:20']);
  const raw = JSON.stringify(storage.data);
  assert.ok(!raw.includes('reddit'), raw);
  assert.ok(!raw.includes('geheim'), raw);
  assert.deepEqual(await store.get('https://www.reddit.com/r/geheim/comments/abc/'), ['k1:10', 'k2:20']);
  assert.deepEqual(await store.get('https://www.reddit.com/r/other/'), []);
  // The salt differs per install: the same page hashes differently elsewhere.
  const other = memoryStorage();
  await dismissedStore(other, () => 1000 * DAY).set('https://www.reddit.com/r/geheim/comments/abc/', ['k1:10']);
  assert.notDeepEqual(Object.keys(other.data.dismissed.pages), Object.keys(storage.data.dismissed.pages));
  // An empty list forgets the page.
  await store.set('https://www.reddit.com/r/geheim/comments/abc/', []);
  assert.deepEqual(storage.data.dismissed.pages, {});
});

test('prune drops pages older than 90 days, then the oldest beyond 500, and caps the comments per page', () => {
  const now = 1000 * DAY;
  const pages = {};
  for (let i = 0; i < 800; i++) pages[`p${i}`] = { t: now - i * 60 * 1000, k: [`k${i}`] };
  pages.old = { t: now - MAX_AGE_MS - 1, k: ['x'] };
  pages.justInTime = { t: now - MAX_AGE_MS + DAY, k: ['y'] };
  pages.broken = { t: 'yesterday', k: ['z'] };
  pages.empty = { t: now, k: [] };
  pages.many = { t: now + 1, k: Array.from({ length: MAX_KEYS_PER_PAGE + 50 }, (_, i) => `m${i}`) };
  const out = prune({ version: 2, salt: 's', pages }, now);
  const keys = Object.keys(out.pages);
  assert.equal(keys.length, MAX_PAGES);
  assert.ok(!keys.includes('old') && !keys.includes('broken') && !keys.includes('empty'));
  assert.ok(!keys.includes('justInTime'), 'within 90 days but older than the newest 500');
  assert.ok(keys.includes('p0') && keys.includes('p498') && !keys.includes('p499'), 'the newest 500 stay');
  assert.equal(out.pages.many.k.length, MAX_KEYS_PER_PAGE);
  assert.equal(out.pages.many.k.at(-1), `m${MAX_KEYS_PER_PAGE + 49}`, 'the last added comments stay');
  // With room, an entry within 90 days stays.
  const small = prune({ version: 2, salt: 's', pages: { a: pages.justInTime, b: pages.old } }, now);
  assert.deepEqual(Object.keys(small.pages), ['a']);
});

test('a long-running install stays bounded', async () => {
  let now = 0;
  const storage = memoryStorage();
  const store = dismissedStore(storage, () => now);
  for (let i = 0; i < 1500; i++) {
    now += DAY / 4; // a new page every six hours for a year
    await store.set(`https://x.com/user/status/${i}`, [`k${i}`]);
  }
  const pages = storage.data.dismissed.pages;
  assert.ok(Object.keys(pages).length <= MAX_PAGES);
  assert.ok(Object.values(pages).every((e) => now - e.t <= MAX_AGE_MS));
  assert.equal(Object.keys(pages).length, 90 * 4 + 1, '90 days of pages, no more');
});

test('the first storage format (readable addresses) is converted, its entries kept', async () => {
  const storage = memoryStorage({ dismissed: { 'https://x.com/a/status/1': ['k1:3'], 'https://x.com/b': 'junk' } });
  const store = dismissedStore(storage, () => 5 * DAY);
  assert.deepEqual(await store.get('https://x.com/a/status/1'), ['k1:3']);
  assert.equal(storage.data.dismissed.version, 2);
  assert.ok(!JSON.stringify(storage.data).includes('x.com'));
  assert.equal(Object.keys(storage.data.dismissed.pages).length, 1);
  const m = await migrate(undefined, 0);
  assert.equal(m.version, 2);
  assert.match(m.salt, /^[0-9a-f]{32}$/);
  assert.match(await pageHash('s', 'https://x.com/'), /^[0-9a-f]{32}$/);
});

test('concurrent writes from two tabs keep both pages', async () => {
  const storage = memoryStorage();
  const store = dismissedStore(storage, () => DAY);
  await Promise.all([store.set('https://a.example/1', ['a']), store.set('https://b.example/2', ['b'])]);
  assert.deepEqual(await store.get('https://a.example/1'), ['a']);
  assert.deepEqual(await store.get('https://b.example/2'), ['b']);
});
