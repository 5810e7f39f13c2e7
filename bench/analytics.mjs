// Analytics over a year of a busy shop (issue 17, FEATURES H4): a million generated conversations in a
// PostgreSQL started in a temp folder; each figure the hub computes, median ms of several runs, and
// the CSV export of the whole year's conversation list (rows/s, peak memory). The hub's own
// TypeScript modules do the work (loaded through tsx), so what is timed is what the hub runs.
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { register } from 'tsx/esm/api';
import { startTempPostgres } from '../scripts/temp-postgres.mjs';
import { generateYear } from './analytics-data.mjs';

register();
const { openDb } = await import('#hub/storage/db');
const { migrate } = await import('#hub/storage/migrate');
const { figuresBy, figuresPerDay, weekHours } = await import('#hub/analytics/figures');
const { analyticsRead } = await import('#hub/analytics/scope');
const { repFigures } = await import('#hub/analytics/reps');
const { conversationsCsv } = await import('#hub/analytics/csv');
const { analyticsReport } = await import('#hub/analytics/report');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timed(runs, fn) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** Streams the CSV into nothing; counts rows and samples the process's memory while it runs. */
async function exportRate(db, query) {
  let rows = -1; // the header
  let peak = process.memoryUsage().rss;
  const base = peak;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  await pipeline(
    conversationsCsv(db, query),
    new Writable({
      write(chunk, _enc, done) {
        for (const byte of chunk) if (byte === 10) rows++;
        done();
      },
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  return { rows, seconds, rowsPerS: rows / seconds, peakRssMiB: peak / 2 ** 20, growthMiB: (peak - base) / 2 ** 20 };
}

/** Each figure's median ms over `runs`, and the CSV export of the year, on a generated database. */
export async function timeFigures(db, runs) {
  const year = { from: '2025-01-01', to: '2025-12-31', tz: 'Europe/Rome' };
  const month = { ...year, from: '2025-06-01', to: '2025-06-30' };
  const figures = {
    'totals, year': (tx) => figuresBy(tx, year, 'all'),
    'per day, year': (tx) => figuresPerDay(tx, year),
    'hours of the week, year': (tx) => weekHours(tx, year),
    'per rep, year': (tx) => repFigures(tx, year),
    'by chat, year': (tx) => figuresBy(tx, year, 'chat'),
    'by queue, year': (tx) => figuresBy(tx, year, 'queue'),
    'by channel, year': (tx) => figuresBy(tx, year, 'channel'),
    'totals, one rep, year': (tx) => figuresBy(tx, { ...year, repId: 'r7' }, 'all'),
    'totals, one queue, year': (tx) => figuresBy(tx, { ...year, queueId: 'q3' }, 'all'),
    'totals, June': (tx) => figuresBy(tx, month, 'all'),
    'per day, June': (tx) => figuresPerDay(tx, month),
  };
  const times = {};
  for (const [name, fn] of Object.entries(figures)) times[name] = await timed(runs, () => analyticsRead(db, fn));
  // The Analytics screen's one request: every figure above for the range, as the hub answers it.
  times['whole screen, year'] = await timed(runs, () => analyticsReport(db, year));
  times['whole screen, June'] = await timed(runs, () => analyticsReport(db, month));
  const csv = await exportRate(db, { ...year, figure: 'all' });
  const csvMissed = await exportRate(db, { ...year, figure: 'missed' });
  return { times, csv, csvMissed };
}

export async function analyticsBench({ conversations, runs }) {
  const server = await startTempPostgres(['fsync=off', 'shared_buffers=256MB']);
  const db = await openDb({ databaseUrl: server.url });
  try {
    await migrate(db);
    const generateS = await generateYear(db, conversations);
    return { generateS, ...(await timeFigures(db, runs)) };
  } finally {
    await db.close();
    await server.stop();
  }
}

// Run alone: node bench/analytics.mjs [conversations]
if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[2] ?? 1_000_000);
  const result = await analyticsBench({ conversations: n, runs: 5 });
  console.log(`generated ${n} conversations in ${result.generateS.toFixed(1)} s`);
  console.table(Object.fromEntries(Object.entries(result.times).map(([k, v]) => [k, { 'median ms': Math.round(v) }])));
  console.table({ 'all, year': result.csv, 'missed, year': result.csvMissed });
}
