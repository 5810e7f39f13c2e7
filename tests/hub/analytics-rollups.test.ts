import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyticsReport } from '#hub/analytics/report';
import type { Db } from '#hub/storage/db';
import { migrate } from '#hub/storage/migrate';
import { DRIFT, history, query, replayHistory, writeBase } from './analytics-history';
import { BACKENDS, openTestDb } from './support';

/**
 * Issue 17: the rollups (migration 0024) answer every figure of the Analytics screen exactly as the
 * raw rows do (`source: 'raw'`, the oracle), for random histories opened around midnights and clock
 * changes and changed later — transfers, takes, closes, deleted conversations, facts, leads and bot
 * runs — in any zone, half-hour ones too; and what the triggers keep equals a rebuild from scratch.
 */
const RUNS = Number(process.env.ROLLUP_RUNS ?? 12);

describe.each(BACKENDS)('analytics rollups on %s', (backend) => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb(backend);
    await migrate(db);
    await writeBase(db);
  }, 120_000);
  afterAll(() => db?.close());

  it('answer every figure of the report as the raw rows do, and stay equal to a rebuild after any change', async () => {
    await fc.assert(
      fc.asyncProperty(history, fc.array(query, { minLength: 2, maxLength: 3 }), async (h, queries) => {
        await replayHistory(db, h);
        expect(await db.query(DRIFT)).toEqual([]);
        for (const q of queries)
          expect(await analyticsReport(db, q, 'rollups')).toEqual(await analyticsReport(db, q, 'raw'));
      }),
      { numRuns: RUNS },
    );
  }, 600_000);

  it("back-fill the same rollups the triggers keep (the migration's and the bench's rebuild)", async () => {
    const KEPT = `select cuboid, span, start, key, measure, seconds, n from analytics_rollups where n <> 0
                   order by cuboid, span, start, key, measure, seconds`;
    await fc.assert(
      fc.asyncProperty(history, async (h) => {
        await replayHistory(db, h);
        const kept = await db.query(KEPT);
        await db.query('select analytics_rebuild()');
        expect(await db.query(KEPT)).toEqual(kept);
        const [{ n }] = await db.query<{ n: number }>('select count(*)::int as n from conversations');
        expect(kept.length > 0).toBe(n > 0);
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  }, 600_000);
});
