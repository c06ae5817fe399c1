// Draws on the page without touching its text: one small badge per comment (a plain <span> host with a closed
// shadow root, appended after the comment's text) and one card layer (a <div> with a closed shadow root on
// <html>) that shows the details of the badge under the pointer or the keyboard focus. Page text is only ever
// read; everything we draw is built with text nodes (card.js does the same), never with innerHTML.
//
// The page must not read or drive what we draw: the shadow roots are closed (their references live only in
// this isolated world), the hosts are built-in elements (a page cannot pre-define them as custom elements) and
// carry no attributes, which elements are ours is kept in a WeakSet, and every handler that acts (open a card,
// dismiss, reply) ignores events the page synthesised (`isTrusted`). docs/extension-security.md has the model.
// Plain script: defines globalThis.KrOverlay.
'use strict';

(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  // The elements we put into the page (badge and layer hosts), for the scanner to tell them from the page's.
  const OWN = globalThis.KrOwn || (globalThis.KrOwn = new WeakSet());
  /** True for events from the user (the browser), false for ones a page script dispatched or called click() for. */
  const trusted = (e) => !!(e && e.isTrusted);

  const BADGE_CSS = `
:host { all: initial; display: inline-block; vertical-align: middle; margin: 0 0 0 6px; line-height: 1; }
button { all: unset; box-sizing: border-box; cursor: pointer; font: 600 11px/16px system-ui, sans-serif;
  width: 30px; height: 18px; padding: 1px 0; overflow: hidden; border-radius: 9px; text-align: center; color: #fff;
  background: #5b6b7a; box-shadow: 0 0 0 1px rgba(0,0,0,.15); }
button:focus-visible { outline: 2px solid #1a73e8; outline-offset: 2px; }
button.monitor { background: #4d7c59; }
button.respond { background: #b26a00; }
button.escalate { background: #c62828; }
button.dismissed { background: #8a8f96; text-decoration: line-through; }
button.pending { background: #c5cbd3; color: #333; }
`;
  // Huge pages: badges in one overlay of our own instead of inside the comments (see setMode).
  const OVERLAY_CSS = `
:host { all: initial; position: absolute; top: 0; left: 0; width: 0; height: 0; contain: layout style;
  z-index: 2147483646; }
button { position: absolute; }
button.hidden { display: none; }
`;
  const LAYER_CSS = `
:host { all: initial; position: fixed; top: 0; left: 0; width: 0; height: 0; z-index: 2147483647; }
.pop { position: fixed; max-width: 420px; min-width: 280px; max-height: 60vh; overflow: auto; box-sizing: border-box;
  background: #fff; color: #1d232a; border: 1px solid #c9d1da; border-radius: 10px; padding: 10px 12px;
  box-shadow: 0 8px 28px rgba(0,0,0,.22); font: 13px/1.45 system-ui, sans-serif; }
.pop[hidden] { display: none; }
.actions { display: flex; gap: 8px; margin-top: 8px; flex-wrap: wrap; }
.actions button { font: inherit; padding: 4px 10px; border-radius: 6px; border: 1px solid #9aa6b2; background: #f4f6f8;
  color: inherit; cursor: pointer; }
.actions button:focus-visible { outline: 2px solid #1a73e8; outline-offset: 2px; }
.fallback ul { margin: 6px 0 0 18px; padding: 0; }
.pop .trunc { color: #5b6b7a; margin: 6px 0 0; font-size: 12px; }
.assist { position: fixed; width: 380px; box-sizing: border-box; background: #fff; color: #1d232a; border: 1px solid #c9d1da;
  border-radius: 10px; padding: 10px 12px; box-shadow: 0 8px 28px rgba(0,0,0,.22); font: 13px/1.45 system-ui, sans-serif; }
.assist[hidden] { display: none; }
.assist h2 { font-size: 13px; margin: 0 0 6px; }
.assist .sugg { display: flex; gap: 8px; align-items: flex-start; margin: 6px 0; }
.assist .sugg p { margin: 0; flex: 1; white-space: pre-wrap; }
.assist .sugg button, .assist .close { font: inherit; padding: 3px 9px; border-radius: 6px; border: 1px solid #9aa6b2;
  background: #f4f6f8; color: inherit; cursor: pointer; }
.assist .close { float: right; }
.assist .lints { margin: 6px 0 0; padding-left: 18px; }
.assist .lints li.error { color: #b3261e; }
.assist .lints li.warning { color: #8a5300; }
.assist .note { color: #5b6b7a; margin: 4px 0; }
`;

  let badgeSheet = null;
  let overlaySheet = null;
  let layerSheet = null;
  let cardSheet = null;
  let cardCssText = '';

  function sheet(css) {
    try {
      const s = new CSSStyleSheet();
      s.replaceSync(css);
      return s;
    } catch {
      return null;
    }
  }

  /** Styles a shadow root: constructed style sheets (not subject to the page's style-src), else a <style>. */
  function style(root, sheets, css) {
    const list = sheets.filter(Boolean);
    if (list.length === sheets.length) {
      try {
        root.adoptedStyleSheets = list;
        return;
      } catch { /* fall through */ }
    }
    const el = document.createElement('style');
    el.textContent = css;
    root.append(el);
  }

  /**
   * The shared card renderer: lib/card-content.js, a classic-script build of lib/card.js that the manifest loads
   * with the content scripts. (Importing lib/card.js would need it web-accessible, which lets any page probe for
   * the extension.)
   */
  function loadCardModule() {
    return globalThis.KrCard || null;
  }

  const state = {
    lang: 'en',
    t: (k) => k,
    label: (group, key) => key,
    onDismiss: () => {},
    onReply: null,
    layer: null,
    layerRoot: null,
    pop: null,
    pinned: null,
    current: null,
  };

  function init({ cardCss, lang, t, catalogue, onDismiss, onReply, replyBoxFor, detail, textCap }) {
    state.detail = detail || null;
    state.textCap = textCap || 5000;
    cardCssText = cardCss || '';
    badgeSheet = sheet(BADGE_CSS);
    overlaySheet = sheet(OVERLAY_CSS);
    layerSheet = sheet(LAYER_CSS);
    cardSheet = sheet(cardCssText);
    state.lang = lang;
    state.t = t;
    state.onDismiss = onDismiss;
    state.onReply = onReply || null;
    state.replyBoxFor = replyBoxFor || (() => null);
    state.catalogue = catalogue;
    state.label = (group, key, l) => {
      const list = (catalogue && catalogue[group]) || [];
      const hit = list.find((x) => x.key === key);
      return hit ? hit[l || lang] || hit.en : key;
    };
    const m = loadCardModule();
    if (m && m.makeLabels && catalogue) state.label = m.makeLabels(catalogue);
  }

  function ensureLayer() {
    if (state.layer && state.layer.isConnected) return state.layerRoot;
    const host = document.createElement('div');
    OWN.add(host);
    const root = host.attachShadow({ mode: 'closed' });
    style(root, [layerSheet, cardSheet], `${LAYER_CSS}\n${cardCssText}`);
    const pop = document.createElement('div');
    pop.className = 'pop';
    pop.hidden = true;
    pop.setAttribute('role', 'dialog');
    pop.addEventListener('mouseleave', (e) => { if (trusted(e) && !state.pinned) hideCard(); });
    pop.addEventListener('keydown', (e) => {
      if (trusted(e) && e.key === 'Escape') {
        const rec = state.current;
        hideCard(true);
        if (rec && rec.button) {
          state.quietFocus = true; // back on the badge without opening the card again
          rec.button.focus();
        }
      }
    });
    root.append(pop);
    document.documentElement.append(host);
    state.layer = host;
    state.layerRoot = root;
    state.pop = pop;
    return root;
  }

  function levelText(a) {
    return String(a.criticality.score);
  }

  /**
   * Creates or updates the badge of one comment record and puts it into the page, or with `attach` false only
   * prepares it (main.js puts many prepared badges into a huge page at once: every frame that changes such a
   * page costs the browser a full relayout).
   */
  function badge(rec, attach = true) {
    let host = rec.host;
    if (!host || (rec.placed && !host.isConnected)) {
      rec.placed = false;
      rec.overlay = state.mode === 'overlay';
      const button = document.createElement('button');
      if (rec.overlay) host = button; // lives in the overlay's closed root: no host in the page at all
      else {
        host = document.createElement('span');
        OWN.add(host);
        const root = host.attachShadow({ mode: 'closed' });
        style(root, [badgeSheet], BADGE_CSS);
        root.append(button);
      }
      button.type = 'button';
      button.setAttribute('aria-haspopup', 'dialog');
      button.addEventListener('mouseenter', (e) => { if (trusted(e)) showCard(rec, false); });
      button.addEventListener('mouseleave', (e) => {
        if (!trusted(e)) return;
        setTimeout(() => {
          if (state.current === rec && !state.pinned && state.pop && !state.pop.matches(':hover')
            && !(rec.button && rec.button.matches(':hover'))) hideCard();
        }, 120);
      });
      button.addEventListener('focus', (e) => {
        if (!trusted(e)) return;
        if (state.quietFocus) state.quietFocus = false;
        else showCard(rec, false);
      });
      button.addEventListener('blur', () => {
        setTimeout(() => {
          if (state.current === rec && !state.pinned && state.layerRoot && !state.layerRoot.activeElement) hideCard();
        }, 0);
      });
      button.addEventListener('click', (e) => {
        e.preventDefault();
        e.stopPropagation();
        if (trusted(e)) showCard(rec, true);
      });
      button.addEventListener('keydown', (e) => {
        if (trusted(e) && e.key === 'Escape') hideCard(true);
      });
      rec.host = host;
      rec.button = button;
    }
    if (attach) place(rec);
    const a = rec.analysis;
    const button = rec.button;
    if (!a) {
      button.className = 'pending';
      button.textContent = '…';
      return host;
    }
    const level = a.criticality.level;
    button.className = rec.dismissed ? 'dismissed' : level;
    if (rec.overlay && rec.offscreen) button.classList.add('hidden');
    button.textContent = levelText(a);
    const levelName = state.label('levels', level, state.lang);
    button.setAttribute('aria-label', state.t('badgeLabel', [levelName, String(a.criticality.score)]));
    button.title = levelName;
    if (state.current === rec && state.pop && !state.pop.hidden) renderCard(rec);
    return host;
  }

  /** Puts a prepared badge into the page, after the comment's text (or into the overlay, at that spot). */
  function place(rec) {
    if (!rec.host || rec.host.isConnected || !rec.el.isConnected) return;
    if (rec.overlay) {
      // Hidden until positioned: main.js positions the badges on screen, in one pass (see positionMany).
      rec.offscreen = true;
      rec.host.classList.add('hidden');
      ensureOverlay().append(rec.host);
      rec.placed = true;
      return;
    }
    (rec.anchor && rec.anchor.isConnected && rec.el.contains(rec.anchor) ? rec.anchor : rec.el).append(rec.host);
    rec.placed = true;
  }

  // The overlay for huge pages. Any element put into a page with 100,000 comments makes the browser lay out the
  // whole page again (measured: 400 ms of rendering per frame, and memory it keeps), so there the badges are not
  // put into the comments but into one absolutely positioned layer of ours with layout containment: adding and
  // moving badges only lays out that layer. Each badge sits where it would sit inline (after the last line of the
  // comment's text) and is moved when the page's layout changes (main.js asks, for what is on screen).
  let overlayHost = null;
  let overlayRoot = null;
  function ensureOverlay() {
    if (overlayHost && overlayHost.isConnected) return overlayRoot;
    overlayHost = document.createElement('div');
    OWN.add(overlayHost);
    overlayRoot = overlayHost.attachShadow({ mode: 'closed' });
    style(overlayRoot, [badgeSheet, overlaySheet], `${BADGE_CSS}\n${OVERLAY_CSS}`);
    document.documentElement.append(overlayHost);
    return overlayRoot;
  }

  /**
   * Moves overlay badges to the end of their comment's text (hidden when the comment is not displayed): all
   * positions are read first, then all written, so the page is laid out once at most.
   */
  function positionMany(recs) {
    const list = recs.filter((rec) => rec.overlay && rec.host && rec.host.isConnected && rec.el.isConnected);
    if (!list.length) return;
    const o = overlayHost.getBoundingClientRect();
    const maxLeft = document.documentElement.clientWidth - o.left - 36;
    const range = document.createRange();
    const spots = list.map((rec) => {
      const anchor = rec.anchor && rec.anchor.isConnected && rec.el.contains(rec.anchor) ? rec.anchor : rec.el;
      range.selectNodeContents(anchor);
      const rects = range.getClientRects();
      let r = rects.length ? rects[rects.length - 1] : null;
      if (!r || (!r.width && !r.height)) r = anchor.getBoundingClientRect();
      return (!r.width && !r.height) ? null : { left: r.right - o.left + 6, top: r.top - o.top + (r.height - 18) / 2 };
    });
    list.forEach((rec, i) => {
      const spot = spots[i];
      rec.offscreen = !spot;
      rec.host.classList.toggle('hidden', !spot);
      if (!spot) return;
      rec.host.style.left = `${Math.max(0, Math.min(maxLeft, spot.left))}px`;
      rec.host.style.top = `${spot.top}px`;
    });
  }

  function position(rec) {
    positionMany([rec]);
  }

  /** 'inline' (badges after the comment's text) or 'overlay' (huge pages: see ensureOverlay). */
  function setMode(mode) {
    state.mode = mode === 'overlay' ? 'overlay' : 'inline';
    if (state.mode === 'overlay') ensureOverlay();
  }

  /** The record whose badge has the keyboard focus (inline: its host is focused; overlay: its button). */
  function focusedButton() {
    const a = document.activeElement;
    if (a && a === overlayHost) return overlayRoot.activeElement;
    return a;
  }

  function placeCard(pop, rec) {
    const r = rec.button.getBoundingClientRect();
    const w = Math.min(420, window.innerWidth - 16);
    let left = Math.min(Math.max(8, r.left), window.innerWidth - w - 8);
    let top = r.bottom + 6;
    pop.style.left = `${left}px`;
    pop.style.top = `${top}px`;
    pop.style.maxWidth = `${w}px`;
    const h = pop.getBoundingClientRect().height;
    if (top + h > window.innerHeight - 8 && r.top - h - 6 > 8) pop.style.top = `${r.top - h - 6}px`;
  }

  async function renderCard(rec) {
    const pop = state.pop;
    // The content script keeps each analysis without its evidence; the card asks the background for it.
    let analysis = rec.analysis;
    if (state.detail && analysis.evidenceCount) {
      try {
        analysis = { ...analysis, evidence: (await state.detail(rec)).evidence };
      } catch { /* the card without marks */ }
      if (state.current !== rec || !rec.analysis) return;
    }
    const item = { id: rec.id, text: rec.text, author: rec.author || undefined, analysis };
    const m = loadCardModule();
    pop.replaceChildren();
    if (m && m.renderCard) {
      pop.append(m.renderCard(item, { lang: state.lang, label: state.label, doc: document }));
    } else {
      // Without the shared renderer (it could not be loaded), the reasons as a plain list.
      const box = document.createElement('div');
      box.className = 'fallback';
      const head = document.createElement('strong');
      head.textContent = `${state.label('levels', rec.analysis.criticality.level, state.lang)} · ${rec.analysis.criticality.score}`;
      const ul = document.createElement('ul');
      for (const r of rec.analysis.criticality.reasons) {
        const li = document.createElement('li');
        li.textContent = r.message;
        ul.append(li);
      }
      box.append(head, ul);
      pop.append(box);
    }
    if (rec.truncated) {
      const note = document.createElement('p');
      note.className = 'trunc';
      note.textContent = state.t('truncatedNote', [state.textCap.toLocaleString(state.lang)]);
      pop.append(note);
    }
    const actions = document.createElement('div');
    actions.className = 'actions';
    const dismiss = document.createElement('button');
    dismiss.type = 'button';
    dismiss.className = 'kr-dismiss';
    dismiss.textContent = rec.dismissed ? state.t('undismiss') : state.t('dismiss');
    dismiss.addEventListener('click', (e) => {
      if (!trusted(e)) return;
      state.onDismiss(rec, !rec.dismissed);
      hideCard(true);
      if (rec.button) {
        state.quietFocus = true;
        rec.button.focus();
      }
    });
    actions.append(dismiss);
    if (state.onReply && state.replyBoxFor(rec)) {
      const reply = document.createElement('button');
      reply.type = 'button';
      reply.className = 'kr-answer';
      reply.textContent = state.t('answer');
      reply.addEventListener('click', (e) => {
        if (!trusted(e)) return;
        hideCard(true);
        state.onReply(rec);
      });
      actions.append(reply);
    }
    pop.append(actions);
    pop.setAttribute('aria-label', state.t('cardLabel'));
    placeCard(pop, rec);
  }

  async function showCard(rec, pin) {
    if (!rec.analysis) return;
    ensureLayer();
    const samePinned = pin && state.pinned === rec;
    state.current = rec;
    if (pin) state.pinned = samePinned ? null : rec;
    if (samePinned) { hideCard(true); return; }
    state.pop.hidden = false;
    rec.button.setAttribute('aria-expanded', 'true');
    await renderCard(rec);
    if (pin) {
      const first = state.pop.querySelector('.kr-card, button');
      if (first) first.focus();
    }
  }

  function hideCard(force) {
    if (state.pinned && !force) return;
    state.pinned = null;
    if (state.pop) state.pop.hidden = true;
    if (state.current && state.current.button) state.current.button.setAttribute('aria-expanded', 'false');
  }

  function remove(rec) {
    if (rec.host) rec.host.remove();
    rec.host = null;
    rec.button = null;
    rec.placed = false;
  }

  function setLang(lang) {
    state.lang = lang;
  }

  /** The shadow root of the card layer (the reply assistant draws there too). */
  function layerRoot() {
    return ensureLayer();
  }

  const rectOf = (el) => {
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, w: r.width, h: r.height };
  };

  /**
   * What the card shows, for the browser tests (main.js answers with it only to the extension's own pages, and
   * only when the test flag is set in extension storage; a page can neither send that message nor set the flag).
   */
  function inspect() {
    const pop = state.pop;
    if (!pop || !state.layer || !state.layer.isConnected) return { open: false };
    const buttons = [...pop.querySelectorAll('.actions button')].map((b) => ({
      name: b.classList.contains('kr-dismiss') ? 'dismiss' : 'answer', text: b.textContent, rect: rectOf(b),
    }));
    const active = state.layerRoot.activeElement;
    return {
      open: !pop.hidden,
      text: pop.hidden ? '' : pop.textContent,
      reasons: [...pop.querySelectorAll('.kr-reasons')].map((r) => r.textContent).join('\n'),
      hasCard: !!pop.querySelector('.kr-card'),
      hasReason: !!pop.querySelector('.kr-card .kr-reason'),
      marks: pop.querySelectorAll('mark').length,
      note: pop.querySelector('.trunc') ? pop.querySelector('.trunc').textContent : null,
      focusInside: !!(active && pop.contains(active)),
      buttons,
    };
  }

  globalThis.KrOverlay = { init, badge, place, position, positionMany, setMode, focusedButton, remove, hideCard, layerRoot, setLang, inspect, rectOf, OWN };
})();
