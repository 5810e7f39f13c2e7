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
const { analyticsRead } = await import('#hub/analytics/scope');
const { conversationsCsv } = await import('#hub/analytics/csv');
const { analyticsReport } = await import('#hub/analytics/report');
const { rollupGroups, rollupReps, rollupWeek } = await import('#hub/analytics/rollup-figures');
const { everyDay } = await import('#hub/analytics/figures');

/** The figures as the hub answers them now: from the rollups (migration 0024). */
export const ROLLUP_READS = {
  groups: rollupGroups,
  perDay: async (tx, q) => everyDay(q, await rollupGroups(tx, q, 'day')),
  week: rollupWeek,
  reps: rollupReps,
  report: (db, q) => analyticsReport(db, q, 'rollups'),
};

export const YEAR = { from: '2025-01-01', to: '2025-12-31', tz: 'Europe/Rome' };
const MONTH = { ...YEAR, from: '2025-06-01', to: '2025-06-30' };

/** Each figure the bench times, as a function of a database, through `reads` (these or another tree's). */
export function figureSet(reads, read = analyticsRead) {
  const inTx = (fn) => (db) => read(db, fn);
  return {
    'totals, year': inTx((tx) => reads.groups(tx, YEAR, 'all')),
    'per day, year': inTx((tx) => reads.perDay(tx, YEAR)),
    'hours of the week, year': inTx((tx) => reads.week(tx, YEAR)),
    'per rep, year': inTx((tx) => reads.reps(tx, YEAR)),
    'by chat, year': inTx((tx) => reads.groups(tx, YEAR, 'chat')),
    'by queue, year': inTx((tx) => reads.groups(tx, YEAR, 'queue')),
    'by channel, year': inTx((tx) => reads.groups(tx, YEAR, 'channel')),
    'totals, one rep, year': inTx((tx) => reads.groups(tx, { ...YEAR, repId: 'r7' }, 'all')),
    'totals, one queue, year': inTx((tx) => reads.groups(tx, { ...YEAR, queueId: 'q3' }, 'all')),
    'totals, June': inTx((tx) => reads.groups(tx, MONTH, 'all')),
    'per day, June': inTx((tx) => reads.perDay(tx, MONTH)),
    // The Analytics screen's one request: every figure above for the range, as the hub answers it.
    'whole screen, year': (db) => reads.report(db, YEAR),
    'whole screen, June': (db) => reads.report(db, MONTH),
  };
}

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
  const times = {};
  for (const [name, fn] of Object.entries(figureSet(ROLLUP_READS))) times[name] = await timed(runs, () => fn(db));
  const csv = await exportRate(db, { ...YEAR, figure: 'all' });
  const csvMissed = await exportRate(db, { ...YEAR, figure: 'missed' });
  return { times, csv, csvMissed };
}

export async function analyticsBench({ conversations, runs }) {
  const server = await startTempPostgres(['fsync=off', 'shared_buffers=256MB']);
  const db = await openDb({ databaseUrl: server.url });
  try {
    await migrate(db);
    const generated = await generateYear(db, conversations);
    return { ...generated, ...(await timeFigures(db, runs)) };
  } finally {
    await db.close();
    await server.stop();
  }
}

// Run alone: node bench/analytics.mjs [conversations]
if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[2] ?? 1_000_000);
  const result = await analyticsBench({ conversations: n, runs: 5 });
  console.log(
    `generated ${n} conversations in ${result.generateS.toFixed(1)} s, rollups in ${result.rollupS.toFixed(1)} s`,
  );
  console.table(Object.fromEntries(Object.entries(result.times).map(([k, v]) => [k, { 'median ms': Math.round(v) }])));
  console.table({ 'all, year': result.csv, 'missed, year': result.csvMissed });
}
