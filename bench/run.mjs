#!/usr/bin/env node
// `npm run bench`: prints tables of the figures we track. Timings are medians over several runs
// (machines here are shared and noisy); sizes are exact. Needs `npm run build` first.
import { hubStartTimes } from './hub-start.mjs';
import { entrypointSizes, widgetSize } from './sizes.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kib = (n) => (n / 1024).toFixed(1);
const runs = Number(process.env.BENCH_RUNS ?? 5);

console.log('\n## Extension and widget size (gzip -9)\n');
const sizes = entrypointSizes('.output/chrome-mv3');
console.table(Object.fromEntries(sizes.map((r) => [r.entrypoint, { files: r.files, 'gzip KiB': kib(r.gzipBytes) }])));
const widget = widgetSize('hub/widget/dist/widget.js');
console.table({ 'widget.js': { 'gzip KiB': widget === null ? 'not built' : kib(widget) } });

console.log(`\n## Hub start to ready (median of ${runs})\n`);
const { cold, warm } = await hubStartTimes(runs);
console.table({
  'cold (new data folder, migrate, seed)': { 'process → ready ms': Math.round(median(cold.map((r) => r.wallMs))), 'hub-reported ms': median(cold.map((r) => r.selfMs)) },
  'warm (existing data folder)': { 'process → ready ms': Math.round(median(warm.map((r) => r.wallMs))), 'hub-reported ms': median(warm.map((r) => r.selfMs)) },
});
