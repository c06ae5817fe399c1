// Reads a pasted thread: a JSON array (strings or objects), JSON Lines, CSV / TSV with a header that names the
// text column, or plain text with one comment per line. Returns the comments and what was skipped, never throws.

const TEXT_KEYS = ['text', 'comment', 'body', 'message', 'content', 'kommentar', 'nachricht', 'inhalt'];
const AUTHOR_KEYS = ['author', 'user', 'name', 'username', 'autor', 'nutzer'];
const ID_KEYS = ['id', 'comment_id', 'commentid'];

function pick(obj, keys) {
  for (const k of Object.keys(obj)) {
    if (keys.includes(k.trim().toLowerCase())) {
      const v = obj[k];
      if (v !== null && v !== undefined && typeof v !== 'object') return String(v);
    }
  }
  return undefined;
}

function fromObject(v, n) {
  if (typeof v === 'string') return { id: String(n), text: v };
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const text = pick(v, TEXT_KEYS);
    if (text === undefined) return null;
    return { id: pick(v, ID_KEYS) ?? String(n), text, author: pick(v, AUTHOR_KEYS) };
  }
  return null;
}

/** RFC 4180 fields: quotes, doubled quotes, separators and line breaks inside quotes. */
export function parseDelimited(input, sep) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (quoted) {
      if (c === '"') {
        if (input[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === sep) { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && input[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

function detectDelimited(firstLine) {
  for (const sep of ['\t', ';', ',']) {
    const cols = parseDelimited(firstLine, sep)[0] || [];
    if (cols.length > 1 && cols.some((c) => TEXT_KEYS.includes(c.trim().toLowerCase()))) return sep;
  }
  return null;
}

/**
 * @param {string} input
 * @returns {{comments: {id: string, text: string, author?: string}[], format: string, skipped: number, error?: string}}
 */
export function parseThread(input) {
  const src = String(input || '').replace(/^\uFEFF/, '');
  const trimmed = src.trim();
  if (!trimmed) return { comments: [], format: 'empty', skipped: 0 };

  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    try {
      const v = JSON.parse(trimmed);
      const list = Array.isArray(v) ? v : Array.isArray(v.comments) ? v.comments : [v];
      const comments = [];
      let skipped = 0;
      list.forEach((x, i) => {
        const c = fromObject(x, i + 1);
        if (c && c.text.trim()) comments.push(c); else skipped++;
      });
      return { comments, format: 'json', skipped };
    } catch (e) {
      if (trimmed.startsWith('{')) {
        // JSON Lines: one object per line
        const comments = [];
        let skipped = 0;
        trimmed.split(/\r?\n/).forEach((line, i) => {
          if (!line.trim()) return;
          try {
            const c = fromObject(JSON.parse(line), i + 1);
            if (c && c.text.trim()) comments.push(c); else skipped++;
          } catch { skipped++; }
        });
        if (comments.length) return { comments, format: 'jsonl', skipped };
      }
      return { comments: [], format: 'json', skipped: 0, error: e.message };
    }
  }

  const firstLine = trimmed.split(/\r?\n/, 1)[0];
  const sep = detectDelimited(firstLine);
  if (sep) {
    const [header, ...rows] = parseDelimited(trimmed, sep);
    const keys = header.map((h) => h.trim().toLowerCase());
    const comments = [];
    let skipped = 0;
    rows.forEach((r, i) => {
      const obj = {};
      keys.forEach((k, j) => { obj[k] = r[j] ?? ''; });
      const c = fromObject(obj, i + 1);
      if (c && c.text.trim()) comments.push(c); else skipped++;
    });
    return { comments, format: sep === ',' ? 'csv' : sep === ';' ? 'csv;' : 'tsv', skipped };
  }

  const comments = trimmed
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((text, i) => ({ id: String(i + 1), text }));
  return { comments, format: 'lines', skipped: 0 };
}
