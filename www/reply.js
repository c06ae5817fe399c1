// The reply panel: suggested replies for the chosen comment, an editor, and live tone hints with one-click
// fixes and undo. Everything comes from the core's reply assistant (`suggestReplies`, `lintReply`); when this
// build of the core does not have it, the panel says so instead of guessing.

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** The edits of a fix applied to `text` (UTF-16 spans; overlapping edits are skipped). */
export function applyFix(text, fix) {
  const edits = [...(fix.edits || [])].sort((a, b) => a.span.start - b.span.start);
  let out = '';
  let pos = 0;
  for (const e of edits) {
    if (e.span.start < pos || e.span.end > text.length || e.span.end < e.span.start) continue;
    out += text.slice(pos, e.span.start) + e.replacement;
    pos = e.span.end;
  }
  return out + text.slice(pos);
}

function suggestionText(s) {
  if (typeof s === 'string') return s;
  return s && (s.text || s.reply || s.body || '');
}

export function createReplyPanel(root, { engine, strings, lang, label: labelOf }) {
  const st = { item: null, draft: '', undo: [], lang, timer: 0 };
  const canSuggest = engine.has.suggestReplies;
  const canLint = engine.has.lintReply;
  const label = (group, key) => (labelOf ? labelOf(group, key, st.lang) : key);
  // The brand's voice for suggestions and the brand-name rule: the company name, kept on this device only.
  // The sign-off follows the language of the comment being answered.
  const voice = () => {
    const company = st.company.trim();
    if (!company) return {};
    const en = st.item && st.item.analysis && st.item.analysis.lang.code === 'en';
    return { company, signature: en ? `Your ${company} team` : `Ihr Team von ${company}` };
  };
  try { st.company = localStorage.getItem('krisenradar.company') || ''; } catch { st.company = ''; }

  function render() {
    const s = strings();
    root.replaceChildren();
    if (!canSuggest && !canLint) {
      const p = el('p', 'notice', s.replyUnavailable);
      p.dataset.unavailable = 'true';
      root.append(p);
      if (!st.item) return;
    }
    if (!st.item) {
      root.append(el('p', 'muted', s.replyPick));
      return;
    }
    const quote = el('blockquote', 'reply-quote');
    quote.append(el('span', 'reply-to', `${s.replyTo} ${st.item.author || `#${st.item.id}`}`), el('span', 'reply-text', st.item.text));
    root.append(quote);
    if (!canSuggest && !canLint) return;

    const brand = el('div', 'brand-row');
    const brandLabel = el('label', 'label', s.company);
    brandLabel.htmlFor = 'reply-company';
    const brandInput = el('input', 'brand-input');
    brandInput.id = 'reply-company';
    brandInput.type = 'text';
    brandInput.autocomplete = 'organization';
    brandInput.placeholder = s.companyPlaceholder;
    brandInput.value = st.company;
    brandInput.addEventListener('change', () => {
      st.company = brandInput.value;
      try { localStorage.setItem('krisenradar.company', st.company); } catch { /* ignore */ }
      render();
    });
    brand.append(brandLabel, brandInput);
    root.append(brand);
    if (!canSuggest) {
      root.append(el('p', 'muted small-note', s.suggestUnavailable));
    } else {
      root.append(el('h3', null, s.suggestions));
      let list = [];
      try {
        const out = engine.suggestReplies(st.item.text, voice(), {});
        list = Array.isArray(out) ? out : (out && out.suggestions) || [];
      } catch (e) {
        root.append(el('p', 'error', e.message));
      }
      if (!list.length) root.append(el('p', 'muted', s.noSuggestions));
      const ul = el('ul', 'suggestions');
      for (const sug of list) {
        const text = suggestionText(sug);
        if (!text) continue;
        const li = el('li', 'suggestion');
        if (sug.strategy) li.dataset.strategy = sug.strategy;
        if (sug.label) li.append(el('span', 'strategy', sug.label));
        li.append(el('p', null, text));
        const use = el('button', 'small', s.useSuggestion);
        use.type = 'button';
        use.addEventListener('click', () => { setDraft(text, true); editor.focus(); });
        li.append(use);
        ul.append(li);
      }
      root.append(ul);
    }

    const draftLabel = el('label', 'label', s.draft);
    draftLabel.htmlFor = 'reply-draft';
    // the editor: a transparent textarea over a backdrop that draws the same text with the hinted spans underlined
    const wrap = el('div', 'editor');
    const backdrop = el('div', 'editor-backdrop');
    backdrop.setAttribute('aria-hidden', 'true');
    const editor = el('textarea', 'editor-input');
    editor.id = 'reply-draft';
    editor.rows = 5;
    editor.placeholder = s.draftPlaceholder;
    editor.value = st.draft;
    editor.setAttribute('aria-describedby', 'reply-lints');
    const fit = () => {
      editor.style.height = 'auto';
      editor.style.height = `${Math.max(editor.scrollHeight, 96)}px`;
    };
    editor.addEventListener('input', () => {
      st.draft = editor.value;
      fit();
      drawBackdrop([]);
      clearTimeout(st.timer);
      st.timer = setTimeout(renderLints, 150);
    });
    wrap.append(backdrop, editor);
    root.append(draftLabel, wrap);
    const tools = el('div', 'row');
    const verdict = el('span', 'verdict');
    verdict.id = 'reply-verdict';
    const undo = el('button', 'small', s.undo);
    undo.type = 'button';
    undo.id = 'reply-undo';
    undo.disabled = st.undo.length === 0;
    undo.addEventListener('click', () => {
      if (!st.undo.length) return;
      st.draft = st.undo.pop();
      render();
      document.getElementById('reply-draft')?.focus();
    });
    tools.append(undo, verdict);
    root.append(tools);
    const lintBox = el('div', 'lints');
    lintBox.id = 'reply-lints';
    lintBox.setAttribute('aria-live', 'polite');
    root.append(lintBox);
    requestAnimationFrame(fit);
    renderLints();

    // Overlapping hints are split at every boundary; each piece is drawn in the style of the most specific
    // (shortest) hint covering it, so a short "!!!" stays visible inside a sentence-wide hint.
    function drawBackdrop(lints) {
      backdrop.replaceChildren();
      const text = st.draft;
      const spans = lints
        .map((l) => ({ s: l.span.start, e: Math.min(l.span.end, text.length), sev: l.severity }))
        .filter((x) => x.e > x.s);
      const cuts = new Set([0, text.length]);
      for (const x of spans) { cuts.add(x.s); cuts.add(x.e); }
      const points = [...cuts].sort((a, b) => a - b);
      for (let k = 0; k + 1 < points.length; k++) {
        const a = points[k];
        const b = points[k + 1];
        const covering = spans.filter((x) => x.s <= a && x.e >= b).sort((x, y) => (x.e - x.s) - (y.e - y.s));
        const piece = text.slice(a, b);
        if (!covering.length) backdrop.append(document.createTextNode(piece));
        else backdrop.append(el('mark', `lint-mark sev-${covering[0].sev}`, piece));
      }
      backdrop.append(document.createTextNode('\n'));
    }

    function renderLints() {
      lintBox.replaceChildren();
      verdict.textContent = '';
      if (!canLint) {
        lintBox.append(el('p', 'muted', s.lintUnavailable));
        drawBackdrop([]);
        return;
      }
      if (!st.draft.trim()) { drawBackdrop([]); return; }
      let review;
      try {
        review = engine.lintReply(st.draft, { comment: st.item.text, voice: voice() });
      } catch (e) {
        lintBox.append(el('p', 'error', e.message));
        return;
      }
      const lints = review.lints || [];
      drawBackdrop(lints);
      verdict.dataset.verdict = review.verdict;
      verdict.textContent = `${s.verdict}: ${label('verdicts', review.verdict)}`;
      if (!lints.length) {
        lintBox.append(el('p', 'ok', s.noLints));
        return;
      }
      lintBox.append(el('h3', null, s.lints));
      const ul = el('ul', 'lint-list');
      for (const l of lints) {
        const li = el('li', `lint sev-${l.severity}`);
        li.dataset.rule = l.rule;
        const msg = el('button', 'lint-msg', l.message);
        msg.type = 'button';
        msg.title = l.rule;
        msg.addEventListener('click', () => {
          editor.focus();
          editor.setSelectionRange(l.span.start, l.span.end);
        });
        li.append(msg);
        const quoted = st.draft.slice(l.span.start, l.span.end);
        if (quoted.trim()) li.append(el('q', 'lint-quote', quoted.length > 60 ? `${quoted.slice(0, 57)}…` : quoted));
        for (const fix of l.fixes || []) {
          if (fix.applicability === 'display_only') {
            li.append(el('span', 'fix-hint', fix.title));
            continue;
          }
          const b = el('button', 'small fix', fix.title);
          b.type = 'button';
          b.dataset.applicability = fix.applicability;
          b.addEventListener('click', () => {
            setDraft(applyFix(st.draft, fix), true);
            document.getElementById('reply-draft')?.focus();
          });
          li.append(b);
        }
        ul.append(li);
      }
      lintBox.append(ul);
    }
  }

  function setDraft(text, recordUndo) {
    if (recordUndo && text !== st.draft) st.undo.push(st.draft);
    st.draft = text;
    render();
  }

  render();
  return {
    select(item) {
      if (!item || !st.item || String(item.id) !== String(st.item.id)) {
        st.draft = '';
        st.undo = [];
      }
      st.item = item;
      render();
    },
    setLang(l) {
      if (l === st.lang) return;
      st.lang = l;
      render();
    },
  };
}
