// Analytics before and after the rollups (issue 17), interleaved on one generated year: each figure
// timed through another tree's modules (the raw SQL, e.g. /work/main before 0024 landed) and through
// this tree's (the rollups), alternating which goes first each round; medians and the ratio, and a
// check that both answered the same. The machine may be shared: the load average is printed.
// node bench/analytics-ab.mjs [before-tree=/work/main] [conversations=1000000] [rounds=5]
import { isDeepStrictEqual } from 'node:util';
import { loadavg } from 'node:os';
import { startTempPostgres } from '../scripts/temp-postgres.mjs';
import { figureSet, ROLLUP_READS } from './analytics.mjs';
import { generateYear } from './analytics-data.mjs';

const [before = '/work/main', n = '1000000', rounds = '5'] = process.argv.slice(2);
const { openDb } = await import('#hub/storage/db');
const { migrate } = await import('#hub/storage/migrate');
const old = (file) => import(`${before}/hub/src/analytics/${file}.ts`);
const [{ figuresBy, figuresPerDay, weekHours }, { repFigures }, { analyticsReport }, { analyticsRead }] =
  await Promise.all([old('figures'), old('reps'), old('report'), old('scope')]);
const RAW_READS = {
  groups: figuresBy,
  perDay: figuresPerDay,
  week: weekHours,
  reps: repFigures,
  // The raw statements even in a tree that has rollups (an older tree's report takes no third argument).
  report: (db, q) => analyticsReport(db, q, 'raw'),
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

const server = await startTempPostgres(['fsync=off', 'shared_buffers=256MB']);
const db = await openDb({ databaseUrl: server.url });
try {
  await migrate(db);
  const generated = await generateYear(db, Number(n));
  console.log(
    `${n} conversations in ${generated.generateS.toFixed(1)} s, rollups in ${generated.rollupS.toFixed(1)} s`,
  );
  const [{ size }] = await db.query(
    `select pg_size_pretty(pg_total_relation_size('analytics_rollups') + pg_total_relation_size('analytics_lines')) as size`,
  );
  const [{ rows }] = await db.query(`select count(*)::int as rows from analytics_rollups`);
  console.log(`rollups: ${rows} rows; rollups and lines with indexes: ${size}; load average ${load()}`);
  const a = figureSet(RAW_READS, analyticsRead);
  const b = figureSet(ROLLUP_READS);
  const times = Object.fromEntries(Object.keys(a).map((k) => [k, { before: [], after: [], same: true }]));
  for (let round = 0; round < Number(rounds); round++) {
    for (const name of Object.keys(a)) {
      const order = round % 2 === 0 ? ['before', 'after'] : ['after', 'before'];
      const answers = {};
      for (const side of order) {
        const t0 = performance.now();
        answers[side] = await (side === 'before' ? a : b)[name](db);
        times[name][side].push(performance.now() - t0);
      }
      times[name].same &&= isDeepStrictEqual(answers.before, answers.after);
    }
    console.log(`round ${round + 1} done, load average ${load()}`);
  }
  console.table(
    Object.fromEntries(
      Object.entries(times).map(([k, t]) => [
        k,
        {
          'before ms': Math.round(median(t.before)),
          'after ms': Math.round(median(t.after)),
          ratio: `${(median(t.before) / median(t.after)).toFixed(1)}×`,
          'same answer': t.same,
        },
      ]),
    ),
  );
} finally {
  await db.close();
  await server.stop();
}
