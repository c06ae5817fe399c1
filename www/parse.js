// Reads a pasted thread: a JSON array (strings or objects), JSON Lines, CSV / TSV with a header row, or plain
// text with one comment per line. Returns the comments and what was skipped, never throws.
//
// Which column (or JSON field) holds the text, the author, the id and the answered comment is decided by the
// core's `detectColumns`, from the same list of German and English names the command line uses
// (src/columns/names.tsv): "Kommentartext", "Nachricht", "Verfasser", "message", "from" … read the same
// everywhere. The page keeps no list of its own.

/**
 * @typedef {{text: number|null, author: number|null, id: number|null, parent?: number|null}} Columns
 * @typedef {(headers: string[]) => Columns} DetectColumns
 * @typedef {{id: string, text: string, author?: string, parent?: string}} Comment
 * @typedef {{kind: 'json', detail: string} | {kind: 'no-text-column', columns: string[]}
 *   | {kind: 'no-text-field', columns: string[]}} ParseError
 * @typedef {{comments: Comment[], format: 'empty'|'json'|'jsonl'|'csv'|'csv;'|'tsv'|'lines', skipped: number,
 *   columns?: {text: string, author?: string, id?: string}, error?: ParseError}} Parsed
 */

const scalar = (v) => v !== null && v !== undefined && typeof v !== 'object';

