// Several Parley hubs as one bench server (FEATURES I6): BENCH_HUBS hub processes on one PostgreSQL and
// Redis with nginx in front (scripts/cluster-start.mjs), demo data plus BENCH_REPS reps with tokens.
// The load generator talks to nginx only, which spreads the connections over the hubs.
import { openDb } from '#hub/storage/db';
import { startCluster } from '../../../scripts/cluster-start.mjs';
import { seedBenchReps } from './seed-reps';

const cluster = await startCluster({
  hubs: Number(process.env.BENCH_HUBS ?? 1),
  // The load generator sends far faster than people type: the limits would measure refusals, not the hubs.
  env: { PARLEY_RATE_LIMIT_SCALE: '1000000' },
});
const db = await openDb({ databaseUrl: cluster.databaseUrl });
const tokens = await seedBenchReps(db, Number(process.env.BENCH_REPS ?? 100));
await db.close();
process.send?.({ type: 'ready', port: Number(new URL(cluster.url).port), tokens });

process.on('SIGTERM', async () => {
  await cluster.stop();
  process.exit(0);
});
process.on('disconnect', () => void cluster.stop().then(() => process.exit(0)));
