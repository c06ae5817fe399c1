// The content script: finds the comments on the page with the site adapter, sends their text in batches to
// the background (where the core runs), and draws a badge per comment. Incremental: a MutationObserver marks
// what changed (new comments from infinite scroll, "read more" expansions, SPA navigation), the scan runs in
// short slices in idle time, and each distinct text is analysed once (cache by text hash).
'use strict';

(() => {
  if (globalThis.__krisenradarStarted) return; // injected twice (panel "scan this page" on a listed site)
  globalThis.__krisenradarStarted = true;

  const api = globalThis.browser ?? globalThis.chrome;
  const X = globalThis.KrExtract;
  const O = globalThis.KrOverlay;
  const R = globalThis.KrReply;

  const SLICE_MS = 8; // longest stretch of main-thread work before yielding
  const BATCH = 250; // comments per message to the background
  const OWN = O.OWN; // our badge and layer hosts (a WeakSet: nothing in the page's DOM marks them)

  // Interface strings in the language of the settings (bundled _locales files, sent by the background).
  let messages = {};
  const t = (key, subs) => {
    const m = messages[key];
    if (!m) return key;
    const list = Array.isArray(subs) ? subs : subs === undefined ? [] : [subs];
    return m.message.replace(/\$P(\d)\$/g, (_, n) => String(list[Number(n) - 1] ?? ''));
  };

  function send(msg) {
    return api.runtime.sendMessage(msg).then((r) => {
      if (!r) throw new Error('krisenradar: no answer from the background');
      if (!r.ok) throw new Error(r.error);
      return r.result;
    });
  }

  /** FNV-1a over the UTF-16 units, with the length: the cache key of a text. */
  function textKey(text) {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    return `${(h >>> 0).toString(36)}:${text.length}`;
  }

  const yieldToPage = () => new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => resolve();
    ch.port2.postMessage(0);
  });
  const idle = (fn) => (globalThis.requestIdleCallback
    ? requestIdleCallback(fn, { timeout: 20 })
    : setTimeout(fn, 16));
  // New comments while the page is busy still get their badge soon: idle time, but at most this late.

  const s = {
    started: false,
    stopped: false,
    settings: null,
    sites: [],
    site: null,
    page: null,
    lang: 'en',
    catalogue: null,
    has: {},
    recs: new Map(), // element → record
    byId: new Map(),
    order: [], // records in document order (after the last scan)
    nextId: 1,
    analyses: new Map(), // text key → analysis (without id)
    waiting: new Map(), // text key → records waiting for its analysis
    queue: [], // text keys to send
    dirty: new Set(),
    added: [],
    removed: false,
    heuristic: false,
    orderStale: true,
    full: true,
    scanning: false,
    scheduled: false,
    href: location.href,
    dismissed: new Set(),
    observer: null,
    stats: { scans: 0, analysed: 0, batches: 0 },
  };

  function pageKey() {
    return `${location.origin}${location.pathname}`;
  }

  // The background keeps the list (hashed page keys, pruned by age and count: dismissed.js).
  async function loadDismissed() {
    try {
      const { keys } = await send({ kind: 'dismissed:get', page: pageKey() });
      s.dismissed = new Set(keys || []);
    } catch {
      s.dismissed = new Set();
    }
  }

  async function saveDismissed() {
    await send({ kind: 'dismissed:set', page: pageKey(), keys: [...s.dismissed] });
  }

  function siteEnabled() {
    const st = s.settings;
    return st.enabled && !(st.disabledSites || []).includes(location.hostname);
  }

  function chooseSite() {
    const custom = (s.settings.customSelectors || []).find((c) => c && c.host
      && (location.hostname === c.host || location.hostname.endsWith(`.${c.host}`)) && c.item);
    if (custom) return X.customSite(custom);
    return X.detectSite(s.sites, document, location.hostname) || s.sites.find((x) => x.name === 'generic');
  }

  function schedule(full) {
    if (full) s.full = true;
    if (s.scheduled || s.stopped) return;
    s.scheduled = true;
    idle(() => {
      s.scheduled = false;
      scan();
    });
  }

  function itemSelector() {
    return s.site.items.map((i) => i.selector).join(', ');
  }

  function kindOf(el) {
    const def = s.site.items.find((i) => el.matches(i.selector) && (!i.when || el.querySelector(i.when)));
    return def ? def.kind : null;
  }

  /** Items on the page, document order: one query with the adapter's selectors joined. */
  function findItems() {
    const site = s.site;
    if (!site.items.length) return [];
    const out = [];
    for (const el of document.querySelectorAll(itemSelector())) {
      const kind = kindOf(el);
      if (kind) out.push({ el, kind });
    }
    if (!out.length && site.heuristic && document.body) {
      // Generic pages without comment markup: the repeated-block search (slower, so only then).
      s.heuristic = true;
      return X.extract(document, site).map((f) => ({ el: f.el, kind: f.kind, found: f }));
    }
    s.heuristic = false;
    return out;
  }

  /** Items inside the nodes added since the last scan (new comments), without a pass over the whole page. */
  function findAdded() {
    const sel = itemSelector();
    const found = new Set();
    for (const n of s.added) {
      if (!n.isConnected) continue;
      if (n.matches(sel)) found.add(n);
      for (const el of n.querySelectorAll(sel)) found.add(el);
    }
    const out = [];
    for (const el of found) {
      const kind = kindOf(el);
      if (kind) out.push({ el, kind });
    }
    return out;
  }

  /** Records in document order (computed when asked: the panel, the reply assistant). */
  function orderedRecs() {
    if (!s.orderStale) return s.order;
    const out = [];
    if (s.heuristic) {
      for (const rec of s.recs.values()) out.push(rec);
      out.sort((a, b) => (a.el.compareDocumentPosition(b.el) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    } else {
      for (const el of document.querySelectorAll(itemSelector())) {
        const rec = s.recs.get(el);
        if (rec) out.push(rec);
      }
    }
    s.order = out;
    s.orderStale = false;
    return out;
  }

  async function scan() {
    if (s.scanning) {
      s.rescan = true;
      return;
    }
    s.scanning = true;
    s.stats.scans += 1;
    try {
      if (location.href !== s.href) {
        // SPA navigation: the dismissed list is per page; everything is looked at again.
        s.href = location.href;
        await loadDismissed();
        s.full = true;
      }
      if (!s.site) {
        s.site = chooseSite();
        s.full = true;
      }
      const incremental = !s.full && !s.removed && !s.heuristic && s.added.length <= 200;
      let items;
      let page;
      let comments;
      const work = [];
      if (incremental) {
        // New comments (infinite scroll, a reply posted) and changed ones ("read more"): only those.
        items = findAdded();
        page = new X.Page(s.site);
        for (const el of s.recs.keys()) page.items.add(el);
        for (const i of items) page.items.add(i.el);
        const kinds = new Map(items.map((i) => [i.el, i.kind]));
        comments = { has: (el) => (kinds.get(el) ?? (s.recs.get(el) || {}).kind) === 'comment' };
        for (const i of items) work.push(i);
        for (const el of s.dirty) {
          const rec = s.recs.get(el);
          if (rec && el.isConnected && !kinds.has(el)) work.push({ el, kind: rec.kind });
        }
      } else {
        items = findItems();
        page = new X.Page(s.site);
        for (const i of items) page.items.add(i.el);
        comments = new Set(items.filter((i) => i.kind === 'comment').map((i) => i.el));
        for (const i of items) {
          const rec = s.recs.get(i.el);
          if (s.full || !rec || s.dirty.has(i.el) || (rec.host && !rec.host.isConnected)) work.push(i);
        }
        // Records whose element left the page (or is no longer an item).
        if (s.recs.size) {
          const present = new Set(items.map((i) => i.el));
          for (const [el, rec] of s.recs) {
            if (!present.has(el)) {
              O.remove(rec);
              s.recs.delete(el);
              s.byId.delete(rec.id);
            }
          }
        }
      }
      s.page = page;
      s.stats.lastScanMs = Math.round((performance.now() - (s.pendingSince || performance.now())) * 10) / 10;
      s.pendingSince = 0;
      s.dirty.clear();
      s.added = [];
      s.removed = false;
      s.full = false;
      s.orderStale = true;
      let sliceStart = performance.now();
      // Many items at once (first scan, a long page): one query per selector over the whole document.
      if (work.length > 32) {
        for (const step of page.prepareSteps(document)) {
          step();
          if (performance.now() - sliceStart > SLICE_MS) {
            await yieldToPage();
            sliceStart = performance.now();
          }
        }
      }
      for (const i of work) {
        describeOne(page, i, comments);
        if (performance.now() - sliceStart > SLICE_MS) {
          flush();
          await yieldToPage();
          sliceStart = performance.now();
        }
      }
      flush();
    } finally {
      s.scanning = false;
    }
    if (s.rescan) {
      s.rescan = false;
      schedule(false);
    }
  }

  function describeOne(page, item, comments) {
    const site = s.site;
    const { el, kind } = item;
    let f = item.found;
    if (!f) {
      f = null;
      if (!site.deleted.some((sel) => el.matches(sel))) {
        let text = page.itemText(el);
        if (text === null && site.name === 'generic') text = page.textOf(el);
        if (text && !site.deletedTexts.includes(text.trim())) {
          let depth = 0;
          for (let a = el.parentElement; a; a = a.parentElement) if (comments.has(a)) depth += 1;
          if (site.reply.some((sel) => el.matches(sel))) depth += 1;
          f = {
            el, kind, text, depth,
            author: page.field(el, site.author, 'author'),
            time: page.field(el, site.time, 'time'),
            permalink: page.field(el, site.permalink, 'permalink'),
          };
        }
      }
    }
    let rec = s.recs.get(el);
    if (!f) {
      if (rec) {
        O.remove(rec);
        s.recs.delete(el);
        s.byId.delete(rec.id);
      }
      return;
    }
    if (!rec) {
      rec = { id: `kr${s.nextId++}`, el, host: null, button: null, analysis: null, key: null };
      s.orderStale = true;
      s.recs.set(el, rec);
      s.byId.set(rec.id, rec);
    }
    Object.assign(rec, {
      kind: f.kind, text: f.text, author: f.author, time: f.time, permalink: f.permalink, depth: f.depth,
    });
    rec.anchor = anchorFor(page, el);
    const key = textKey(f.text);
    rec.dismissed = s.dismissed.has(key);
    if (rec.key === key && rec.analysis) {
      O.badge(rec); // same text: only re-attach the badge if the site re-rendered it away
      return;
    }
    rec.key = key;
    const known = s.analyses.get(key);
    if (known) {
      rec.analysis = known;
      O.badge(rec);
      rec.badgedAt ??= performance.now();
      return;
    }
    rec.analysis = null;
    if (!s.waiting.has(key)) {
      s.waiting.set(key, new Set());
      s.queue.push({ key, text: f.text });
    }
    s.waiting.get(key).add(rec);
  }

  /** Where the badge goes: after the item's last own text container, else at the end of the item. */
  function anchorFor(page, el) {
    const list = page.containers(el);
    return list.length ? list[list.length - 1] : el;
  }

  /** The reply box inside a comment (looked up when its card offers "reply"). */
  function replyBoxFor(rec) {
    for (const sel of s.site.replyBox) {
      const box = rec.el.querySelector(sel);
      if (box) return box;
    }
    return null;
  }

  /** Sends what waits for analysis, in batches; nothing blocks the page while the background works. */
  function flush() {
    while (s.queue.length) {
      const batch = s.queue.splice(0, BATCH);
      s.stats.batches += 1;
      const sentAt = performance.now();
      send({ kind: 'analyze', uiLang: s.lang, items: batch.map((b) => ({ id: b.key, text: b.text })) })
        .then(({ results }) => {
          s.stats.lastRoundTripMs = Math.round((performance.now() - sentAt) * 10) / 10;
          return applyResults(results);
        })
        .catch((err) => {
          // The batch is dropped from the queue; it is retried on the next change of the page.
          for (const b of batch) s.waiting.delete(b.key);
          console.debug('krisenradar:', err && err.message);
        });
    }
  }

  async function applyResults(results) {
    let sliceStart = performance.now();
    for (const r of results) {
      const { id: key, ...analysis } = r;
      s.analyses.set(key, analysis);
      s.stats.analysed += 1;
      const recs = s.waiting.get(key);
      s.waiting.delete(key);
      if (!recs) continue;
      for (const rec of recs) {
        if (rec.key !== key || !rec.el.isConnected) continue;
        rec.analysis = analysis;
        O.badge(rec);
        rec.badgedAt ??= performance.now();
      }
      if (performance.now() - sliceStart > SLICE_MS) {
        await yieldToPage();
        sliceStart = performance.now();
      }
    }
    notifyPanel();
  }

  let notifyTimer = null;
  function notifyPanel() {
    if (notifyTimer) return;
    notifyTimer = setTimeout(() => {
      notifyTimer = null;
      api.runtime.sendMessage({ kind: 'page:updated', count: s.byId.size }).catch(() => {});
    }, 300);
  }

  function onMutations(mutations) {
    let relevant = false;
    for (const m of mutations) {
      const target = m.target.nodeType === 1 ? m.target : m.target.parentElement;
      if (!target || isOwn(target)) continue;
      if (m.type === 'childList') {
        let foreign = false;
        for (const n of m.addedNodes) {
          if (n.nodeType === 1 && OWN.has(n)) continue;
          foreign = true;
          if (n.nodeType === 1) s.added.push(n);
        }
        for (const n of m.removedNodes) {
          if (n.nodeType === 1 && OWN.has(n)) continue;
          foreign = true;
          if (n.nodeType === 1) s.removed = true;
        }
        if (!foreign) continue;
      }
      relevant = true;
      // The item the change happened in (text expanded, edited, re-rendered) is described again.
      for (let a = target; a; a = a.parentElement) {
        if (s.recs.has(a)) {
          s.dirty.add(a);
          break;
        }
      }
    }
    if (relevant) {
      if (!s.pendingSince) s.pendingSince = performance.now();
      // A few new or changed comments (a reply posted, one more loaded): described right away, a millisecond of
      // work, so the background analyses them while the page renders its frame. Bigger changes wait for idle time.
      if (!s.full && !s.removed && !s.scanning && !s.scheduled && s.started && !s.stopped
        && s.added.length + s.dirty.size <= 20) scan();
      else schedule(false);
    }
  }

  function isOwn(el) {
    for (let a = el; a; a = a.parentElement) if (OWN.has(a)) return true;
    return false;
  }

  function stop() {
    s.stopped = true;
    if (s.observer) s.observer.disconnect();
    for (const rec of s.recs.values()) O.remove(rec);
    s.recs.clear();
    s.byId.clear();
    s.order = [];
    s.orderStale = true;
    O.hideCard(true);
    if (R) R.close();
  }

  async function start() {
    s.stopped = false;
    s.started = true;
    await loadDismissed();
    s.site = chooseSite();
    s.full = true;
    if (!s.observer) {
      s.observer = new MutationObserver(onMutations);
    }
    s.observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
    schedule(true);
  }

  function serialize(rec) {
    return {
      id: rec.id, kind: rec.kind, text: rec.text, author: rec.author, time: rec.time,
      permalink: rec.permalink, depth: rec.depth, dismissed: !!rec.dismissed, analysis: rec.analysis,
    };
  }

  async function setDismissed(rec, on) {
    if (on) s.dismissed.add(rec.key);
    else s.dismissed.delete(rec.key);
    for (const r of s.recs.values()) {
      if (r.key === rec.key) {
        r.dismissed = on;
        if (r.analysis) O.badge(r);
      }
    }
    await saveDismissed();
    notifyPanel();
  }

  // Messages from the panel (the side panel / sidebar asks the page it shows).
  const PANEL = {
    'panel:list': () => ({
      site: s.site ? s.site.label : null,
      siteName: s.site ? s.site.name : null,
      url: location.href,
      title: document.title,
      lang: s.lang,
      enabled: !!s.settings && siteEnabled(),
      pending: s.waiting.size,
      items: orderedRecs().filter((r) => r.analysis && r.el.isConnected).map(serialize),
    }),
    'panel:scrollTo': (msg) => {
      const rec = s.byId.get(msg.id);
      if (!rec) return { found: false };
      rec.el.scrollIntoView({ block: 'center', behavior: 'instant' });
      if (rec.button) rec.button.focus({ preventScroll: true });
      return { found: true };
    },
    'panel:dismiss': async (msg) => {
      const rec = s.byId.get(msg.id);
      if (!rec) return { found: false };
      await setDismissed(rec, !!msg.dismissed);
      return { found: true };
    },
    'panel:stats': () => stats(),
    // The browser tests' view of what we draw (closed shadow roots: no page, and no test, can look inside).
    // Answered only when the test flag is set in extension storage, which only the extension itself can write;
    // and runtime messages reach this listener only from the extension's own pages and worker, never a page.
    'test:inspect': (msg) => {
      if (!testHooks) throw new Error('test hooks are off');
      const active = document.activeElement;
      const badges = [];
      let pending = 0;
      for (const rec of orderedRecs()) {
        if (!rec.host || !rec.host.isConnected) continue;
        const a = rec.analysis;
        if (!a) pending += 1;
        if (msg.summary) {
          badges.push(a ? a.criticality.level : 'pending');
          continue;
        }
        badges.push({
          id: rec.id, level: a ? a.criticality.level : 'pending', score: a ? a.criticality.score : null,
          dismissed: !!rec.dismissed, rect: O.rectOf(rec.host), label: rec.button.getAttribute('aria-label'),
          seenAt: rec.seenAt ?? null, badgedAt: rec.badgedAt ?? null,
        });
      }
      if (msg.summary) return { count: badges.length, pending, levels: badges };
      const focused = active && OWN.has(active) ? [...s.recs.values()].find((r) => r.host === active) : null;
      return {
        badges, active: focused ? focused.id : null, card: O.inspect(), assist: R ? R.inspect() : { open: false },
        stats: stats(),
      };
    },
  };

  function stats() {
    let badges = 0;
    for (const rec of s.recs.values()) if (rec.host && rec.host.isConnected) badges += 1;
    return { ...s.stats, items: s.byId.size, badges };
  }

  let testHooks = false;
  api.storage.local.get('testHooks').then((r) => { testHooks = r.testHooks === true; }, () => {});

  api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
    const h = msg && Object.hasOwn(PANEL, msg.kind) ? PANEL[msg.kind] : null;
    if (!h) return false;
    Promise.resolve().then(() => h(msg)).then(
      (result) => sendResponse({ ok: true, result }),
      (err) => sendResponse({ ok: false, error: String(err && err.message) }),
    );
    return true;
  });

  api.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes.testHooks) testHooks = changes.testHooks.newValue === true;
    if (area !== 'local' || !changes.settings || !s.settings) return;
    const before = s.settings;
    s.settings = changes.settings.newValue || before;
    if (!siteEnabled()) {
      stop();
      return;
    }
    const analysisChanged = ['sensitivity', 'languages', 'uiLang', 'watchWords']
      .some((k) => JSON.stringify(before[k]) !== JSON.stringify(s.settings[k]));
    if (analysisChanged) {
      const lang = langOf(s.settings);
      if (lang !== s.lang) {
        send({ kind: 'messages', lang }).then((r) => { messages = r.messages; }).catch(() => {});
        O.setLang(lang);
      }
      s.lang = lang;
      s.analyses.clear();
      for (const rec of s.recs.values()) rec.key = null;
    }
    if (JSON.stringify(before.customSelectors) !== JSON.stringify(s.settings.customSelectors)) s.site = null;
    if (s.stopped || !s.started) start();
    else schedule(true);
  });

  function langOf(settings) {
    if (settings.uiLang === 'de' || settings.uiLang === 'en') return settings.uiLang;
    const ui = (api.i18n && api.i18n.getUILanguage && api.i18n.getUILanguage()) || navigator.language || 'en';
    return String(ui).toLowerCase().startsWith('de') ? 'de' : 'en';
  }

  async function boot() {
    let init;
    try {
      init = await send({ kind: 'init', browserLang: api.i18n.getUILanguage() });
    } catch (err) {
      console.debug('krisenradar: not started:', err && err.message);
      return;
    }
    s.sites = init.sites.map(X.compile);
    s.settings = init.settings;
    s.catalogue = init.catalogue;
    s.has = init.has || {};
    s.lang = init.lang || langOf(s.settings);
    messages = init.messages || {};
    O.init({
      cardCss: init.cardCss,
      lang: s.lang,
      t,
      catalogue: init.catalogue,
      onDismiss: (rec, on) => setDismissed(rec, on),
      onReply: R ? (rec) => R.openFor(rec, replyBoxFor(rec)) : null,
      replyBoxFor,
    });
    if (R) {
      R.init({
        send, t, lang: () => s.lang, has: s.has,
        settings: () => s.settings,
        site: () => s.site,
        recFor: (box) => recForBox(box),
        layer: () => O.layerRoot(),
      });
    }
    if (siteEnabled()) start();
  }

  /** The comment a reply box answers: the item it sits in, else the nearest item before it. */
  function recForBox(box) {
    for (let a = box; a; a = a.parentElement) {
      const r = s.recs.get(a);
      if (r && r.analysis) return r;
    }
    let best = null;
    for (const r of orderedRecs()) {
      if (!r.analysis || !r.el.isConnected) continue;
      if (r.el.compareDocumentPosition(box) & Node.DOCUMENT_POSITION_FOLLOWING) best = r;
      else break;
    }
    return best;
  }

  boot();
})();
