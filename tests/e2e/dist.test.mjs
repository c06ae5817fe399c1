// The packaged extension as a user installs it: dist/krisenradar-chrome.zip (from .ci/package) unzipped and
// loaded unpacked into Chromium, exactly as built — no test copy, no extra host. Pages at the real addresses
// (x.com, youtube.com) are answered from the saved-page fixtures; every other request is refused and recorded.
// The comments are badged with the levels the packaged command-line tool gives on the same files.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { CHROMIUM, FIXTURES, ROOT, waitForBadges } from './extension-harness.mjs';

const DIST = path.join(ROOT, 'dist');
const tmp = mkdtempSync(path.join(tmpdir(), 'kr-dist-'));
const PAGES = [
  ['https://x.com/kaffeekontor/status/1861000000000000001', 'x.html'],
  ['https://www.youtube.com/watch?v=kr-demo-01', 'youtube.html'],
];

let context;
let worker;
let cli;
const foreign = [];

function unpack(archive, into) {
  const r = spawnSync('unzip', ['-q', archive, '-d', into], { encoding: 'utf8' });
  assert.equal(r.status, 0, `unzip ${archive}: ${r.stderr}`);
}

before(async () => {
  const zip = path.join(DIST, 'krisenradar-chrome.zip');
  assert.ok(existsSync(zip), 'dist/krisenradar-chrome.zip is missing: run .ci/package');
  unpack(zip, path.join(tmp, 'ext'));
  const tarball = readdirSync(DIST).find((f) => /^krisenradar-.*\.tar\.gz$/.test(f));
  assert.ok(tarball, 'the command-line tool is packaged');
  const r = spawnSync('tar', ['-xzf', path.join(DIST, tarball), '-C', tmp], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  cli = path.join(tmp, tarball.replace(/\.tar\.gz$/, ''), 'krisenradar');

  context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    locale: 'de-DE',
    viewport: { width: 1200, height: 900 },
    args: [
      `--disable-extensions-except=${path.join(tmp, 'ext')}`, `--load-extension=${path.join(tmp, 'ext')}`,
      '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--lang=de-DE',
    ],
  });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    const page = PAGES.find(([u]) => u === url);
    if (page) {
      return route.fulfill({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        body: readFileSync(path.join(FIXTURES, page[1]), 'utf8'),
      });
    }
    if (url.startsWith('chrome-extension://') || url.startsWith('data:') || url.startsWith('blob:')) {
      return route.continue();
    }
    foreign.push(url);
    return route.abort();
  });
  [worker] = context.serviceWorkers();
  if (!worker) worker = await context.waitForEvent('serviceworker', { timeout: 15000 });
  // the flag that lets the tests look into the closed shadow roots (extension storage: no page can set it)
  await worker.evaluate(() => chrome.storage.local.set({ testHooks: true }));
});

after(async () => {
  if (context) await context.close();
  rmSync(tmp, { recursive: true, force: true });
});

test('the zip holds the extension at its root, with the built core and a Chrome manifest', () => {
  const ext = path.join(tmp, 'ext');
  const m = JSON.parse(readFileSync(path.join(ext, 'manifest.json'), 'utf8'));
  assert.equal(m.manifest_version, 3);
  assert.equal(m.background.service_worker, 'background.js');
  assert.equal(m.browser_specific_settings, undefined, 'Firefox keys are left to the xpi');
  for (const f of ['pkg/krisenradar_bg.wasm', 'pkg/krisenradar.js', 'pkg/krisenradar_badge_bg.wasm', 'pkg/krisenradar_badge.js',
    'lib/card-content.js', 'background.js']) {
    assert.ok(existsSync(path.join(ext, f)), f);
  }
  assert.ok(!existsSync(path.join(ext, 'docs')), 'no screenshots in the package');
});

for (const [url, fixture] of PAGES) {
  test(`${fixture} at ${new URL(url).host}: every comment badged with the level of the packaged CLI`, async () => {
    const r = spawnSync(cli, ['scan', '--no-evidence', path.join(FIXTURES, fixture)], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const expected = r.stdout.trim().split('\n').map((l) => JSON.parse(l).criticality.level);
    assert.ok(expected.length >= 3);
    const page = await context.newPage();
    await page.goto(url);
    const levels = await waitForBadges(page, expected.length);
    assert.deepEqual(levels, expected);
    await page.close();
  });
}

test('nothing left the machine', () => {
  assert.deepEqual(foreign, []);
});
