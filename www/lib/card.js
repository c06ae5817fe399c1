// The comment card: one analysed comment with its level, score, evidence marks in the text, signal and
// category chips, and the reasons. Shared by the demo page and the extension panel.
//
// Comment text is only ever put into the DOM as text nodes (never parsed as HTML). Spans in the analysis are
// UTF-16 offsets (what the WASM package returns), so they index JS strings directly.

const LEVEL_RANK = { monitor: 0, respond: 1, escalate: 2 };

/** Criticality first (level, then score), input order for ties. */
export function compareByCriticality(a, b) {
  const la = LEVEL_RANK[a.criticality.level] ?? 0;
  const lb = LEVEL_RANK[b.criticality.level] ?? 0;
  return lb - la || b.criticality.score - a.criticality.score;
}

/** Looks up German / English labels in the core's `catalogue()`. */
export function makeLabels(catalogue) {
  const index = {};
  for (const group of ['signals', 'categories', 'topics', 'levels', 'threadStatus', 'verdicts']) {
    index[group] = new Map((catalogue[group] || []).map((l) => [l.key, l]));
  }
  return (group, key, lang) => {
    const l = index[group] && index[group].get(key);
    return l ? l[lang] || l.en : key;
  };
}

const UI = {
  de: {
    score: 'Kritikalität', reasons: 'Gründe', private: 'privat antworten', public: 'öffentlich antworten',
    reply: 'Antworten', evidence: 'Beleg', language: { de: 'Deutsch', en: 'Englisch', other: 'andere Sprache' },
  },
  en: {
    score: 'Criticality', reasons: 'Reasons', private: 'answer privately', public: 'answer in public',
    reply: 'Reply', evidence: 'Evidence', language: { de: 'German', en: 'English', other: 'other language' },
  },
};

// Which highlight wins where evidence overlaps (first wins).
const MARK_ORDER = ['toxic', 'pii', 'signal', 'watch', 'neg', 'pos', 'topic'];

function markKind(ev) {
  switch (ev.facet) {
    case 'toxic': return 'toxic';
    case 'personal_data': return 'pii';
    case 'signal': return ev.label === 'praise' ? 'pos' : 'signal';
    case 'watch_word': return 'watch';
    case 'sentiment': return ev.weight < 0 ? 'neg' : 'pos';
    case 'topic': return 'topic';
    default: return null; // modifiers and language cues are not marked in the text
  }
}

function evidenceTitle(ev, label, lang) {
  let what;
  switch (ev.facet) {
    case 'toxic': what = label('categories', ev.label, lang); break;
    case 'signal': what = label('signals', ev.label, lang); break;
    case 'topic': what = label('topics', ev.label, lang); break;
    case 'personal_data': what = lang === 'de' ? 'Persönliche Daten' : 'Personal data'; break;
    case 'watch_word': what = lang === 'de' ? 'Beobachtetes Stichwort' : 'Watch word'; break;
    case 'sentiment': what = ev.weight < 0 ? (lang === 'de' ? 'Negativ' : 'Negative') : (lang === 'de' ? 'Positiv' : 'Positive'); break;
    default: what = ev.facet;
  }
  return `${what} · ${ev.id}`;
}

/**
 * The text with evidence marks, as DOM nodes. `evidence` spans are UTF-16 offsets into `text`.
 * Overlapping evidence is split at every boundary; each piece is marked with the strongest kind covering it.
 */
export function renderMarkedText(text, evidence, { label, lang = 'en', doc = document } = {}) {
  const frag = doc.createDocumentFragment();
  const marks = [];
  (evidence || []).forEach((ev, i) => {
    const kind = markKind(ev);
    const s = Math.max(0, Math.min(text.length, ev.span.start));
    const e = Math.max(s, Math.min(text.length, ev.span.end));
    if (kind && e > s) marks.push({ s, e, kind, ev, i });
  });
  const cuts = new Set([0, text.length]);
  for (const m of marks) { cuts.add(m.s); cuts.add(m.e); }
  const points = [...cuts].sort((a, b) => a - b);
  for (let k = 0; k + 1 < points.length; k++) {
    const a = points[k];
    const b = points[k + 1];
    const piece = text.slice(a, b);
    const covering = marks.filter((m) => m.s <= a && m.e >= b);
    if (covering.length === 0) {
      frag.append(doc.createTextNode(piece));
      continue;
    }
    covering.sort((x, y) => MARK_ORDER.indexOf(x.kind) - MARK_ORDER.indexOf(y.kind));
    const mark = doc.createElement('mark');
    mark.className = `kr-ev kr-ev-${covering[0].kind}`;
    mark.dataset.evidence = covering.map((m) => m.i).join(' ');
    if (label) mark.title = covering.map((m) => evidenceTitle(m.ev, label, lang)).join('\n');
    mark.append(doc.createTextNode(piece));
    frag.append(mark);
  }
  return frag;
}

