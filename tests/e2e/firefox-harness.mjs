// Firefox for the extension tests: firefox-esr headless with a fresh profile, driven over WebDriver BiDi (the
// Remote Agent built into Firefox; no geckodriver, no Playwright build of Firefox). The extension is installed as
// a temporary add-on (`webExtension.install`), the fixtures come from the same local server as in the Chromium
// tests, and every request that would leave the machine goes to a local proxy that refuses and records it.
// The driver (not the add-on) gets system access (`--remote-allow-system-access`): it may open the add-on's own
// moz-extension:// pages and run script in the browser window's document (toolbar button, sidebar).
//
// Node 20 has WebSocket only with `--experimental-websocket` (Node 22 has it always); .ci/test.d/45-firefox.sh
// passes the flag when it is needed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const FIREFOX = process.env.FIREFOX
  || ['/usr/bin/firefox-esr', '/usr/bin/firefox'].find(existsSync) || 'firefox-esr';

/** The add-on id in the manifest and the fixed internal UUID its moz-extension:// pages get in the test profile. */
export const ADDON_ID = 'krisenradar@krisenradar.example';
export const ADDON_UUID = '5e0c7a1d-4b52-4a8e-9d63-0b7f2c1e9a40';
export const EXT_ORIGIN = `moz-extension://${ADDON_UUID}`;

/** Major version of the Firefox binary (`Mozilla Firefox 153.8.0esr` → 153), or null when there is none. */
export function firefoxVersion(bin = FIREFOX) {
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 20000 });
  const m = r.status === 0 && /(\d+)\.\d+/.exec(r.stdout);
  return m ? Number(m[1]) : null;
}

/**
 * A proxy on 127.0.0.1 that answers every request with 403 (plain HTTP) or a refused CONNECT (HTTPS, WebSocket)
 * and records the address: Firefox's proxy settings send everything that is not local here, so nothing reaches
 * the network and nothing waits for a DNS timeout.
 */
