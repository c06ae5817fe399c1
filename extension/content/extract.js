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
  const CHROME_TAGS = new Set(['NAV', 'HEADER', 'FOOTER', 'ASIDE', 'FORM', 'HEAD', 'SCRIPT', 'STYLE', 'TEMPLATE']);
  const HEURISTIC_CONTAINERS = new Set(['LI', 'ARTICLE', 'DIV', 'SECTION', 'BLOCKQUOTE', 'DD']);
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
      author: fields(def.author),
      time: fields(def.time),
      permalink: fields(def.permalink),
      replyBox: list(def.replyBox),
      more: list(def.more),
      expand: list(def.expand),
      deleted: list(def.deleted && def.deleted.selectors),
      deletedTexts: (def.deleted && def.deleted.texts) || [],
      heuristic: def.heuristic || null,
    };
  }

  /** The adapter whose host entry matches `host` most specifically (old.reddit.com before reddit.com). */
  function siteForHost(sites, host) {
    host = String(host || '').toLowerCase();
    let best = null;
    let bestLen = -1;
    for (const s of sites) {
      for (const h of s.hosts) {
        if ((host === h || host.endsWith(`.${h}`)) && h.length > bestLen) { best = s; bestLen = h.length; }
      }
    }
    return best;
  }

  /** By hostname, else by markup, else null (the caller decides on the generic adapter). */
  function detectSite(sites, doc, host) {
    const byHost = siteForHost(sites, host);
    if (byHost) return byHost;
    for (const s of sites) {
      for (const sel of s.detect) {
        if (doc.querySelector(sel)) return s;
      }
    }
    return null;
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
      this.excludeSel = joined(site.exclude);
      this.skipSel = joined(site.skip);
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
        } else value = this.textOf(el).replace(/\n/g, ' ');
        if (value) return value;
      }
      return null;
    }

    /** The item's own text containers: outermost only, document order. */
    containers(item) {
      let found;
      if (this.prepared) found = this.prepared.texts.get(item) || [];
      else {
        found = [];
        for (const sel of this.site.text) {
          for (const el of item.querySelectorAll(sel)) if (this.ownedBy(el, item) && !found.includes(el)) found.push(el);
        }
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
      this.left = this.limit;
      this.cut = false;
      const list = this.containers(item);
      if (!list.length) return null;
      return list.map((el) => this.textOf(el, true)).filter((t) => t).join('\n');
    }

    heuristicText(el) {
      const children = [...el.children];
      if (children.length < 2) return this.textOf(el);
      let best = '';
      for (const c of children) {
        const t = this.textOf(c);
        if ([...t].length > [...best].length) best = t;
      }
      return best;
    }
  }

  function insideChrome(el) {
    for (let a = el.parentElement; a; a = a.parentElement) if (CHROME_TAGS.has(tagOf(a))) return true;
    return false;
  }

  /** Comment-like repeated blocks (see heuristic_items in src/cli/scan.rs: the same rules). */
  function heuristicItems(root, h) {
    const textLen = (el) => [...normalizeText(el.textContent || '')].length;
    const groups = [];
    const all = root.querySelectorAll('*');
    for (const parent of all) {
      if (CHROME_TAGS.has(tagOf(parent)) || insideChrome(parent)) continue;
      const sigs = new Map();
      for (const child of parent.children) {
        if (!HEURISTIC_CONTAINERS.has(tagOf(child))) continue;
        const classes = [...child.classList].sort();
        const sig = `${child.tagName.toLowerCase()}|${classes.join('.')}`;
        if (!sigs.has(sig)) sigs.set(sig, []);
        sigs.get(sig).push(child);
      }
      for (const members of sigs.values()) {
        const long = members.filter((m) => textLen(m) >= h.minTextChars);
        if (members.length >= h.minSiblings && long.length >= h.minSiblings) groups.push(long);
      }
    }
    const sets = groups.map((g) => new Set(g));
    const out = [];
    groups.forEach((g, gi) => {
      const wrapsOther = (el) => {
        for (const d of el.querySelectorAll('*')) {
          for (let oi = 0; oi < sets.length; oi++) if (oi !== gi && sets[oi].has(d)) return true;
        }
        return false;
      };
      if (g.every(wrapsOther)) return;
      out.push(...g);
    });
    return out;
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
    let heuristic = false;
    if (!items.length && site.heuristic) {
      heuristic = true;
      items = heuristicItems(doc.body || doc.documentElement, site.heuristic)
        .map((el) => ({ el, kind: 'comment' }))
        .sort((a, b) => (a.el.compareDocumentPosition(b.el) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    }
    const page = new Page(site);
    for (const i of items) page.items.add(i.el);
    page.prepare(doc);
    return describe(page, items, heuristic);
  }

  function describe(page, items, heuristic) {
    const site = page.site;
    const comments = new Set(items.filter((i) => i.kind === 'comment').map((i) => i.el));
    const out = [];
    for (const { el, kind } of items) {
      if (anyMatch(el, site.deleted)) continue;
      let text = page.itemText(el);
      if (text === null) {
        if (heuristic) text = page.heuristicText(el);
        else if (site.name === 'generic') text = page.textOf(el);
        else continue;
      }
      if (!text || site.deletedTexts.includes(text.trim())) continue;
      let depth = 0;
      for (let a = el.parentElement; a; a = a.parentElement) if (comments.has(a)) depth += 1;
      if (anyMatch(el, site.reply)) depth += 1;
      out.push({
        el, kind, text, depth,
        author: page.field(el, site.author, 'author'),
        time: page.field(el, site.time, 'time'),
        permalink: page.field(el, site.permalink, 'permalink'),
      });
    }
    return out;
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

  globalThis.KrExtract = { compile, detectSite, siteForHost, extract, normalizeText, customSite, Page };
})();
