import type { AnalyticsQuery, AnalyticsReport } from '#protocol';
import type { Db } from '../storage/db';
import { everyDay, figuresBy, figuresByEach, totalsOf, weekHours } from './figures';
import { repFigures } from './reps';
import { rollupCuboid, rollupGroups, rollupReps, rollupWeek } from './rollup-figures';
import { analyticsRead } from './scope';

/**
 * The whole Analytics screen's data for one query (FEATURES H4), read in one read-only transaction.
 * From the rollups (migration 0022, rollup-figures.ts) wherever one holds the table asked for;
 * from the raw rows otherwise — a query with two filters, or the chat, queue and channel tables of a
 * filtered one — and always when `source` is 'raw' (the oracle the rollups are tested against).
 */
export type Source = 'rollups' | 'raw';

export function analyticsReport(db: Db, q: AnalyticsQuery, source: Source = 'rollups'): Promise<AnalyticsReport> {
  return analyticsRead(db, async (tx) => {
    const own = source === 'rollups' ? rollupCuboid(q) : null;
    if (!own) {
      const by = await figuresByEach(tx, q, ['all', 'day', 'chat', 'queue', 'channel']);
      return {
        totals: totalsOf(by.all),
        days: everyDay(q, by.day),
        week: await weekHours(tx, q),
        reps: await repFigures(tx, q),
        chats: by.chat,
        queues: by.queue,
        channels: by.channel,
      };
    }
    const unfiltered = own.cuboid === 'all';
    const group = (dimension: 'chat' | 'queue' | 'channel') =>
      unfiltered ? rollupGroups(tx, q, dimension) : figuresBy(tx, q, dimension);
    return {
      totals: totalsOf(await rollupGroups(tx, q, 'all')),
      days: everyDay(q, await rollupGroups(tx, q, 'day')),
      week: (await rollupWeek(tx, q)) ?? (await weekHours(tx, q)),
      reps: unfiltered || own.cuboid === 'rep' ? await rollupReps(tx, q) : await repFigures(tx, q),
      chats: await group('chat'),
      queues: await group('queue'),
      channels: await group('channel'),
    };
  });
}