async function refusingProxy() {
  const seen = [];
  const server = http.createServer((req, res) => {
    seen.push(req.url);
    res.writeHead(403, { 'content-type': 'text/plain', connection: 'close' });
    res.end('offline');
  });
  server.on('connect', (req, socket) => {
    seen.push(`connect ${req.url}`);
    socket.on('error', () => {});
    socket.end('HTTP/1.1 403 Forbidden\r\nconnection: close\r\n\r\n');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  return {
    port: server.address().port,
    seen,
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
  };
}

async function freePort() {
  const srv = net.createServer();
  await new Promise((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address();
  await new Promise((r) => srv.close(r));
  return port;
}

/** Preferences for a quiet, offline test profile (the Remote Agent adds its own recommended ones). */
function userJs(proxyPort) {
  const prefs = {
    // The add-on's pages get a known origin, so the tests can open them without asking Firefox for the UUID.
    'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: ADDON_UUID }),
    // Host permissions of MV3 add-ons are granted at install, as for a user who accepts the install prompt
    // (Firefox's default; set so the tests do not depend on it).
    'extensions.originControls.grantByDefault': true,
    'extensions.autoDisableScopes': 0,
    'extensions.update.enabled': false,
    'extensions.getAddons.cache.enabled': false,
    'xpinstall.signatures.required': false,
    'intl.locale.requested': 'de-DE',
    'intl.accept_languages': 'de-DE, de',
    'browser.shell.checkDefaultBrowser': false,
    'browser.startup.page': 0,
    'browser.startup.homepage': 'about:blank',
    'browser.newtabpage.enabled': false,
    'browser.aboutwelcome.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'browser.safebrowsing.blockedURIs.enabled': false,
    'browser.download.useDownloadDir': true,
    'datareporting.policy.dataSubmissionEnabled': false,
    'datareporting.healthreport.uploadEnabled': false,
    'toolkit.telemetry.enabled': false,
    'toolkit.telemetry.reportingpolicy.firstRun': false,
    'app.update.auto': false,
    'app.update.enabled': false,
    'app.normandy.enabled': false,
    'app.normandy.api_url': '',
    'services.settings.server': 'data:,#remote-settings-dummy/v1',
    'messaging-system.rsexperimentloader.enabled': false,
    'browser.region.network.url': '',
    'browser.search.geoip.url': '',
    'geo.provider.network.url': '',
    'extensions.blocklist.enabled': false,
    'browser.ping-centre.telemetry': false,
    'browser.newtabpage.activity-stream.feeds.system.topsites': false,
    'browser.newtabpage.activity-stream.feeds.section.topstories': false,
    'browser.topsites.contile.enabled': false,
    'media.gmp-manager.url': '',
    'media.gmp-gmpopenh264.enabled': false,
    'media.gmp-manager.chromium-update-url': '',
    'media.gmp-widevinecdm.enabled': false,
    'media.gmp-widevinecdm.visible': false,
    'media.gmp-provider.enabled': false,
    'media.eme.enabled': false,
    'identity.fxaccounts.enabled': false,
    'browser.contentblocking.report.monitor.enabled': false,
    'dom.push.connection.enabled': false,
    'network.http.http3.enable': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'network.http.speculative-parallel-limit': 0,
    'network.trr.mode': 5,
    // Everything but 127.0.0.1 goes through the refusing proxy.
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.share_proxy_settings': true,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': false,
    'gfx.webrender.software': true,
    'layout.css.devPixelsPerPx': '1.0',
  };
  return Object.entries(prefs).map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`).join('\n') + '\n';
}

/** A WebDriver BiDi connection: `send(method, params)` → result; `on(event, fn)`. */
class Bidi {
  constructor(ws) {
    this.ws = ws;
    this.id = 0;
    this.pending = new Map();
    this.listeners = new Map();
    ws.addEventListener('message', (ev) => {
      const msg = JSON.parse(typeof ev.data === 'string' ? ev.data : Buffer.from(ev.data).toString('utf8'));
      if (msg.id !== undefined && this.pending.has(msg.id)) {
        const { resolve, reject, method } = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        if (msg.type === 'error') reject(new Error(`${method}: ${msg.error}: ${msg.message}`));
        else resolve(msg.result);
      } else if (msg.type === 'event') {
        for (const fn of this.listeners.get(msg.method) || []) fn(msg.params);
      }
    });
    ws.addEventListener('close', () => {
      for (const { reject, method } of this.pending.values()) reject(new Error(`${method}: connection closed`));
      this.pending.clear();
    });
  }

  static async connect(url, timeout = 30000) {
    if (typeof WebSocket !== 'function') throw new Error('no global WebSocket: run node with --experimental-websocket (Node 20) or Node >= 22');
    const end = Date.now() + timeout;
    for (;;) {
      try {
        const ws = new WebSocket(url);
        await new Promise((resolve, reject) => {
          ws.addEventListener('open', resolve, { once: true });
          ws.addEventListener('error', () => reject(new Error(`cannot connect to ${url}`)), { once: true });
        });
        return new Bidi(ws);
      } catch (err) {
        if (Date.now() > end) throw err;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  send(method, params = {}, timeout = 30000) {
    const id = ++this.id;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no answer in ${timeout} ms`));
      }, timeout);
      this.pending.set(id, {
        method,
        resolve: (v) => { clearTimeout(timer); resolve(v); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      });
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  on(event, fn) {
    if (!this.listeners.has(event)) this.listeners.set(event, []);
    this.listeners.get(event).push(fn);
  }

  close() {
    try { this.ws.close(); } catch { /* already closed */ }
  }
}

/** A BiDi remote value → plain JSON (the tests return JSON strings, so only primitives arrive here). */
function unwrap(r, what) {
  if (r.type === 'exception') {
    const d = r.exceptionDetails;
    throw new Error(`${what}: ${d.text}`);
  }
  const v = r.result;
  if (v.type === 'undefined' || v.type === 'null') return undefined;
  if (v.type === 'string') return v.value;
  if (v.type === 'number' || v.type === 'boolean') return v.value;
  throw new Error(`${what}: unexpected result type ${v.type}`);
}

/** One tab (a BiDi top-level browsing context). */
export class Tab {
  constructor(ff, context) {
    this.ff = ff;
    this.context = context;
    this.url = null;
    this.viewport = { width: 1200, height: 900 };
  }

  async goto(url) {
    const r = await this.ff.bidi.send('browsingContext.navigate', { context: this.context, url, wait: 'complete' });
    this.url = r.url || url;
    return this;
  }

  /**
   * Runs `fn(arg)` in the tab's page (for a moz-extension:// page: with the extension's `browser` API) and
   * returns its JSON-serialisable result.
   */
  async evaluate(fn, arg = null) {
    const r = await this.ff.bidi.send('script.callFunction', {
      functionDeclaration: `async (argJson) => JSON.stringify(await (${fn.toString()})(JSON.parse(argJson)) ?? null)`,
      arguments: [{ type: 'string', value: JSON.stringify(arg) }],
      target: { context: this.context },
      awaitPromise: true,
      resultOwnership: 'none',
    });
    const s = unwrap(r, 'evaluate');
    return s === undefined ? undefined : JSON.parse(s);
  }

  /** A real (trusted) mouse click at viewport coordinates. */
  async click(x, y) {
    await this.ff.bidi.send('input.performActions', {
      context: this.context,
      actions: [{
        type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' },
        actions: [
          { type: 'pointerMove', x: Math.round(x), y: Math.round(y), origin: 'viewport' },
          { type: 'pointerDown', button: 0 },
          { type: 'pointerUp', button: 0 },
        ],
      }],
    });
    await this.ff.bidi.send('input.releaseActions', { context: this.context });
  }

  async clickRect(r) {
    await this.click(r.x + r.w / 2, r.y + r.h / 2);
  }

  async activate() {
    await this.ff.bidi.send('browsingContext.activate', { context: this.context });
  }

  async close() {
    await this.ff.bidi.send('browsingContext.close', { context: this.context }).catch(() => {});
  }
}

/**
 * firefox-esr headless with a fresh profile and the extension in `extDir` installed as a temporary add-on.
 * `close()` ends Firefox (SIGTERM, then SIGKILL) and removes the profile, also after a start that failed.
 */
export async function launchFirefox(extDir, { timeout = 40000 } = {}) {
  const profile = mkdtempSync(path.join(tmpdir(), 'kr-ff-profile-'));
  const proxy = await refusingProxy();
  writeFileSync(path.join(profile, 'user.js'), userJs(proxy.port));
  const port = await freePort();
  const log = [];
  const proc = spawn(FIREFOX, [
    '--headless', '--no-remote', '--new-instance', '--profile', profile, `--remote-debugging-port=${port}`,
    // System access lets the driver open the add-on's own moz-extension:// pages (BiDi refuses them otherwise);
    // the add-on itself runs exactly as installed.
    '--remote-allow-system-access', 'about:blank',
  ], {
    // MOZ_DISABLE_NONLOCAL_CONNECTIONS: Firefox's own services (remote settings) then keep to the offline
    // server the Remote Agent configures instead of calling home.
    env: { ...process.env, MOZ_HEADLESS: '1', MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1', MOZ_CRASHREPORTER_DISABLE: '1', MOZ_DISABLE_AUTO_SAFE_MODE: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group: close() ends Firefox's child processes with it
  });
  const keep = (d) => { log.push(String(d)); if (log.length > 200) log.shift(); };
  proc.stdout.on('data', keep);
  proc.stderr.on('data', keep);
  const exited = new Promise((r) => proc.once('exit', r));
  // Firefox runs in its own process group: if this process ends without close() (an interrupt, a crash of the
  // test runner), the group and the profile go with it.
  const killNow = () => {
    try { process.kill(-proc.pid, 'SIGKILL'); } catch { /* gone */ }
    try { rmSync(profile, { recursive: true, force: true }); } catch { /* best effort */ }
  };
  const onSignal = (sig) => { killNow(); process.exit(sig === 'SIGINT' ? 130 : 143); };
  process.once('exit', killNow);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const ff = {
    proc, profile, proxy, log, bidi: null, extensionId: null,
    foreign: proxy.seen,
    tabs: new Set(),
    async newTab(url) {
      const { context } = await ff.bidi.send('browsingContext.create', { type: 'tab' });
      const tab = new Tab(ff, context);
      ff.tabs.add(tab);
      await ff.bidi.send('browsingContext.setViewport', { context, viewport: tab.viewport });
      if (url) await tab.goto(url);
      return tab;
    },
    async close() {
      if (ff.bidi) {
        await ff.bidi.send('browser.close', {}, 5000).catch(() => {});
        ff.bidi.close();
      }
      const done = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 5000))]);
      if (!done && proc.exitCode === null) {
        try { process.kill(-proc.pid, 'SIGKILL'); } catch { /* gone */ }
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      }
      await proxy.close();
      rmSync(profile, { recursive: true, force: true });
      process.removeListener('exit', killNow);
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
    },
  };
  try {
    const started = Promise.race([
      exited.then((code) => { throw new Error(`firefox exited (${code}) during start: ${log.join('').slice(-2000)}`); }),
      Bidi.connect(`ws://127.0.0.1:${port}/session`, timeout),
    ]);
    ff.bidi = await started;
    await ff.bidi.send('session.new', { capabilities: {} });
    const r = await ff.bidi.send('webExtension.install', { extensionData: { type: 'path', path: extDir } });
    ff.extensionId = r.extension;
  } catch (err) {
    await ff.close();
    throw err;
  }
  return ff;
}