function el(doc, tag, className, text) {
  const e = doc.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * Renders one analysed comment.
 * @param {{id: string|number, text: string, author?: string, analysis: object}} item
 * @param {{lang?: 'de'|'en', label: Function, onReply?: Function, doc?: Document}} options
 * @returns {HTMLElement}
 */
export function renderCard(item, { lang = 'en', label, onReply, doc = document } = {}) {
  const a = item.analysis;
  const t = UI[lang] || UI.en;
  const level = a.criticality.level;
  const card = el(doc, 'article', `kr-card kr-level-${level}`);
  card.dataset.id = String(item.id);
  card.dataset.level = level;
  card.dataset.score = String(a.criticality.score);
  card.tabIndex = 0;

  const head = el(doc, 'header', 'kr-card-head');
  const badge = el(doc, 'span', 'kr-level', label('levels', level, lang));
  const score = el(doc, 'span', 'kr-score');
  score.title = t.score;
  const meter = el(doc, 'span', 'kr-score-bar');
  const fill = el(doc, 'span', 'kr-score-fill');
  fill.style.width = `${Math.max(0, Math.min(100, a.criticality.score))}%`;
  meter.append(fill);
  score.append(meter, doc.createTextNode(String(a.criticality.score)));
  head.append(badge, score);
  const meta = [t.language[a.lang.code] || a.lang.code];
  if (a.topic && a.topic !== 'other') meta.push(label('topics', a.topic, lang));
  if (level !== 'monitor') meta.push(a.criticality.channel === 'private' ? t.private : t.public);
  head.append(el(doc, 'span', 'kr-meta', meta.join(' · ')));
  if (item.author) head.append(el(doc, 'span', 'kr-author', item.author));
  card.append(head);

  const text = el(doc, 'p', 'kr-text');
  text.append(renderMarkedText(item.text, a.evidence, { label, lang, doc }));
  card.append(text);

  const chips = el(doc, 'ul', 'kr-chips');
  for (const c of a.toxicity.categories) {
    const chip = el(doc, 'li', 'kr-chip kr-chip-toxic', label('categories', c, lang));
    chip.dataset.category = c;
    chips.append(chip);
  }
  for (const s of a.signals) {
    const chip = el(doc, 'li', `kr-chip kr-chip-signal${s === 'praise' ? ' kr-chip-pos' : ''}`, label('signals', s, lang));
    chip.dataset.signal = s;
    chips.append(chip);
  }
  if (chips.childElementCount) card.append(chips);

  const reasons = a.criticality.reasons.filter((r) => r.points > 0 || r.code.startsWith('channel.'));
  if (reasons.length) {
    const list = el(doc, 'ul', 'kr-reasons');
    list.setAttribute('aria-label', t.reasons);
    for (const r of reasons) {
      const li = el(doc, 'li', 'kr-reason');
      li.dataset.code = r.code;
      li.append(el(doc, 'span', 'kr-reason-text', r.message));
      if (r.points > 0) li.append(el(doc, 'span', 'kr-points', `+${Math.round(r.points)}`));
      list.append(li);
    }
    card.append(list);
  }

  if (onReply) {
    const foot = el(doc, 'footer', 'kr-card-foot');
    const btn = el(doc, 'button', 'kr-reply-btn', t.reply);
    btn.type = 'button';
    btn.addEventListener('click', () => onReply(item));
    foot.append(btn);
    card.append(foot);
  }
  const levelName = label('levels', level, lang);
  card.setAttribute('aria-label', `${levelName}, ${t.score} ${a.criticality.score}${item.author ? `, ${item.author}` : ''}`);
  return card;
}
