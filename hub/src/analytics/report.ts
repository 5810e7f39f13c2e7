import type { AnalyticsQuery, AnalyticsReport } from '#protocol';
import type { Db } from '../storage/db';
import { figuresBy, figuresPerDay, totals, weekHours } from './figures';
import { repFigures } from './reps';
import { analyticsRead } from './scope';

/** The whole Analytics screen's data for one query (FEATURES H4): every figure, read in one read-only transaction. */
export function analyticsReport(db: Db, q: AnalyticsQuery): Promise<AnalyticsReport> {
  return analyticsRead(db, async (tx) => ({
    totals: await totals(tx, q),
    days: await figuresPerDay(tx, q),
    week: await weekHours(tx, q),
    reps: await repFigures(tx, q),
    chats: await figuresBy(tx, q, 'chat'),
    queues: await figuresBy(tx, q, 'queue'),
    channels: await figuresBy(tx, q, 'channel'),
  }));
}
