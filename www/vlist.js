// A virtual list in the page's own scroll: only the items in view (plus a margin above and below) are in the
// DOM; padding on the list stands in for the rest. Heights are measured once an item has been drawn and
// estimated (the mean of the first ones measured) until then, so items of any height work.
//
// A short list (up to `all` items) is drawn whole: nothing to gain there, and the browser's find-in-page sees all.
//
// Accessibility: the list has role="list", every drawn item role="listitem" with aria-setsize and
// aria-posinset, so a screen reader announces "item 12 of 10 000" although only a few items exist.
// Keyboard: ArrowDown / ArrowUp move to the next / previous item, Home / End to the first / last, PageDown /
// PageUp by ten; an item out of view is drawn before it gets the focus.

const KEYS = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 };

/**
 * @param {HTMLElement} box  the list element (its padding is managed here)
 * @param {{renderItem: (item: object, index: number) => HTMLElement, margin?: number, estimate?: number}} options
 */
export function createVirtualList(box, { renderItem, margin = 600, estimate = 170, all = 150 }) {
  box.setAttribute('role', 'list');
  let items = [];
  let heights = new WeakMap(); // item → measured height (px)
  let measuredSum = 0;
  let measuredCount = 0;
  let estimated = 0; // the estimate for items not drawn yet: fixed once the first items are measured, so
  // the positions of the others do not move as more are measured
  let nodes = new Map(); // item → its element, while drawn
  let offsets = new Float64Array(1); // offsets[k]: top of item k from the top of the list (gaps included)
  let first = 0;
  let end = 0;
  let frame = 0;
  let width = 0;

  let gapPx = null; // the list's row gap, read once (and again after a resize)
  const gap = () => {
    if (gapPx === null) gapPx = parseFloat(getComputedStyle(box).rowGap) || 0;
    return gapPx;
  };
  const guess = () => {
    if (!estimated && measuredCount) estimated = measuredSum / measuredCount;
    return estimated || estimate;
  };

  function layoutOffsets() {
    const g = gap();
    const fallback = guess();
    if (offsets.length !== items.length + 1) offsets = new Float64Array(items.length + 1);
    for (let k = 0; k < items.length; k++) offsets[k + 1] = offsets[k] + (heights.get(items[k]) ?? fallback) + g;
  }

  // first k with offsets[k + 1] > y
  function indexAt(y) {
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (offsets[mid + 1] > y) hi = mid; else lo = mid + 1;
    }
    return lo;
  }

  function draw(a, b) {
    const keep = new Set(items.slice(a, b));
    for (const [item, el] of nodes) {
      if (!keep.has(item)) { el.remove(); nodes.delete(item); }
    }
    let cursor = box.firstElementChild;
    for (let k = a; k < b; k++) {
      const item = items[k];
      let el = nodes.get(item);
      if (!el) {
        el = renderItem(item, k);
        el.setAttribute('role', 'listitem');
        nodes.set(item, el);
      }
      el.setAttribute('aria-setsize', String(items.length));
      el.setAttribute('aria-posinset', String(k + 1));
      el.dataset.index = String(k);
      if (el === cursor) cursor = cursor.nextElementSibling;
      else box.insertBefore(el, cursor);
    }
    first = a;
    end = b;
    pad();
  }

  function pad() {
    const n = items.length;
    box.style.paddingTop = `${offsets[first]}px`;
    box.style.paddingBottom = `${n ? offsets[n] - offsets[end] : 0}px`;
  }

  function measure() {
    let changed = false;
    for (let k = first; k < end; k++) {
      const item = items[k];
      const h = nodes.get(item).getBoundingClientRect().height;
      const old = heights.get(item);
      if (old === undefined) { measuredSum += h; measuredCount += 1; changed = true; } else if (Math.abs(old - h) > 0.5) changed = true;
      heights.set(item, h);
    }
    return changed;
  }

  /** Draws what is in view now. */
  function update() {
    frame = 0;
    if (items.length <= all) {
      draw(0, items.length);
      return;
    }
    for (let pass = 0; pass < 3; pass++) {
      const top = box.getBoundingClientRect().top; // the list's top in the viewport (padding included)
      const from = -top - margin;
      const to = -top + window.innerHeight + margin;
      const a = Math.min(indexAt(Math.max(0, from)), items.length - 1);
      let b = a;
      while (b < items.length && offsets[b] < to) b++;
      b = Math.max(b, a + 1);
      if (a === first && b === end && pass > 0) break;
      draw(a, b);
      if (!measure()) break;
      layoutOffsets();
      pad();
    }
  }

  function schedule() {
    if (!frame) frame = requestAnimationFrame(update);
  }

  function indexOf(el) {
    const card = el?.closest?.('[data-index]');
    return card && card.parentElement === box ? Number(card.dataset.index) : -1;
  }

  /** Draws item `k` (scrolling it into view) and focuses it. */
  function focusIndex(k) {
    if (k < 0 || k >= items.length) return;
    if (k < first || k >= end) {
      const top = box.getBoundingClientRect().top + window.scrollY;
      window.scrollTo(0, top + offsets[k] - 80);
      update();
    }
    const el = nodes.get(items[k]);
    if (el) el.focus();
  }

  box.addEventListener('keydown', (e) => {
    const k = indexOf(e.target);
    if (k < 0 || e.target.dataset.index === undefined) return;
    let to = null;
    if (e.key in KEYS) to = Math.max(0, Math.min(items.length - 1, k + KEYS[e.key]));
    else if (e.key === 'Home') to = 0;
    else if (e.key === 'End') to = items.length - 1;
    if (to === null) return;
    e.preventDefault();
    focusIndex(to);
  });
  window.addEventListener('scroll', schedule, { passive: true });
  new ResizeObserver(() => {
    const w = box.clientWidth;
    if (w === width) return;
    width = w;
    gapPx = null;
    heights = new WeakMap(); // a new width wraps text differently: measure again
    measuredSum = 0;
    measuredCount = 0;
    estimated = 0;
    layoutOffsets();
    schedule();
  }).observe(box);

  return {
    /** Shows `items` (drawn at once, so the DOM is up to date when this returns). */
    setItems(next) {
      items = next;
      layoutOffsets();
      first = 0;
      end = 0;
      update();
    },
    /** Forgets the drawn items and their heights (after a change of language): the next setItems draws anew. */
    reset() {
      for (const el of nodes.values()) el.remove();
      nodes = new Map();
      heights = new WeakMap();
      measuredSum = 0;
      measuredCount = 0;
      estimated = 0;
    },
    /** The elements drawn now. */
    drawn() { return [...nodes.values()]; },
    focusIndex,
    indexOf,
    get size() { return items.length; },
  };
}
