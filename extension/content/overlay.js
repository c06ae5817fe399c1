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
button.monitor { background: #5b7083; }
button.respond { background: #a35b00; }
button.escalate { background: #b3261e; }
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
  // The card layer. Colours come from lib/card.css's --kr-* variables, which it defines on :host (the layer's
  // host) and on .kr-root (the popups), so nothing here depends on the page; .kr-dark / .kr-light follow the
  // page's own background where it has one, else the colour-scheme preference.
  const LAYER_CSS = `
:host { all: initial; position: fixed; top: 0; left: 0; width: 0; height: 0; z-index: 2147483647; }
.pop, .assist { position: fixed; box-sizing: border-box; overflow: auto; overscroll-behavior: contain;
  background: var(--kr-bg); color: var(--kr-fg); border: 1px solid var(--kr-line); border-radius: 10px;
  box-shadow: 0 8px 28px rgba(0,0,0,.28); font: 13px/1.45 system-ui, sans-serif; color-scheme: light; }
.kr-dark.pop, .kr-dark.assist { color-scheme: dark; box-shadow: 0 8px 28px rgba(0,0,0,.6); }
.pop { width: 420px; padding: 8px; }
.pop .kr-card { border-top: 0; border-right: 0; border-bottom: 0; border-radius: 6px; }
.pop[hidden], .assist[hidden] { display: none; }
.actions { display: flex; gap: 8px; margin: 8px 4px 2px; flex-wrap: wrap; }
.actions button, .assist .sugg button, .assist .close { font: inherit; padding: 4px 10px; border-radius: 6px;
  border: 1px solid var(--kr-line); background: var(--kr-chip); color: inherit; cursor: pointer; }
.actions button:hover, .assist button:hover { border-color: var(--kr-focus); }
.actions button:focus-visible, .assist button:focus-visible { outline: 2px solid var(--kr-focus); outline-offset: 2px; }
.fallback ul { margin: 6px 0 0 18px; padding: 0; }
.pop .trunc { color: var(--kr-muted); margin: 6px 4px 0; font-size: 12px; }
.assist { width: 380px; padding: 10px 12px; }
.assist h2 { font-size: 13px; margin: 0 0 6px; }
.assist .sugg { display: flex; gap: 8px; align-items: flex-start; margin: 6px 0; }
.assist .sugg p { margin: 0; flex: 1; white-space: pre-wrap; }
.assist .sugg button, .assist .close { padding: 3px 9px; }
.assist .close { float: right; }
.assist .lints { margin: 6px 0 0; padding-left: 18px; }
.assist .lints li.error { color: var(--kr-escalate); }
.assist .lints li.warning { color: var(--kr-respond); }
.assist .note { color: var(--kr-muted); margin: 4px 0; }
.assist .keys { font-size: 11.5px; margin-top: 8px; }
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
    pop.className = 'pop kr-root';
    pop.hidden = true;
    pop.setAttribute('role', 'dialog');
    pop.addEventListener('mouseleave', (e) => { if (trusted(e) && !state.pinned) hideCard(); });
    pop.addEventListener('keydown', (e) => {
      if (!trusted(e)) return;
      const rec = state.current;
      // Escape, or Tab past the card's last control (Shift+Tab before its first): back to the badge, which is
      // where the page's own tab order continues.
      let back = e.key === 'Escape';
      if (e.key === 'Tab') {
        const stops = [...pop.querySelectorAll('.kr-card, button')];
        const at = stops.indexOf(root.activeElement);
        back = e.shiftKey ? at <= 0 : at === stops.length - 1;
      }
      if (!back) return;
      e.preventDefault();
      hideCard(true);
      if (rec && rec.button) {
        state.quietFocus = true; // back on the badge without opening the card again
        rec.button.focus();
      }
    });
    root.append(pop);
    document.documentElement.append(host);
    state.layer = host;
    state.layerRoot = root;
    state.pop = pop;
    // The card stays beside its comment while the page scrolls or the window changes size; an unpinned card
    // closes when its comment leaves the screen.
    let frame = 0;
    const follow = () => {
      if (frame || pop.hidden || !state.current) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        const rec = state.current;
        if (pop.hidden || !rec || !rec.button) return;
        const r = commentRect(rec);
        const vp = viewport();
        if (!state.pinned && (!r || r.bottom < 0 || r.top > vp.h || r.right < 0 || r.left > vp.w)) hideCard();
        else placeCard(pop, rec);
      });
    };
    window.addEventListener('scroll', follow, { capture: true, passive: true });
    window.addEventListener('resize', follow, { passive: true });
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
      rec.host = host;
      rec.button = button;
      rec.wired = false;
      // An overlay badge stays hidden until it is positioned on screen, and gets its listeners then
      // (positionMany): a page of 5,000 comments does not pay for 30,000 listeners up front.
      if (!rec.overlay) wire(rec);
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

  /** The badge's listeners: its card on hover, focus and click, closed with Escape. */
  function wire(rec) {
    const button = rec.button;
    rec.wired = true;
    button.addEventListener('mouseenter', (e) => { if (trusted(e)) showCard(rec, false); });
    button.addEventListener('mouseleave', (e) => {
      if (!trusted(e)) return;
      // The card sits beside the comment, not at the badge: time for the pointer to get there.
      setTimeout(() => {
        if (state.current === rec && !state.pinned && state.pop && !state.pop.matches(':hover')
          && !(rec.button && rec.button.matches(':hover'))) hideCard();
      }, 450);
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
      if (!rec.wired) wire(rec);
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

  // ---- Placement: beside the comment, never over it, inside the viewport ----

  const GAP = 8; // between the comment and the popup
  const EDGE = 8; // between the popup and the viewport's edge
  const MIN_W = 260; // narrower than this, a popup beside the comment is not worth it: above or below instead

  /** The viewport without scroll bars. */
  function viewport() {
    const d = document.documentElement;
    return {
      w: Math.min(window.innerWidth, d.clientWidth || window.innerWidth),
      h: Math.min(window.innerHeight, d.clientHeight || window.innerHeight),
    };
  }

  function union(rects) {
    const list = rects.filter((r) => r && (r.width || r.height));
    if (!list.length) return null;
    const left = Math.min(...list.map((r) => r.left));
    const top = Math.min(...list.map((r) => r.top));
    const right = Math.max(...list.map((r) => r.right));
    const bottom = Math.max(...list.map((r) => r.bottom));
    return { left, top, right, bottom, width: right - left, height: bottom - top };
  }

  /**
   * The part of the page a card describes: the comment with its author line and badge, but not the replies
   * nested inside it (the comment's own text and badge, widened to the whole item when the item is not much
   * taller than that text).
   */
  function commentRect(rec) {
    const own = union([
      rec.anchor && rec.anchor.isConnected ? rec.anchor.getBoundingClientRect() : null,
      rec.button && rec.button.isConnected ? rec.button.getBoundingClientRect() : null,
    ]);
    const item = rec.el && rec.el.isConnected ? rec.el.getBoundingClientRect() : null;
    if (!own) return item;
    if (item && item.height && item.height <= own.height + 96) return union([own, item]);
    return own;
  }

  /**
   * Positions `box` (position: fixed) beside the first rectangle of `avoid` that leaves room: right of it, else
   * left, else below, else above; in the viewport. A popup beside is narrowed down to MIN_W, one above or below
   * is shortened (it scrolls) down to 120 px. When no side has room it goes where there is most, clamped into
   * the viewport. `width` is the popup's preferred width. Returns the side it took.
   */
  function placeBeside(box, avoid, width) {
    const vp = viewport();
    const maxH = vp.h - 2 * EDGE;
    const w0 = Math.max(0, Math.min(width, vp.w - 2 * EDGE));
    const clampX = (x, w) => Math.max(EDGE, Math.min(x, vp.w - w - EDGE));
    const clampY = (y, h) => Math.max(EDGE, Math.min(y, vp.h - h - EDGE));
    const size = (w, cap) => {
      box.style.width = `${w}px`;
      box.style.maxHeight = `${Math.max(60, Math.min(maxH, cap))}px`;
      return box.getBoundingClientRect().height;
    };
    const put = (x, y, side) => {
      box.style.left = `${Math.round(x)}px`;
      box.style.top = `${Math.round(y)}px`;
      box.dataset.side = side;
      return side;
    };
    const targets = avoid.filter(Boolean);
    for (const a of targets) {
      // Right, then left: as wide as wanted, else as wide as there is room down to MIN_W.
      const roomRight = vp.w - EDGE - (a.right + GAP);
      const roomLeft = a.left - GAP - EDGE;
      for (const [side, room] of [['right', roomRight], ['left', roomLeft]]) {
        if (room < Math.min(w0, MIN_W)) continue;
        const w = Math.min(w0, room);
        const h = size(w, maxH);
        const x = side === 'right' ? a.right + GAP : a.left - GAP - w;
        return put(x, clampY(a.top, h), side);
      }
      // Below, then above: the whole popup, else shortened to the room there is.
      const roomBelow = vp.h - EDGE - (a.bottom + GAP);
      const roomAbove = a.top - GAP - EDGE;
      const h = size(w0, maxH);
      if (h <= roomBelow) return put(clampX(a.left, w0), a.bottom + GAP, 'below');
      if (h <= roomAbove) return put(clampX(a.left, w0), a.top - GAP - h, 'above');
      const [side, room] = roomBelow >= roomAbove ? ['below', roomBelow] : ['above', roomAbove];
      if (room >= 120) {
        const h2 = size(w0, room);
        return put(clampX(a.left, w0), side === 'below' ? a.bottom + GAP : a.top - GAP - h2, side);
      }
    }
    // Nowhere free: the popup fills the roomier half of the viewport.
    const a = targets[targets.length - 1] || { left: EDGE, top: EDGE, bottom: EDGE, right: EDGE };
    const h = size(w0, maxH);
    const below = vp.h - a.bottom >= a.top;
    return put(clampX(a.left, w0), below ? clampY(a.bottom + GAP, h) : clampY(a.top - GAP - h, h), 'over');
  }

  /** The page's background behind a comment: 'dark', 'light' or null (none set: follow the preference). */
  function backdrop(el) {
    for (let a = el; a && a.nodeType === 1; a = a.parentElement) {
      const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?/.exec(getComputedStyle(a).backgroundColor);
      if (!m || (m[4] !== undefined && Number(m[4]) < 0.5)) continue;
      const [r, g, b] = [m[1], m[2], m[3]].map((v) => {
        const c = Number(v) / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.18 ? 'dark' : 'light';
    }
    return null;
  }

  /** Light or dark like the page behind `el` (its background, else the colour-scheme preference). */
  function theme(box, el) {
    const t = el && el.isConnected ? backdrop(el) : null;
    box.classList.toggle('kr-dark', t === 'dark');
    box.classList.toggle('kr-light', t === 'light');
  }

  function placeCard(pop, rec) {
    state.avoid = commentRect(rec);
    placeBeside(pop, [state.avoid], 420);
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
    theme(pop, rec.el);
    placeCard(pop, rec);
    state.shown = rec;
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
    const pill = pop.querySelector('.kr-card .kr-level');
    const mark = pop.querySelector('.kr-card mark.kr-ev:not(.kr-ev-topic)') || pop.querySelector('.kr-card mark.kr-ev');
    const cs = (el, prop) => (el ? getComputedStyle(el)[prop] : null);
    const avoid = state.avoid;
    return {
      open: !pop.hidden,
      for: state.shown && state.shown === state.current ? state.shown.id : null,
      rect: rectOf(pop),
      side: pop.dataset.side || null,
      comment: avoid ? { x: avoid.left, y: avoid.top, w: avoid.width, h: avoid.height } : null,
      viewport: viewport(),
      theme: pop.classList.contains('kr-dark') ? 'dark' : pop.classList.contains('kr-light') ? 'light' : 'auto',
      styles: {
        popBg: cs(pop, 'backgroundColor'),
        pillBg: cs(pill, 'backgroundColor'), pillFg: cs(pill, 'color'), pillLevel: pill ? pill.closest('.kr-card').dataset.level : null,
        markBg: cs(mark, 'backgroundColor'), markKind: mark ? mark.className : null,
        cardBorder: cs(pop.querySelector('.kr-card'), 'borderLeftColor'),
      },
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

  globalThis.KrOverlay = {
    init, badge, place, position, positionMany, setMode, focusedButton, remove, hideCard, layerRoot, setLang, inspect,
    rectOf, placeBeside, commentRect, theme, union, viewport, OWN,
  };
})();
