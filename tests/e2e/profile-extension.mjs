// Profile (not a test): a JavaScript CPU profile of the page while the extension badges a 5,000-comment page
// (the same page and warm-up as bench-extension.mjs), printed as self time by function, the largest first; the
// profile itself goes to PROFILE (default artifacts/extension.cpuprofile, for the browser's developer tools).
// Run: node tests/e2e/profile-extension.mjs [N]   (needs the built extension/pkg and extension/lib)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { start, waitForBadges } from './extension-harness.mjs';
import { PROBE, prepareBenchPage } from './scale-lib.mjs';

const N = Number(process.argv[2] || 5000);
const OUT = process.env.PROFILE
  || path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts/extension.cpuprofile');
const run = await start();
const { b } = run;
try {
  const url = await prepareBenchPage(run, N);
  const p = await b.context.newPage();
  await p.addInitScript(PROBE);
  const cdp = await b.context.newCDPSession(p);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await p.goto(url);
  await waitForBadges(p, N, 300000, { countOnly: true });
  const { profile } = await cdp.send('Profiler.stop');
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, JSON.stringify(profile));
  // self time by function
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas;
  profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    const f = n.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) || 0) + (dt[i] || 0));
  });
  const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, 40);
  console.log(`self time, ms (sampled every 0.1 ms, from navigation until all ${N} comments are badged):`);
  for (const [k, v] of rows) console.log((v / 1000).toFixed(1).padStart(7), k);
} finally {
  await run.stop();
}
