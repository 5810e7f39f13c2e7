// Fan-out before/after, one tree at a time: `node bench/fanout-ab.mjs <tree>` runs that tree's own hub
// and a bare ws relay back to back (ROUNDS rounds, default 3) and prints p50/p99/p99.9, the highest
// rate held with p99 < 50 ms, and the hub/ws ratios (docs/PERFORMANCE.md, issue 12). The tree must
// have bench/fanout and its packages installed.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const tree = resolve(process.argv[2] ?? '.');
process.chdir(tree);
const { fanout } = await import(pathToFileURL(`${tree}/bench/fanout/index.mjs`).href);
const r = await fanout({
  reps: 100,
  visitors: 1000,
  rate: 20,
  warmupS: 5,
  measureS: 10,
  rounds: Number(process.env.ROUNDS ?? 3),
  rampRates: [40, 80, 160, 320],
  rampDown: [10, 5],
  rampS: 5,
  kinds: ['hub', 'ws'],
});
const out = {};
for (const [k, v] of Object.entries(r))
  out[k] = { p50: v.p50.toFixed(1), p99: v.p99.toFixed(1), p999: v.p999.toFixed(1), held: v.heldRate, lost: v.lost };
console.log(tree);
console.table(out);
console.log(`ratio hub/ws p50 ${(r.hub.p50 / r.ws.p50).toFixed(2)} p99 ${(r.hub.p99 / r.ws.p99).toFixed(2)}`);
