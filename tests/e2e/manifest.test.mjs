// The manifest's host lists (no browser needed): every host of every site adapter (extension/adapters/sites.json
// `hosts`) is covered, with and without `www.`, by both host_permissions and the content scripts' matches, and so
// are the sites' mobile hosts; the two lists grant the same hosts; only https, no wildcard hosts beyond the
// optional permission the user grants per page.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'extension/manifest.json'), 'utf8'));
const sites = JSON.parse(readFileSync(path.join(ROOT, 'extension/adapters/sites.json'), 'utf8')).sites;

// The mobile and alternative hosts the sites serve their pages from.
const MOBILE = ['mobile.twitter.com', 'mobile.x.com', 'm.youtube.com', 'm.facebook.com', 'web.facebook.com',
  'old.reddit.com', 'new.reddit.com', 'sh.reddit.com'];

/** Whether a match pattern (scheme://host/path) matches https://`host`/ (pattern syntax of both browsers). */
export function matches(pattern, host) {
  const m = /^(\*|https?):\/\/([^/]+)(\/.*)$/.exec(pattern);
  if (!m) return false;
  const [, scheme, h, p] = m;
  if (scheme !== '*' && scheme !== 'https') return false;
  if (p !== '/*') return false; // every path of the site
  if (h === '*') return true;
  if (h.startsWith('*.')) return host === h.slice(2) || host.endsWith(h.slice(1));
  return host === h;
}

/** The hosts an adapter host stands for: itself, without `www.`, and with `www.` for a registrable domain. */
function variants(host) {
  const bare = host.replace(/^www\./, '');
  const out = new Set([host, bare]);
  if (bare.split('.').length === 2) out.add(`www.${bare}`);
  return [...out];
}

const lists = {
  host_permissions: manifest.host_permissions,
  'content_scripts.matches': manifest.content_scripts.flatMap((cs) => cs.matches),
};

test('the matcher reads match patterns like the browser', () => {
  assert.ok(matches('https://www.reddit.com/*', 'www.reddit.com'));
  assert.ok(!matches('https://www.reddit.com/*', 'reddit.com'));
  assert.ok(matches('https://*.reddit.com/*', 'old.reddit.com'));
  assert.ok(matches('https://*.reddit.com/*', 'reddit.com'));
  assert.ok(!matches('https://*.reddit.com/*', 'notreddit.com'));
  assert.ok(!matches('http://x.com/*', 'x.com'));
  assert.ok(!matches('https://x.com/home', 'x.com'));
});

test('every adapter host, with and without www., is in host_permissions and the content scripts\' matches', () => {
  const hosts = sites.flatMap((s) => s.hosts.flatMap(variants));
  assert.ok(hosts.length >= 12, `hosts from sites.json: ${hosts}`);
  for (const [name, list] of Object.entries(lists)) {
    const missing = hosts.filter((h) => !list.some((p) => matches(p, h)));
    assert.deepEqual(missing, [], `${name} misses ${missing.join(', ')}`);
  }
});

test('the mobile hosts of the sites are covered too', () => {
  for (const [name, list] of Object.entries(lists)) {
    const missing = MOBILE.filter((h) => !list.some((p) => matches(p, h)));
    assert.deepEqual(missing, [], `${name} misses ${missing.join(', ')}`);
  }
});

test('both lists grant the same hosts, https only, no wildcard host', () => {
  assert.deepEqual([...lists['content_scripts.matches']].sort(), [...lists.host_permissions].sort());
  for (const p of lists.host_permissions) {
    assert.match(p, /^https:\/\/[a-z0-9.-]+\/\*$/, `${p}: one named https host`);
    const host = p.slice('https://'.length, -2);
    const site = sites.find((s) => s.hosts.some((h) => host === h || host.endsWith(`.${h.replace(/^www\./, '')}`) || host === h.replace(/^www\./, '')));
    assert.ok(site, `${host} belongs to a site adapter`);
  }
  // Anything else only on the user's request, page by page (activeTab / optional permissions).
  assert.deepEqual(manifest.optional_host_permissions, ['https://*/*', 'http://*/*']);
});
