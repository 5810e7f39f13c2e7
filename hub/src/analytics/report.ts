import type { AnalyticsQuery, AnalyticsReport, Figures, RepFigures, WeekHour } from '#protocol';
import type { Db, Sql } from '../storage/db';
import {
  everyDay,
  figuresBy,
  figuresByEach,
  figuresPerDay,
  totals,
  totalsOf,
  weekHours,
  type Dimension,
} from './figures';
import { repFigures } from './reps';
import { rollupCuboid, rollupGroups, rollupReps, rollupWeek, type Group } from './rollup-figures';
import { analyticsRead } from './scope';

/**
 * The Analytics screen's data for one query (FEATURES H4), each table from the rollups (migration 0024,
 * rollup-figures.ts) wherever one holds it, from the raw rows otherwise — a query with two filters,
 * or the chat, queue and channel tables of a filtered one — and always when `source` is 'raw' (the
 * oracle the rollups are tested against). Run inside `analyticsRead`.
 */
export type Source = 'rollups' | 'raw';

export interface Tables {
  totals(): Promise<Figures>;
  days(): Promise<Array<Figures & { day: string }>>;
  week(): Promise<WeekHour[]>;
  reps(): Promise<RepFigures[]>;
  groups(dimension: Extract<Dimension, 'chat' | 'queue' | 'channel'>): Promise<Group[]>;
}

export function reportTables(tx: Sql, q: AnalyticsQuery, source: Source = 'rollups'): Tables {
  const own = source === 'rollups' ? rollupCuboid(q) : null;
  if (!own)
    return {
      totals: () => totals(tx, q),
      days: () => figuresPerDay(tx, q),
      week: () => weekHours(tx, q),
      reps: () => repFigures(tx, q),
      groups: (dimension) => figuresBy(tx, q, dimension),
    };
  const unfiltered = own.cuboid === 'all';
  return {
    totals: async () => totalsOf(await rollupGroups(tx, q, 'all')),
    days: async () => everyDay(q, await rollupGroups(tx, q, 'day')),
    week: async () => (await rollupWeek(tx, q)) ?? (await weekHours(tx, q)),
    reps: () => (unfiltered || own.cuboid === 'rep' ? rollupReps(tx, q) : repFigures(tx, q)),
    groups: (dimension) => (unfiltered ? rollupGroups(tx, q, dimension) : figuresBy(tx, q, dimension)),
  };
}

/** The whole screen in one read-only transaction; read raw, the totals and four tables are one statement. */
export function analyticsReport(db: Db, q: AnalyticsQuery, source: Source = 'rollups'): Promise<AnalyticsReport> {
  return analyticsRead(db, async (tx) => {
    if (source === 'raw' || !rollupCuboid(q)) {
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
    const tables = reportTables(tx, q);
    return {
      totals: await tables.totals(),
      days: await tables.days(),
      week: await tables.week(),
      reps: await tables.reps(),
      chats: await tables.groups('chat'),
      queues: await tables.groups('queue'),
      channels: await tables.groups('channel'),
    };
  });
}