/** RFC 4180 fields: quotes, doubled quotes, separators and line breaks inside quotes. */
export function parseDelimited(input, sep, maxRows = Infinity) {
  const rows = [];
  let row = [];
  let i = 0;
  const n = input.length;
  while (i < n && rows.length < maxRows) {
    let field;
    if (input[i] === '"') {
      // quoted field: up to the closing quote, "" is one quote
      let out = '';
      let j = i + 1;
      for (;;) {
        const q = input.indexOf('"', j);
        if (q < 0) { out += input.slice(j); j = n; break; }
        out += input.slice(j, q);
        if (input[q + 1] === '"') { out += '"'; j = q + 2; } else { j = q + 1; break; }
      }
      // anything between the closing quote and the separator belongs to the field too (lenient)
      let k = j;
      while (k < n && input[k] !== sep && input[k] !== '\n' && input[k] !== '\r') k++;
      field = out + input.slice(j, k);
      i = k;
    } else {
      let k = i;
      while (k < n && input[k] !== sep && input[k] !== '\n' && input[k] !== '\r') k++;
      field = input.slice(i, k);
      i = k;
    }
    row.push(field);
    if (i >= n) break;
    if (input[i] === sep) { i++; if (i >= n) row.push(''); continue; }
    // line break
    if (input[i] === '\r' && input[i + 1] === '\n') i++;
    i++;
    rows.push(row);
    row = [];
  }
  if (row.length) rows.push(row);
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

// A header cell that reads like a column name rather than a sentence.
const NAME_LIKE = /^[\p{L}\p{N}_\-#/().: ]{1,40}$/u;

/**
 * A table whose header names no text column: two or more name-like header cells and data rows with as many
 * fields. With commas (common in prose) three columns are needed, so plain lines of text are not mistaken.
 */
function looksLikeTable(src, sep) {
  const rows = parseDelimited(src, sep, 21);
  const [header, ...body] = rows;
  if (!header || header.length < (sep === ',' ? 3 : 2) || !body.length) return false;
  if (!header.every((h) => NAME_LIKE.test(h.trim()) && h.trim().split(/\s+/).length <= 3)) return false;
  return body.every((r) => r.length === header.length);
}

function readObjects(list, detect) {
  const comments = [];
  let skipped = 0;
  let objects = 0;
  const keys = new Set();
  const cache = new Map(); // key signature → detected columns (exports repeat the same keys)
  list.forEach((v, i) => {
    if (typeof v === 'string') {
      if (v.trim()) comments.push({ id: String(i + 1), text: v }); else skipped++;
      return;
    }
    if (!v || typeof v !== 'object' || Array.isArray(v)) { skipped++; return; }
    objects++;
    const names = Object.keys(v);
    const sig = names.join('\u0000');
    let cols = cache.get(sig);
    if (!cols) {
      cols = detect(names);
      cache.set(sig, cols);
    }
    const get = (role) => (cols[role] === null || cols[role] === undefined ? undefined : v[names[cols[role]]]);
    const text = get('text');
    if (!scalar(text) || !String(text).trim()) {
      if (cols.text === null) for (const k of names) keys.add(k);
      skipped++;
      return;
    }
    const id = get('id');
    const author = get('author');
    const parent = get('parent');
    const c = { id: scalar(id) && String(id) !== '' ? String(id) : String(i + 1), text: String(text) };
    if (scalar(author) && String(author) !== '') c.author = String(author);
    if (scalar(parent) && String(parent) !== '') c.parent = String(parent);
    comments.push(c);
  });
  return { comments, skipped, noTextField: comments.length === 0 && objects > 0 && keys.size > 0 ? [...keys] : null };
}

/**
 * @param {string} input
 * @param {{detectColumns: DetectColumns}} core  the core's column detection (the WASM `detectColumns`)
 * @returns {Parsed}
 */
export function parseThread(input, { detectColumns }) {
  const src = String(input || '').replace(/^\uFEFF/, '');
  const trimmed = src.trim();
  if (!trimmed) return { comments: [], format: 'empty', skipped: 0 };

  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    let list;
    let format = 'json';
    let lineSkips = 0;
    try {
      const v = JSON.parse(trimmed);
      list = Array.isArray(v) ? v : Array.isArray(v.comments) ? v.comments : [v];
    } catch (e) {
      if (!trimmed.startsWith('{')) return { comments: [], format, skipped: 0, error: { kind: 'json', detail: e.message } };
      // JSON Lines: one object per line
      list = [];
      for (const line of trimmed.split(/\r?\n/)) {
        if (!line.trim()) continue;
        try { list.push(JSON.parse(line)); } catch { lineSkips++; }
      }
      if (!list.length) return { comments: [], format, skipped: 0, error: { kind: 'json', detail: e.message } };
      format = 'jsonl';
    }
    const read = readObjects(list, detectColumns);
    if (read.noTextField) return { comments: [], format, skipped: 0, error: { kind: 'no-text-field', columns: read.noTextField } };
    return { comments: read.comments, format, skipped: read.skipped + lineSkips };
  }

  const firstLine = trimmed.split(/\r?\n/, 1)[0];
  for (const sep of ['\t', ';', ',']) {
    const header = parseDelimited(firstLine, sep, 1)[0] || [];
    if (header.length < 2) continue;
    const cols = detectColumns(header);
    if (cols.text === null || cols.text === undefined) continue;
    const [, ...rows] = parseDelimited(trimmed, sep);
    const comments = [];
    let skipped = 0;
    const at = (r, role) => (cols[role] === null || cols[role] === undefined ? '' : (r[cols[role]] ?? '').trim());
    rows.forEach((r, i) => {
      const text = r[cols.text] ?? '';
      if (!text.trim()) { skipped++; return; }
      const c = { id: at(r, 'id') || String(i + 1), text };
      const author = at(r, 'author');
      const parent = at(r, 'parent');
      if (author) c.author = author;
      if (parent) c.parent = parent;
      comments.push(c);
    });
    const name = (role) => (cols[role] === null || cols[role] === undefined ? undefined : header[cols[role]].trim());
    return {
      comments,
      format: sep === ',' ? 'csv' : sep === ';' ? 'csv;' : 'tsv',
      skipped,
      columns: { text: name('text'), author: name('author'), id: name('id') },
    };
  }
  for (const sep of ['\t', ';', ',']) {
    if (looksLikeTable(trimmed, sep)) {
      const header = parseDelimited(firstLine, sep, 1)[0].map((h) => h.trim());
      return { comments: [], format: sep === ',' ? 'csv' : sep === ';' ? 'csv;' : 'tsv', skipped: 0, error: { kind: 'no-text-column', columns: header } };
    }
  }

  const comments = trimmed
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((text, i) => ({ id: String(i + 1), text }));
  return { comments, format: 'lines', skipped: 0 };
}
