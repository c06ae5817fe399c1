// Reply assist in the page: when the user focuses a reply box under a comment, offer suggested replies (from the
// core's reply assistant, when this build has it, and the user's own brand-voice pointer to the private channel)
// and live tone lints of what they type. Text goes into the box only when the user clicks "insert"; nothing is
// ever submitted. The assistant is drawn in the card layer's closed shadow root; its buttons act only on the
// user's own clicks and keys (`isTrusted`), never on clicks a page script synthesises.
// Plain script: defines globalThis.KrReply.
'use strict';

(() => {
  const c = {
    ready: false,
    send: null,
    t: (k) => k,
    lang: () => 'en',
    settings: () => ({}),
    site: () => null,
    recFor: () => null,
    layer: () => null,
    box: null,
    rec: null,
    panel: null,
    lintTimer: null,
    lintSeq: 0,
  };

  function init(opts) {
    Object.assign(c, opts);
    c.ready = true;
    document.addEventListener('focusin', onFocus, true);
    document.addEventListener('input', onInput, true);
    document.addEventListener('keydown', onBoxKey, true);
    window.addEventListener('scroll', () => { if (c.panel && !c.panel.hidden) place(); }, { passive: true });
  }

  function targetOf(e) {
    const path = e.composedPath ? e.composedPath() : [];
    return path[0] && path[0].nodeType === 1 ? path[0] : e.target;
  }

  function isReplyBox(el) {
    const site = c.site();
    if (!site || !el || el.nodeType !== 1) return null;
    for (const sel of site.replyBox) {
      try {
        const box = el.closest(sel);
        if (box) return box;
      } catch { /* an invalid custom selector */ }
    }
    return null;
  }

  function onFocus(e) {
    const el = targetOf(e);
    if (c.panel && c.panel.getRootNode().host && c.panel.getRootNode().host.contains(el)) return;
    const box = isReplyBox(el);
    if (!box) return;
    if (c.quiet === box) {
      c.quiet = null;
      return;
    }
    const rec = c.recFor(box);
    if (!rec) return;
    open(box, rec);
  }

  /** Alt+ArrowDown in the reply box moves the focus into the open assistant (its first button). */
  function onBoxKey(e) {
    if (!e.isTrusted || !c.box || !c.panel || c.panel.hidden || !(e.altKey && e.key === 'ArrowDown')) return;
    const el = targetOf(e);
    if (!(c.box === el || c.box.contains(el))) return;
    const first = c.panel.querySelector('.kr-insert') || c.panel.querySelector('button');
    if (!first) return;
    e.preventDefault();
    e.stopPropagation();
    first.focus();
  }

  function onInput(e) {
    if (!c.box) return;
    const el = targetOf(e);
    if (!(c.box === el || c.box.contains(el))) return;
    clearTimeout(c.lintTimer);
    c.lintTimer = setTimeout(lint, 250);
  }

  function draftOf(box) {
    if ('value' in box && typeof box.value === 'string') return box.value;
    return (box.innerText || box.textContent || '').replace(/\n$/, '');
  }

  /** The brand voice as the core's reply assistant takes it. */
  function voice() {
    const v = c.settings().voice || {};
    return {
      company: v.company || '',
      address: v.address === 'du' ? 'du' : 'sie',
      signature: v.signature || null,
      private_channel_de: v.channel || null,
      private_channel_en: v.channel || null,
    };
  }

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function ensurePanel() {
    const root = c.layer();
    if (c.panel && c.panel.isConnected) return c.panel;
    const p = el('section', 'assist kr-root');
    p.setAttribute('role', 'dialog');
    p.setAttribute('aria-label', c.t('assistTitle'));
    p.hidden = true;
    p.addEventListener('keydown', (e) => {
      if (!e.isTrusted) return;
      // Escape, or Tab past the last button (Shift+Tab before the first): back to the reply box.
      let back = e.key === 'Escape';
      if (e.key === 'Tab') {
        const stops = [...p.querySelectorAll('button')];
        const at = stops.indexOf(p.getRootNode().activeElement);
        back = e.shiftKey ? at <= 0 : at === stops.length - 1;
      }
      if (!back) return;
      e.preventDefault();
      const box = c.box;
      if (e.key === 'Escape') {
        close();
        c.quiet = box; // focusing the box again does not reopen the assistant
      }
      if (box && box.isConnected) box.focus();
    });
    root.append(p);
    c.panel = p;
    return p;
  }

  /**
   * Beside the reply box and the comment it answers, covering neither; else beside the box alone (the user
   * types there); in the viewport (KrOverlay.placeBeside).
   */
  function place() {
    if (!c.box || !c.panel || !c.box.isConnected) return;
    const O = globalThis.KrOverlay;
    const box = c.box.getBoundingClientRect();
    const comment = c.rec ? O.commentRect(c.rec) : null;
    c.avoid = [comment ? O.union([box, comment]) : null, box];
    O.placeBeside(c.panel, c.avoid, 380);
  }

  /** Opens the assistant for a comment from its card ("answer"): focuses the comment's reply box. */
  function openFor(rec, box) {
    if (box && box.isConnected) {
      box.focus();
      open(box, rec);
    }
  }

  async function open(box, rec) {
    const same = c.box === box && c.rec === rec && c.panel && !c.panel.hidden;
    c.box = box;
    c.rec = rec;
    if (same) return;
    const p = ensurePanel();
    p.replaceChildren();
    const closeBtn = el('button', 'close', '×');
    closeBtn.type = 'button';
    closeBtn.setAttribute('aria-label', c.t('close'));
    closeBtn.addEventListener('click', (e) => { if (e.isTrusted) close(); });
    const title = el('h2', '', c.t('assistTitle'));
    const about = el('p', 'note', rec.author ? c.t('assistFor', [rec.author]) : c.t('assistForComment'));
    const list = el('div', 'suggestions');
    list.setAttribute('role', 'list');
    const keys = el('p', 'note keys', c.t('assistKeys'));
    const lints = el('ul', 'lints');
    lints.setAttribute('aria-live', 'polite');
    lints.setAttribute('aria-label', c.t('lintsTitle'));
    p.append(closeBtn, title, about, list, lints, keys);
    p.hidden = false;
    globalThis.KrOverlay.theme(p, box);
    place();

    const suggestions = [];
    try {
      const r = await c.send({ kind: 'suggestReplies', text: rec.text, voice: voice(), uiLang: c.lang() });
      if (r && Array.isArray(r.suggestions)) {
        for (const sug of r.suggestions) if (sug && sug.text) suggestions.push({ label: sug.label || '', text: sug.text });
      }
    } catch { /* no suggestions from the core: the brand-voice pointer below still works */ }
    const pointer = channelPointer(rec);
    if (pointer) suggestions.push({ label: c.t('channelTemplate'), text: pointer });
    if (c.rec !== rec) return;
    if (!suggestions.length) list.append(el('p', 'note', c.t('noSuggestions')));
    for (const sug of suggestions) {
      const row = el('div', 'sugg');
      row.setAttribute('role', 'listitem');
      const text = el('p', '', sug.text);
      if (sug.label) text.title = sug.label;
      const btn = el('button', 'kr-insert', c.t('insert'));
      btn.type = 'button';
      btn.setAttribute('aria-label', `${c.t('insert')}: ${sug.label || sug.text.slice(0, 40)}`);
      btn.addEventListener('click', (e) => { if (e.isTrusted) insert(sug.text); });
      row.append(text, btn);
      list.append(row);
    }
    place();
    lint();
  }

  /** The user's own pointer to the private channel, in the commenter's form of address (brand voice). */
  function channelPointer(rec) {
    const v = c.settings().voice || {};
    if (!v.channel) return '';
    const en = rec.analysis && rec.analysis.lang && rec.analysis.lang.code === 'en';
    const name = rec.author ? rec.author.replace(/^@/, '') : '';
    const du = v.address === 'du' || (rec.analysis && rec.analysis.address === 'du');
    let text;
    if (en) text = `${name ? `Hi ${name}, ` : 'Hi, '}thank you for letting us know. Please contact us via ${v.channel} so we can look into it right away.`;
    else if (du) text = `${name ? `Hallo ${name}, ` : 'Hallo, '}danke für deine Nachricht. Bitte melde dich über ${v.channel} bei uns, dann kümmern wir uns sofort darum.`;
    else text = `${name ? `Hallo ${name}, ` : 'Guten Tag, '}vielen Dank für Ihre Nachricht. Bitte melden Sie sich über ${v.channel} bei uns, dann kümmern wir uns sofort darum.`;
    if (v.signature) text += `\n${v.signature}`;
    return text;
  }

  /** Puts text into the reply box as if the user typed it; the site's own editor handles it. Never submits. */
  function insert(text) {
    const box = c.box;
    if (!box || !box.isConnected) return;
    box.focus();
    if (box instanceof HTMLTextAreaElement || box instanceof HTMLInputElement) {
      const proto = box instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
      const setter = Object.getOwnPropertyDescriptor(proto, 'value').set;
      const start = box.selectionStart ?? box.value.length;
      const end = box.selectionEnd ?? box.value.length;
      setter.call(box, box.value.slice(0, start) + text + box.value.slice(end));
      box.dispatchEvent(new Event('input', { bubbles: true }));
    } else {
      const sel = window.getSelection();
      if (sel && (!sel.rangeCount || !box.contains(sel.anchorNode))) {
        const range = document.createRange();
        range.selectNodeContents(box);
        range.collapse(false);
        sel.removeAllRanges();
        sel.addRange(range);
      }
      // execCommand keeps the site's editor (Draft.js, Lexical, Quill) in sync; a plain text node is the fallback.
      let ok = false;
      try { ok = document.execCommand('insertText', false, text); } catch { ok = false; }
      if (!ok) {
        box.append(document.createTextNode(text));
        box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
      }
    }
    lint();
  }

  async function lint() {
    if (!c.box || !c.panel || c.panel.hidden) return;
    const list = c.panel.querySelector('.lints');
    const draft = draftOf(c.box);
    const seq = ++c.lintSeq;
    if (!draft.trim()) {
      list.replaceChildren();
      return;
    }
    let r;
    try {
      r = await c.send({
        kind: 'lintReply',
        draft,
        context: { comment: c.rec ? c.rec.text : undefined, voice: voice(), platform: platform() },
      });
    } catch {
      return;
    }
    if (seq !== c.lintSeq) return;
    list.replaceChildren();
    if (!r || r.unsupported || !r.review) {
      list.append(el('li', 'note', c.t('noLints')));
      return;
    }
    const lints = r.review.lints || [];
    if (!lints.length) list.append(el('li', 'ok', c.t('lintsClean')));
    for (const l of lints) {
      const li = el('li', l.severity || '', l.message);
      li.dataset.rule = l.rule || '';
      list.append(li);
    }
    place();
  }

  function platform() {
    const site = c.site();
    const map = { x: 'x', youtube: 'youtube', facebook: 'facebook', instagram: 'instagram', linkedin: 'linkedin' };
    return (site && map[site.name]) || 'generic';
  }

  function close() {
    if (c.panel) c.panel.hidden = true;
    c.box = null;
    c.rec = null;
  }

  /** What the assistant shows, for the browser tests (see KrOverlay.inspect: extension pages only, test flag). */
  function inspect() {
    const p = c.panel;
    if (!p || !p.isConnected) return { open: false };
    const r = (el) => globalThis.KrOverlay.rectOf(el);
    const avoid = (c.avoid || []).map((a) => (a ? { x: a.left, y: a.top, w: a.width, h: a.height } : null));
    return {
      open: !p.hidden,
      rect: r(p),
      side: p.dataset.side || null,
      viewport: globalThis.KrOverlay.viewport(),
      focusInside: p.contains(p.getRootNode().activeElement),
      box: avoid[1] || null,
      comment: c.rec && c.rec.button ? r(c.rec.anchor || c.rec.el) : null,
      close: p.querySelector('button.close') ? r(p.querySelector('button.close')) : null,
      suggestions: [...p.querySelectorAll('.sugg')].map((row) => ({
        text: row.querySelector('p').textContent, insert: r(row.querySelector('button.kr-insert')),
      })),
      lints: [...p.querySelectorAll('.lints li')].map((li) => ({ rule: li.dataset.rule || null, text: li.textContent })),
    };
  }

  /** For the browser tests (test hooks only): untrusted clicks on every button of the assistant. */
  function untrustedClicks() {
    if (!c.panel || c.panel.hidden) return 0;
    let n = 0;
    for (const b of c.panel.querySelectorAll('button')) {
      b.click();
      b.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, view: window }));
      n += 2;
    }
    return n;
  }

  globalThis.KrReply = { init, openFor, close, inspect, untrustedClicks };
})();
