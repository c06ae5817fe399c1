// Finds the posts and comments on a page with the site adapters (adapters/sites.json).
//
// This is the browser twin of `krisenradar scan` (src/cli/scan.rs): the same adapter data, the same rules
// for which text belongs to which item and how it reads, so a page gives the same comments in the browser
// and on the command line. The Playwright tests compare both on every fixture.
// Plain script (content scripts are not modules): it defines globalThis.KrExtract.
'use strict';

(() => {
  const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'BUTTON', 'INPUT', 'TEXTAREA',
    'SELECT', 'VIDEO', 'AUDIO', 'IFRAME']);
  const BLOCK_TAGS = new Set(['ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DETAILS', 'DIV', 'DL', 'DT',
    'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN',
    'NAV', 'OL', 'P', 'PRE', 'SECTION', 'TR', 'UL']);
  // The structural fallback (src/scan/structure.rs: the same rules). Custom elements (a hyphen) hold blocks too.
  const CONTAINERS = new Set(['LI', 'ARTICLE', 'DIV', 'SECTION', 'DD', 'TR', 'TABLE']);
  const NOT_BODY_TAGS = new Set(['A', 'BUTTON', 'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'INPUT', 'TEXTAREA',
    'SELECT', 'VIDEO', 'AUDIO', 'IFRAME', 'TIME', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE']);
  const HEADINGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
  const DATE_MAX_CHARS = 60;
  const MAIN_SHARE = 0.5; // a block's words are read from the child holding at least this share of them
  const DATE_DECORATION = /^[\s·•|\-–—(),]+|[\s·•|\-–—(),]+$/g;
  // A line of only these is no text ("Ingrid · 3. November").
  const SEPARATOR_LINE = /^[\s·•|\-–—,:/]*$/;
  // The extension's own elements (badge hosts; overlay.js adds them) are never part of a page's text. A WeakSet
  // in the content scripts' isolated world: nothing in the page's DOM marks them.
  const OWN = globalThis.KrOwn || (globalThis.KrOwn = new WeakSet());

  /** HTML's collapsible white space (a no-break space is not one of them). */
  const HTML_SPACE = /[ \t\n\r\f]+/;

  function normalizeText(raw) {
    const out = [];
    for (const line of raw.split('\n')) {
      const words = line.split(HTML_SPACE).filter((w) => w !== '');
      if (words.length) out.push(words.join(' '));
    }
    return out.join('\n');
  }

  function tagOf(el) {
    // SVG elements report lower-case names; custom elements upper-case like all HTML elements.
    return el.tagName.toUpperCase();
  }

  function safeMatches(el, sel) {
    try { return el.matches(sel); } catch { return false; }
  }

  function anyMatch(el, list) {
    for (const s of list) if (safeMatches(el, s)) return true;
    return false;
  }

  /** Compiles an adapter definition: validates selectors once, keeps only those the browser understands. */
  function compile(def) {
    const ok = (s) => {
      try { document.createDocumentFragment().querySelector(s); return true; } catch { return false; }
    };
    const list = (l) => (Array.isArray(l) ? l.filter((s) => typeof s === 'string' && ok(s)) : []);
    const fields = (l) => (Array.isArray(l) ? l.filter((f) => f && (!f.sel || ok(f.sel))) : []);
    return {
      name: def.name,
      label: def.label || def.name,
      hosts: (def.hosts || []).map((h) => String(h).toLowerCase()),
      detect: list(def.detect),
      items: (def.items || []).filter((i) => i && ok(i.selector) && (!i.when || ok(i.when))),
      text: list(def.text),
      exclude: list(def.exclude),
      skip: list(def.skip),
      inline: list(def.inline),
      reply: list(def.reply),
      depthBy: Array.isArray(def.depthBy)
        ? def.depthBy.filter((x) => x && typeof x.selector === 'string' && ok(x.selector) && Number.isInteger(x.depth))
        : [],
      author: fields(def.author),
      time: fields(def.time),
      permalink: fields(def.permalink),
      replyBox: list(def.replyBox),
      more: list(def.more),
      expand: list(def.expand),
      deleted: list(def.deleted && def.deleted.selectors),
      deletedTexts: (def.deleted && def.deleted.texts) || [],
      heuristic: compileStructure(def.heuristic, ok),
    };
  }

  /** The structural fallback's hints: each list joined into one selector, the dates into one pattern. */
  function compileStructure(h, ok) {
    if (!h) return null;
    const sel = (l) => (Array.isArray(l) ? l.filter((x) => typeof x === 'string' && ok(x)).join(', ') : '') || ':not(*)';
    let dates;
    try {
      const edited = '(?:\\s*\\(?(?:bearbeitet|edited)\\)?\\s*)?'; // "(bearbeitet)" / "(edited)" around a date
      const prefix = typeof h.datePrefix === 'string' ? h.datePrefix : '';
      dates = new RegExp(`^${edited}(?:${prefix})(?:${(h.dates || []).map((d) => `(?:${d})`).join('|')})${edited}$`, 'i');
    } catch {
      dates = /(?!)/;
    }
    return {
      minSiblings: Math.max(1, h.minSiblings | 0),
      minTextChars: h.minTextChars | 0,
      author: sel(h.author),
      time: sel(h.time),
      chrome: sel(h.chrome),
      controls: sel(h.controls),
      dates,
    };
  }

  /** The adapters whose host entries match `host`, most specific first (equal ones in file order). */
  function sitesForHost(sites, host) {
    host = String(host || '').toLowerCase();
    const matched = [];
    sites.forEach((s, order) => {
      let best = -1;
      for (const h of s.hosts) if ((host === h || host.endsWith(`.${h}`)) && h.length > best) best = h.length;
      if (best >= 0) matched.push({ s, best, order });
    });
    matched.sort((a, b) => b.best - a.best || a.order - b.order);
    return matched.map((m) => m.s);
  }

  /**
   * The adapters to try, in order (src/scan/adapters.rs `candidates`): those for the address, those whose
   * `detect` markup is on the page, then the generic adapter.
   */
  function candidates(sites, doc, host) {
    const out = sitesForHost(sites, host);
    for (const s of sites) {
      if (!out.includes(s) && s.detect.some((sel) => doc.querySelector(sel))) out.push(s);
    }
    const generic = sites.find((s) => s.name === 'generic');
    const list = out.filter((s) => s.name !== 'generic');
    if (generic) list.push(generic);
    return list;
  }

  /**
   * Whether an adapter finds at least one item with words on the page (stops at the first one). The generic
   * adapter reads the whole page the way `extract` does (markup or structural fallback, block texts).
   */
  function findsSomething(doc, site) {
    if (site.heuristic) return extract(doc, site).length > 0;
    if (site.items.length) {
      const sel = site.items.map((i) => i.selector).join(', ');
      const def = (el) => site.items.find((i) => safeMatches(el, i.selector) && (!i.when || el.querySelector(i.when)));
      const page = new Page(site);
      page.items = { has: (el) => safeMatches(el, sel) && !!def(el), add() {} };
      let list;
      try { list = doc.querySelectorAll(sel); } catch { list = []; }
      if (list.length) {
        for (const el of list) {
          if (!def(el) || anyMatch(el, site.deleted)) continue;
          const text = page.itemText(el);
          if (text && !site.deletedTexts.includes(text.trim())) return true;
        }
      }
    }
    return false;
  }

  /**
   * The adapter for a page: the first candidate that finds something. `settled` is false when none does yet
   * (a page still loading its comments): the first candidate is returned and the caller asks again later.
   */
  function chooseSite(sites, doc, host) {
    const list = candidates(sites, doc, host);
    const tried = [];
    for (const s of list) {
      tried.push(s.name);
      if (findsSomething(doc, s)) return { site: s, settled: true, tried };
    }
    return { site: list[0] || null, settled: false, tried };
  }

  /** A selector list as one string (each part was validated), or null when empty. */
  function joined(list) {
    return list && list.length ? list.join(', ') : null;
  }

  /**
   * One extraction context: a site and the set of item elements currently on the page. For many items at once,
   * prepare() runs each text and field selector once over the document and hands every match to the item that
   * owns it (instead of one query per item); the rules are the same.
   */
  class Page {
    constructor(site) {
      this.site = site;
      this.items = new Set();
      // Found by the structural fallback: the authors and times inside the blocks, left out of their words.
      this.meta = null;
      this.main = null; // block element → the element that holds its words (structural hints)
      this.withMeta = false;
      this.excludeSel = joined(site.exclude);
      this.skipSel = joined(site.skip);
      this.textSel = joined(site.text);
      this.inlineSel = joined(site.inline);
      this.prepared = null;
      // Characters of raw text read per item before stopping (`cut` tells): a 5 MB comment is not read whole.
      this.limit = Infinity;
      this.left = Infinity;
      this.cut = false;
    }

    isExcluded(el) { return this.excludeSel !== null && safeMatches(el, this.excludeSel); }

    ownedBy(el, item) {
      for (let e = el; e; e = e.parentElement) {
        if (e === item) return true;
        if (this.items.has(e) || this.isExcluded(e)) return false;
      }
      return false;
    }

    /** The item that owns `el` (nearest item above it, nothing excluded on the way), or null. */
    ownerOf(el) {
      if (this.items.has(el) || this.isExcluded(el)) return null;
      for (let e = el.parentElement; e; e = e.parentElement) {
        if (this.items.has(e)) return e;
        if (this.isExcluded(e)) return null;
      }
      return null;
    }

    /** Document-wide queries for the text containers and fields of all current items. */
    prepare(root) {
      for (const step of this.prepareSteps(root)) step();
    }

    /** The same in steps (one selector each), so a caller can yield to the page between them. */
    prepareSteps(root) {
      const site = this.site;
      const texts = new Map();
      const fields = { author: [], time: [], permalink: [] };
      this.prepared = { texts, fields };
      const steps = [];
      for (const sel of site.text) {
        steps.push(() => {
          for (const el of root.querySelectorAll(sel)) {
            const owner = this.ownerOf(el);
            if (!owner) continue;
            let list = texts.get(owner);
            if (!list) texts.set(owner, (list = []));
            if (!list.includes(el)) list.push(el);
          }
        });
      }
      for (const name of ['author', 'time', 'permalink']) {
        site[name].forEach((f, i) => {
          fields[name][i] = null;
          if (!f.sel) return;
          steps.push(() => {
            const first = new Map();
            for (const el of root.querySelectorAll(f.sel)) {
              const owner = this.ownerOf(el);
              if (owner && !first.has(owner)) first.set(owner, el);
            }
            fields[name][i] = first;
          });
        });
      }
      return steps;
    }

    skipped(el) {
      const tag = tagOf(el);
      return SKIPPED_TAGS.has(tag)
        || OWN.has(el)
        || el.getAttribute('role') === 'button'
        || el.hasAttribute('hidden')
        || el.getAttribute('contenteditable') === 'true'
        || (this.skipSel !== null && safeMatches(el, this.skipSel));
    }

    visibleText(root, out) {
      for (let n = root.firstChild; n; n = n.nextSibling) {
        if (this.left <= 0) { this.cut = true; return; }
        const type = n.nodeType;
        if (type === 3) {
          const d = n.data;
          if (d.length > this.left) { out.push(d.slice(0, this.left)); this.left = 0; this.cut = true; return; }
          this.left -= d.length;
          out.push(d);
          continue;
        }
        if (type !== 1) continue;
        const el = n;
        if (this.items.has(el) || this.isExcluded(el) || this.skipped(el)) continue;
        if (this.meta !== null && !this.withMeta && this.meta.has(el)) continue;
        const tag = tagOf(el);
        if (tag === 'BR') out.push('\n');
        else if (tag === 'IMG') { const alt = el.getAttribute('alt'); if (alt !== null) out.push(alt); }
        else if (BLOCK_TAGS.has(tag) && !(this.inlineSel !== null && safeMatches(el, this.inlineSel))) {
          out.push('\n'); this.visibleText(el, out); out.push('\n');
        } else this.visibleText(el, out);
      }
    }

    textOf(el, shared = false) {
      if (!shared) { this.left = Infinity; this.cut = false; }
      const out = [];
      this.visibleText(el, out);
      return normalizeText(out.join(''));
    }

    field(item, fields, name) {
      const pre = this.prepared && name ? this.prepared.fields[name] : null;
      for (let i = 0; i < fields.length; i++) {
        const f = fields[i];
        let el = null;
        if (!f.sel) el = item;
        else if (pre && pre[i]) el = pre[i].get(item) || null;
        else {
          for (const c of item.querySelectorAll(f.sel)) { if (this.ownedBy(c, item)) { el = c; break; } }
        }
        if (!el) continue;
        let value;
        if (f.attr) {
          const a = el.getAttribute(f.attr);
          if (a === null) continue;
          value = a.trim();
        } else value = this.metaText(el);
        if (value) return value;
      }
      return null;
    }

    /** The item's own text containers: outermost only, document order. */
    containers(item) {
      let found;
      if (this.prepared) found = this.prepared.texts.get(item) || [];
      else {
        // one query for all the text selectors (document order, each element once)
        found = [];
        if (this.textSel !== null) for (const el of item.querySelectorAll(this.textSel)) if (this.ownedBy(el, item)) found.push(el);
      }
      if (found.length < 2) return found;
      const set = new Set(found);
      return found.filter((el) => {
        for (let a = el.parentElement; a && a !== item; a = a.parentElement) if (set.has(a)) return false;
        return true;
      }).sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    }

    /** The item's own words, or null when it has no text container (media only). */
    itemText(item) {
      return this.textIn(this.containers(item));
    }

    /** The words of an item's text containers (`containers`), or null when it has none. */
    textIn(list) {
      this.left = this.limit;
      this.cut = false;
      if (!list.length) return null;
      return list.map((el) => this.textOf(el, true)).filter((t) => t).join('\n');
    }

    /** The text of an author or time element (which textOf leaves out of a block's words). */
    metaText(el) {
      this.withMeta = true;
      try { return this.textOf(el).replace(/\n/g, ' '); } finally { this.withMeta = false; }
    }

    /** A comment-like block's words: its text without the author and the time, and without separator lines. */
    blockText(el) {
      const main = (this.main && this.main.get(el)) || el;
      return this.textOf(main).split('\n').filter((l) => !SEPARATOR_LINE.test(l)).join('\n');
    }

    /** A block's author and time from the structural hints (first owned author element; first time element). */
    blockFields(item, h) {
      let author = null;
      let time = null;
      const stack = [...item.children].reverse();
      while (stack.length && (author === null || time === null)) {
        const c = stack.pop();
        if (this.items.has(c) || this.isExcluded(c)) continue;
        if (!this.meta.has(c)) {
          for (let k = c.lastElementChild; k; k = k.previousElementSibling) stack.push(k);
          continue;
        }
        if (safeMatches(c, h.author)) {
          if (author === null) author = this.metaText(c) || null;
        } else if (time === null) {
          const d = c.getAttribute('datetime');
          time = (d !== null ? d.trim() : this.metaText(c)) || null;
        }
      }
      return { author, time };
    }
  }

  /** The length normalizeText gives a text, in pieces that join (see TextLen in src/scan/extract.rs). */
  const EMPTY_LEN = Object.freeze({ chars: 0, words: 0, lead: false, trail: false, empty: true });
  function lenOf(text) {
    if (text === '') return EMPTY_LEN;
    let chars = 0;
    let words = 0;
    let inWord = false;
    let first = true;
    let lead = false;
    for (const c of text) {
      const space = c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
      if (first) { lead = !space; first = false; }
      if (!space) { chars += 1; if (!inWord) words += 1; }
      inWord = !space;
    }
    return { chars, words, lead, trail: inWord, empty: false };
  }
  function lenThen(a, b) {
    if (a.empty) return b;
    if (b.empty) return a;
    return { chars: a.chars + b.chars, words: a.words + b.words - (a.trail && b.lead ? 1 : 0),
      lead: a.lead, trail: b.trail, empty: false };
  }
  function lenValue(t) { return t.chars + Math.max(0, t.words - 1); }

  function isDate(h, text) {
    const core = text.replace(DATE_DECORATION, '');
    return core !== '' && [...core].length <= DATE_MAX_CHARS && h.dates.test(core);
  }

  /**
   * Comment-like blocks (src/scan/structure.rs: the same rules, in the same stages — facts per element, the
   * selection by shape, wrappers and parts, then each block's main element): an author, a time and words of their
   * own, not a teaser, not in page chrome, not a wrapper of other blocks, and a shape that repeats. With `given`,
   * those items instead of a search. Returns {items, meta, main}: the blocks in document order, the set of author
   * and time elements, and each block's main element.
   */
  function structuralBlocks(root, h, given = null) {
    const els = [root, ...root.querySelectorAll('*')];
    const n = els.length;
    const index = new Map();
    els.forEach((e, i) => index.set(e, i));
    const parent = els.map((e) => (e === root ? -1 : index.get(e.parentElement) ?? -1));
    const chrome = new Array(n).fill(false);
    for (let i = 0; i < n; i++) {
      const p = parent[i];
      chrome[i] = (p >= 0 && chrome[p]) || safeMatches(els[i], h.chrome);
    }
    const body = new Array(n).fill(EMPTY_LEN);
    const whole = new Array(n).fill(EMPTY_LEN);
    const author = new Array(n).fill(false);
    const time = new Array(n).fill(false);
    const link = new Array(n).fill(false);
    const heading = new Array(n).fill(false);
    const teaser = new Array(n).fill(false);
    const meta = new Array(n).fill(false);
    const isAuthor = els.map((e) => safeMatches(e, h.author));
    const isTime = els.map((e) => safeMatches(e, h.time));
    const isControl = els.map((e) => safeMatches(e, h.controls));
    const notBodyAt = els.map((el, c) => NOT_BODY_TAGS.has(tagOf(el)) || OWN.has(el) || el.hasAttribute('hidden')
      || isControl[c] || isAuthor[c] || isTime[c] || safeMatches(el, h.chrome));
    for (let i = n - 1; i >= 0; i--) {
      const el = els[i];
      const tag = tagOf(el);
      let t = EMPTY_LEN;
      let w = EMPTY_LEN;
      let dated = false;
      let a = isAuthor[i];
      let tm = isTime[i];
      // a link elsewhere: not the author's, not an anchor on the page (a heading around a name or a permalink is no teaser)
      let l = tag === 'A' && !isAuthor[i] && !(el.getAttribute('href') || '').startsWith('#');
      let hd = false;
      let te = false;
      for (let c = el.firstChild; c; c = c.nextSibling) {
        if (c.nodeType === 3) {
          const len = lenOf(c.data);
          t = lenThen(t, len);
          w = lenThen(w, len);
          if (!dated && isDate(h, c.data)) dated = true;
        } else if (c.nodeType === 1) {
          const ci = index.get(c);
          if (ci === undefined) continue;
          w = lenThen(w, whole[ci]);
          a = a || author[ci];
          tm = tm || time[ci];
          l = l || link[ci];
          hd = hd || heading[ci] || HEADINGS.has(tagOf(els[ci]));
          te = te || teaser[ci];
          if (!notBodyAt[ci]) t = lenThen(t, body[ci]);
        }
      }
      te = te || (HEADINGS.has(tag) && l) || (tag === 'A' && hd);
      const dateLine = dated && lenValue(w) <= DATE_MAX_CHARS;
      tm = tm || dateLine;
      meta[i] = isAuthor[i] || isTime[i] || dateLine;
      whole[i] = w;
      body[i] = dateLine ? EMPTY_LEN : t;
      author[i] = a;
      time[i] = tm;
      link[i] = l;
      heading[i] = hd;
      teaser[i] = te;
    }
    // Shapes: tag and first class (later classes vary between siblings of one kind: odd/even, depth, ids).
    const shapes = new Map();
    const shape = new Array(n).fill(-1);
    for (let i = 0; i < n; i++) {
      const el = els[i];
      const tag = tagOf(el);
      const ok = !chrome[i] && (CONTAINERS.has(tag) || tag.includes('-')) && author[i] && time[i] && !teaser[i]
        && lenValue(body[i]) >= h.minTextChars;
      if (!ok) continue;
      const first = (el.getAttribute('class') || '').split(/[ \t\n\r\f]+/).find((x) => x !== '') || '';
      const key = `${el.tagName.toLowerCase()}|${first}`;
      if (!shapes.has(key)) shapes.set(key, shapes.size);
      shape[i] = shapes.get(key);
    }
    // The words of the outermost qualifying blocks strictly below each element: in all, and for up to two shapes
    // with the most ([shape, words]) — enough to tell the words of other shapes (src/scan/structure.rs).
    const wordsOf = body.map(lenValue);
    const cover = new Array(n).fill(0);
    const byShape = els.map(() => [[-1, 0], [-1, 0]]);
    const add = (set, e) => {
      if (e[0] < 0) return;
      const x = set.find((y) => y[0] === e[0]);
      if (x) x[1] += e[1];
      else if (set[1][0] < 0 || set[1][1] < e[1]) set[1] = [e[0], e[1]];
      if (set[0][0] < 0 || set[1][1] > set[0][1]) { const t = set[0]; set[0] = set[1]; set[1] = t; }
    };
    for (let i = n - 1; i >= 1; i--) {
      const p = parent[i];
      if (p < 0) continue;
      if (shape[i] >= 0) {
        cover[p] += wordsOf[i];
        add(byShape[p], [shape[i], wordsOf[i]]);
      } else {
        cover[p] += cover[i];
        add(byShape[p], byShape[i][0]);
        add(byShape[p], byShape[i][1]);
      }
    }
    // A block wraps blocks of other shapes when they hold at least half of its words; smaller ones are parts of it
    // (a header row with name and date). Blocks of its own shape below it are its replies.
    const wraps = (i) => {
      const own = byShape[i].find((x) => x[0] === shape[i]);
      return Math.max(0, cover[i] - (own ? own[1] : 0)) * 2 >= wordsOf[i];
    };
    const outer = els.map(() => [-1, 0]);
    for (let i = 1; i < n; i++) {
      const p = parent[i];
      if (p < 0) continue;
      outer[i] = shape[p] >= 0 && !wraps(p) ? [shape[p], wordsOf[p]] : outer[p];
    }
    const partOfOuter = (i) => outer[i][0] >= 0 && outer[i][0] !== shape[i] && wordsOf[i] * 2 < outer[i][1];
    // Words of each element without those of the given blocks below it.
    const ownWords = (isItem) => {
      const own = new Array(n).fill(EMPTY_LEN);
      for (let i = n - 1; i >= 0; i--) {
        if (meta[i]) continue;
        let t = EMPTY_LEN;
        for (let c = els[i].firstChild; c; c = c.nextSibling) {
          if (c.nodeType === 3) t = lenThen(t, lenOf(c.data));
          else if (c.nodeType === 1) {
            const ci = index.get(c);
            if (ci !== undefined && !isItem[ci] && !notBodyAt[ci]) t = lenThen(t, own[ci]);
          }
        }
        own[i] = t;
      }
      return own.map(lenValue);
    };
    let kept = [];
    for (let i = 0; i < n; i++) if (shape[i] >= 0 && !wraps(i) && !partOfOuter(i)) kept.push(i);
    // A block whose words are all in blocks of its own shape below it is a list of them, not a comment.
    const isKept = new Array(n).fill(false);
    for (const i of kept) isKept[i] = true;
    const keptOwn = ownWords(isKept);
    kept = kept.filter((i) => keptOwn[i] >= h.minTextChars);
    const count = new Array(shapes.size).fill(0);
    for (const i of kept) count[shape[i]] += 1;
    const metaSet = new Set();
    for (let i = 0; i < n; i++) if (meta[i]) metaSet.add(els[i]);
    const items = given ? given.map((el) => index.get(el)).filter((i) => i !== undefined)
      : kept.filter((i) => count[shape[i]] >= h.minSiblings);
    // The element that holds each block's words (src/scan/structure.rs `main_child`): the child with most of the
    // words while every other child with words is a row (author, time or controls), as deep as that goes.
    const isItem = new Array(n).fill(false);
    for (const i of items) isItem[i] = true;
    const words = ownWords(isItem);
    const row = new Array(n).fill(false);
    for (let i = n - 1; i >= 0; i--) {
      row[i] = row[i] || meta[i] || isControl[i];
      if (row[i] && parent[i] >= 0) row[parent[i]] = true;
    }
    const mainChild = (cur) => {
      const total = words[cur];
      if (total === 0) return -1;
      let best = -1;
      let loose = 0;
      for (let c = els[cur].firstChild; c; c = c.nextSibling) {
        if (c.nodeType === 3) {
          if (lenValue(lenOf(c.data)) > 0) return -1;
          continue;
        }
        if (c.nodeType !== 1) continue;
        const ci = index.get(c);
        if (ci === undefined || isItem[ci] || words[ci] === 0 || notBodyAt[ci]) continue;
        if (best >= 0 && words[best] >= words[ci]) {
          if (!row[ci]) loose += 1;
        } else {
          if (best >= 0 && !row[best]) loose += 1;
          best = ci;
        }
      }
      return best >= 0 && loose === 0 && words[best] >= MAIN_SHARE * total ? best : -1;
    };
    const main = new Map();
    for (const item of items) {
      let cur = item;
      for (let next = mainChild(cur); next >= 0; next = mainChild(cur)) cur = next;
      main.set(els[item], els[cur]);
    }
    return { items: items.map((i) => els[i]), meta: metaSet, main };
  }

  /** The items of `root` in document order: [{el, kind}]. */
  function findItems(root, site) {
    const found = [];
    const seen = new Set();
    // One selector query per item entry, then document order; the first entry that matches decides the kind.
    const candidates = [];
    for (const def of site.items) {
      for (const el of root.querySelectorAll(def.selector)) candidates.push(el);
      if (root.nodeType === 1 && safeMatches(root, def.selector)) candidates.push(root);
    }
    const ordered = [...new Set(candidates)].sort((a, b) => (a === b ? 0
      : (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1)));
    for (const el of ordered) {
      if (seen.has(el)) continue;
      const def = site.items.find((i) => safeMatches(el, i.selector) && (!i.when || el.querySelector(i.when)));
      if (!def) continue;
      seen.add(el);
      found.push({ el, kind: def.kind });
    }
    return found;
  }

  /**
   * Extracts every post and comment under `root` (the document for a full scan).
   * Returns [{el, kind, text, author, time, permalink, depth}].
   */
  function extract(doc, site) {
    let items = findItems(doc, site);
    let structural = false;
    const page = new Page(site);
    if (site.heuristic && doc.documentElement) {
      // No comment markup: the structural search. Comment markup: the same reading of each item's words.
      structural = !items.length;
      const blocks = structuralBlocks(doc.documentElement, site.heuristic, structural ? null : items.map((i) => i.el));
      if (structural) items = blocks.items.map((el) => ({ el, kind: 'comment' }));
      page.meta = blocks.meta;
      page.main = blocks.main;
    }
    for (const i of items) page.items.add(i.el);
    page.prepare(doc);
    const found = describe(page, items);
    found.structural = structural;
    return found;
  }

  function describe(page, items) {
    const site = page.site;
    const comments = new Set(items.filter((i) => i.kind === 'comment').map((i) => i.el));
    const out = [];
    for (const { el, kind } of items) {
      if (anyMatch(el, site.deleted)) continue;
      let text = page.itemText(el);
      if (text === null) {
        if (site.heuristic) text = page.blockText(el);
        else continue;
      }
      if (!text || site.deletedTexts.includes(text.trim())) continue;
      let depth = depthBy(site, el);
      if (depth === null) {
        depth = 0;
        for (let a = el.parentElement; a; a = a.parentElement) if (comments.has(a)) depth += 1;
        if (anyMatch(el, site.reply)) depth += 1;
      }
      let author = page.field(el, site.author, 'author');
      let time = page.field(el, site.time, 'time');
      if (site.heuristic) {
        const b = page.blockFields(el, site.heuristic);
        author = author ?? b.author;
        time = time ?? b.time;
      }
      out.push({
        el, kind, text, depth, author, time,
        permalink: page.field(el, site.permalink, 'permalink'),
      });
    }
    return out;
  }

  /** The reply depth the adapter reads from indentation (`depthBy`), or null. */
  function depthBy(site, el) {
    for (const d of site.depthBy || []) if (safeMatches(el, d.selector)) return d.depth;
    return null;
  }

  /** An adapter from the user's own selectors (options page): {name, hosts, item, text, author}. */
  function customSite(c) {
    return compile({
      name: `custom:${c.host}`,
      label: c.host,
      hosts: [c.host],
      items: [{ selector: c.item, kind: 'comment' }],
      text: c.text ? [c.text] : [],
      author: c.author ? [{ sel: c.author }] : [],
      time: [{ sel: 'time', attr: 'datetime' }],
      permalink: [],
      replyBox: c.replyBox ? [c.replyBox] : ['textarea', '[contenteditable="true"]'],
    });
  }

  globalThis.KrExtract = { compile, chooseSite, extract, depthBy, normalizeText, customSite, Page };
})();
