// Where a page's time goes, thread by thread, from a Chromium trace of the extension benchmark (not a test).
// Record the trace, then read it:
//   KR_CHROME_ARGS="--trace-startup=toplevel,v8.execute,devtools.timeline,ipc,extensions
//     --trace-startup-format=json --trace-startup-file=/tmp/kr-trace.json --trace-startup-duration=25"
//     node tests/e2e/bench-extension.mjs
//   node tests/e2e/trace-split.mjs /tmp/kr-trace.json [WINDOW_MS]
// From the load event of the last page loaded in a (non-extension) renderer (the benchmark's page) through
// WINDOW_MS (default 500: about the time until every comment is badged), it sums each thread's busy time (its
// outermost events, on the thread's CPU clock) and, for the page's main thread and the extension's service
// worker, the largest kinds of work. Prints Markdown.
import fs from 'node:fs';

const [file, windowArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node tests/e2e/trace-split.mjs TRACE.json [WINDOW_MS]');
  process.exit(2);
}
const WINDOW = Number(windowArg || 500) * 1000; // µs
const events = JSON.parse(fs.readFileSync(file, 'utf8')).traceEvents;

const procs = new Map();
const threads = new Map();
for (const e of events) {
  if (e.ph !== 'M') continue;
  if (e.name === 'process_name') procs.set(e.pid, e.args.name);
  if (e.name === 'thread_name') threads.set(`${e.pid}/${e.tid}`, e.args.name);
}
const loads = events.filter((e) => e.name === 'MarkLoad' && procs.get(e.pid) === 'Renderer');
if (!loads.length) {
  console.error('no page load in the trace (record it with the devtools.timeline category)');
  process.exit(2);
}
const load = loads.reduce((a, b) => (b.ts > a.ts ? b : a));
const [lo, hi] = [load.ts, load.ts + WINDOW];

// A thread's busy time: its outermost complete events (nested ones lie inside their parents; a worker thread's
// script runs in events outside any task event), on the thread's CPU clock (`tdur`: a task that waits for a
// core while the machine is busy does not count that wait), else their wall time; events are counted whole
// when they start in the window.
const outer = new Map();
for (const e of events) {
  if (e.ph !== 'X' || e.ts < lo || e.ts >= hi) continue;
  const k = `${e.pid}/${e.tid}`;
  if (!outer.has(k)) outer.set(k, []);
  outer.get(k).push(e);
}
const busy = new Map();
const wallOnly = new Set();
for (const [k, list] of outer) {
  list.sort((a, b) => a.ts - b.ts || (b.dur || 0) - (a.dur || 0));
  let end = -Infinity;
  let sum = 0;
  for (const e of list) {
    if (e.ts < end) continue; // inside the event before
    end = e.ts + (e.dur || 0);
    if (e.tdur === undefined) wallOnly.add(k);
    sum += e.tdur ?? e.dur ?? 0;
  }
  busy.set(k, sum);
}
const TOP = new Set(['ThreadControllerImpl::RunTask', 'ThreadPool_RunTask']);
const label = (k) => `${procs.get(Number(k.split('/')[0])) || '?'}${k.startsWith(`${load.pid}/`) ? ' (the page)' : ''} · ${threads.get(k) || '?'}${wallOnly.has(k) ? ' (partly wall time)' : ''}`;
const ms = (us) => (us / 1000).toFixed(1);
const rows = [...busy].sort((a, b) => b[1] - a[1]);
const total = rows.reduce((s, [, v]) => s + v, 0);
console.log(`| thread (${WINDOW / 1000} ms after the page's load event) | busy, CPU ms |`);
console.log('|---|---:|');
for (const [k, v] of rows.slice(0, 14)) console.log(`| ${label(k)} | ${ms(v)} |`);
console.log(`| all threads | **${ms(total)}** |`);

// The largest kinds of work inside the page's main thread and the service worker thread (their events in the
// window, wall time).
for (const [pid, name] of [[load.pid, 'CrRendererMain'], [null, 'ServiceWorker thread']]) {
  const kinds = new Map();
  for (const [k, list] of outer) {
    if (threads.get(k) !== name || (pid !== null && !k.startsWith(`${pid}/`))) continue;
    for (const e of list) if (!TOP.has(e.name)) kinds.set(e.name, (kinds.get(e.name) || 0) + (e.dur || 0));
  }
  const top = [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([n, v]) => `${n} ${ms(v)}`);
  console.log(`\n${name}${pid ? ' (the page)' : ''}, kinds of work (nested, so they overlap), ms: ${top.join(' · ')}`);
}
