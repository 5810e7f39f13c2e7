// The Parley hub as a bench server: its own process (so the load generator doesn't share its CPU),
// a fresh on-disk PGlite folder like `npm start` uses, demo data plus BENCH_REPS reps with tokens.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemo } from '#hub/demo/seed';
import { startHub } from '#hub/server';
import { scaleRates } from '#hub/net/hub-limits';
import { RATE_LIMITS } from '#protocol';
import { openDb } from '#hub/storage/db';
import { serveMemoryRequests } from './memory.mjs';
import { countStatements } from './sql-stats';
import { seedBenchReps } from './seed-reps';

const dir = mkdtempSync(join(tmpdir(), 'parley-bench-hub-'));
const db = await openDb(process.env.BENCH_HUB_MEMORY === '1' ? {} : { dataDir: join(dir, 'pglite') });
const sqlStats = process.env.BENCH_SQL_STATS === '1' ? countStatements(db) : null;
// The load generator sends each visitor's messages far faster than a person types: the limits
// (RATE_LIMITS, tested in tests/hub/visitor-flood.test.ts) would measure refusals, not the hub.
const hub = await startHub({ db, port: 0, rateLimits: scaleRates(RATE_LIMITS, 1_000_000) });
await seedDemo(db);
const tokens = await seedBenchReps(db, Number(process.env.BENCH_REPS ?? 100));
serveMemoryRequests();
// Told over the IPC channel, not printed: nothing parses a server's output.
process.send?.({ type: 'ready', port: hub.port, tokens });

process.on('SIGTERM', async () => {
  if (sqlStats) console.error(`hub statements (count, total time):\n${sqlStats()}`);
  await hub.close();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
});
