import type { AnalyticsQuery, AnalyticsReport } from '#protocol';
import type { Db } from '../storage/db';
import { everyDay, figuresByEach, totalsOf, weekHours } from './figures';
import { repFigures } from './reps';
import { analyticsRead } from './scope';

/**
 * The whole Analytics screen's data for one query (FEATURES H4): every figure, read in one read-only
 * transaction; the totals and the day, chat, queue and channel tables in one statement.
 */
export function analyticsReport(db: Db, q: AnalyticsQuery): Promise<AnalyticsReport> {
  return analyticsRead(db, async (tx) => {
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
  });
}
