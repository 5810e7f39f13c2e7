import type { AnalyticsQuery } from '#protocol';
import type { Db, Sql } from '../storage/db';

/**
 * The conversations a query is about, as one SQL subquery (`scope`): those opened from the first
 * day's midnight to the midnight after the last day in the query's time zone (PostgreSQL's
 * `at time zone`, so daylight-saving days have 23 or 25 hours), narrowed by chat, queue, channel
 * and rep. Each row carries what every figure needs: its outcome class, its wait before a rep
 * joined and its handling time in whole seconds, and its local opening time. The definitions are
 * docs/ANALYTICS.md; change one there when you change it here.
 */

/** Collects parameters: `p(value)` returns its `$n`. */
export function paramList() {
  const params: unknown[] = [];
  return { params, p: (value: unknown) => `$${params.push(value)}` };
}
export type Param = (value: unknown) => string;

export type ScopeOptions = {
  /** Leave the rep out of the scope (the per-rep table filters its rows instead). */
  ignoreRep?: boolean;
  /** More conditions on `c` (conversations), e.g. a keyset position. */
  extra?: string[];
};

/** The outcome class of a conversation `c`: exactly one of four. */
export const OUTCOME = `case when c.status = 'abandoned' then 'abandoned' when c.missed_at is not null then 'missed'
  when c.first_rep_at is not null then 'answered' else 'unanswered' end`;

const seconds = (later: string, earlier: string) => `floor(extract(epoch from ${later} - ${earlier}))::int`;

/** The scope as a subquery, for `from (...) s`; `p` must be the parameter list of the whole statement. */
export function scopeSql(q: AnalyticsQuery, p: Param, options: ScopeOptions = {}): string {
  const tz = p(q.tz);
  const where = [
    `c.created_at >= (${p(q.from)}::date::timestamp at time zone ${tz})`,
    `c.created_at < ((${p(q.to)}::date + 1)::timestamp at time zone ${tz})`,
  ];
  if (q.chatId) where.push(`c.chat_id = ${p(q.chatId)}`);
  if (q.queueId) where.push(`c.queue_id = ${p(q.queueId)}`);
  if (q.channel) where.push(`c.channel = ${p(q.channel)}`);
  if (q.repId && !options.ignoreRep) {
    const rep = p(q.repId);
    where.push(
      `(c.first_rep_id = ${rep} or c.owner_id = ${rep} or c.id in (select conversation_id from conversation_facts where rep_id = ${rep}))`,
    );
  }
  where.push(...(options.extra ?? []));
  return `select c.id, c.chat_id, c.queue_id, c.channel, c.created_at, c.first_rep_id, c.owner_id,
           (c.created_at at time zone ${tz}) as local_at,
           ${OUTCOME} as outcome,
           case when c.status <> 'abandoned' and c.missed_at is null and c.first_rep_at is not null then ${seconds('c.first_rep_at', 'c.created_at')} end as wait_s,
           case when c.status in ('closed', 'archived') and c.first_rep_at is not null and c.closed_at is not null then ${seconds('c.closed_at', 'c.first_rep_at')} end as handling_s
      from conversations c
     where ${where.join('\n       and ')}`;
}

/** Facts, leads and bot runs of the conversations in scope can only be written after the range's start. */
export const sinceStart = (q: AnalyticsQuery, p: Param) => `(${p(q.from)}::date::timestamp at time zone ${p(q.tz)})`;

/** The rep a query is narrowed to, for facts and leads that belong to one rep. */
export const repOnly = (q: AnalyticsQuery, p: Param, column: string) =>
  q.repId ? ` and ${column} = ${p(q.repId)}` : '';

/**
 * Analytics read a year of rows in one statement: run them in a read-only transaction without JIT
 * (compiling the plan costs more than it saves on these scans) and with room to sort and hash in
 * memory. On PGlite these settings exist and change little.
 */
export function analyticsRead<T>(db: Db, fn: (tx: Sql) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query(`set transaction read only`);
    await tx.query(`set local jit = off`);
    await tx.query(`set local work_mem = '64MB'`);
    return fn(tx);
  });
}
