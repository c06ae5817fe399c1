// The reply panel: suggested replies for the chosen comment, an editor, and live tone hints with one-click
// fixes and undo. Everything comes from the core's reply assistant (`suggestReplies`, `lintReply`); when this
// build of the core does not have it, the panel says so instead of guessing.

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** The lints of a review, whatever the field is called; each with a UTF-16 span. */
export function lintsOf(review) {
  if (!review) return [];
  const list = Array.isArray(review) ? review : review.lints || review.findings || review.issues || [];
  return list.filter((l) => l && l.span && Number.isInteger(l.span.start) && Number.isInteger(l.span.end));
}

/** The first replacement a lint offers, or undefined. */
export function fixOf(lint) {
  if (typeof lint.replacement === 'string') return lint.replacement;
  const f = lint.fix || (Array.isArray(lint.fixes) ? lint.fixes[0] : undefined)
    || (Array.isArray(lint.suggestions) ? lint.suggestions[0] : undefined);
  if (typeof f === 'string') return f;
  if (f && typeof f.replacement === 'string') return f.replacement;
  if (f && typeof f.text === 'string') return f.text;
  return undefined;
}

function suggestionText(s) {
  if (typeof s === 'string') return s;
  return s && (s.text || s.reply || s.body || '');
}

export function createReplyPanel(root, { engine, strings, lang }) {
  const st = { item: null, draft: '', undo: [], lang, timer: 0 };
  const canSuggest = engine.has.suggestReplies;
  const canLint = engine.has.lintReply;

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

    if (canSuggest) {
      root.append(el('h3', null, s.suggestions));
      let list = [];
      try {
        const out = engine.suggestReplies(st.item.text, undefined, { uiLang: st.lang });
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
        li.append(el('p', null, text));
        const use = el('button', 'small', s.useSuggestion);
        use.type = 'button';
        use.addEventListener('click', () => { setDraft(text, true); editor.focus(); });
        li.append(use);
        ul.append(li);
      }
      root.append(ul);
    }

    const label = el('label', 'label', s.draft);
    label.htmlFor = 'reply-draft';
    const editor = el('textarea', 'draft');
    editor.id = 'reply-draft';
    editor.rows = 5;
    editor.placeholder = s.draftPlaceholder;
    editor.value = st.draft;
    editor.addEventListener('input', () => {
      st.draft = editor.value;
      clearTimeout(st.timer);
      st.timer = setTimeout(renderLints, 120);
    });
    root.append(label, editor);
    const tools = el('div', 'row');
    const undo = el('button', 'small', s.undo);
    undo.type = 'button';
    undo.id = 'reply-undo';
    undo.disabled = st.undo.length === 0;
    undo.addEventListener('click', () => {
      if (!st.undo.length) return;
      st.draft = st.undo.pop();
      render();
    });
    tools.append(undo);
    root.append(tools);
    const lintBox = el('div', 'lints');
    lintBox.id = 'reply-lints';
    root.append(lintBox);
    renderLints();

    function renderLints() {
      lintBox.replaceChildren();
      if (!canLint) {
        lintBox.append(el('p', 'muted', s.lintUnavailable));
        return;
      }
      if (!st.draft.trim()) return;
      let review;
      try {
        review = engine.lintReply(st.draft, { comment: st.item.text, uiLang: st.lang });
      } catch (e) {
        lintBox.append(el('p', 'error', e.message));
        return;
      }
      const lints = lintsOf(review);
      // the draft with the hinted spans underlined
      const preview = el('p', 'lint-preview');
      let pos = 0;
      for (const l of [...lints].sort((a, b) => a.span.start - b.span.start)) {
        if (l.span.start < pos) continue;
        preview.append(document.createTextNode(st.draft.slice(pos, l.span.start)));
        const u = el('mark', 'lint-mark', st.draft.slice(l.span.start, l.span.end));
        u.title = l.message || '';
        preview.append(u);
        pos = l.span.end;
      }
      preview.append(document.createTextNode(st.draft.slice(pos)));
      lintBox.append(el('h3', null, s.lints), preview);
      if (!lints.length) {
        lintBox.append(el('p', 'ok', s.noLints));
        return;
      }
      const ul = el('ul', 'lint-list');
      for (const l of lints) {
        const li = el('li', 'lint');
        li.append(el('span', 'lint-msg', l.message || l.rule || l.id || ''));
        const fix = fixOf(l);
        if (fix !== undefined) {
          const b = el('button', 'small', `${s.fix}: „${fix || '∅'}“`);
          b.type = 'button';
          b.addEventListener('click', () => {
            setDraft(st.draft.slice(0, l.span.start) + fix + st.draft.slice(l.span.end), true);
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
